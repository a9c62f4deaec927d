// The ALM routes and how each authenticates (support/unauthenticated/routes.ts): the login's cookies
// prove the session, and a non-GET call echoes XSRF-TOKEN in X-XSRF-TOKEN; `npm run auth-features`
// writes features/alm/unauthenticated.feature from this list, and tests/unauthenticated.test.ts holds the
// emulator's route table to it.
import type { ProtectedRoutes } from '../../unauthenticated/routes';

const logout = (method: string) => ({ method, path: '/qcbin/authentication-point/logout', why: 'logout answers 200 whether or not the call names a session (ALM-08)' });

export const PROTECTED_ROUTES = {
  source: 'ALM-08 (read from ALM\'s REST documentation): 401 and a QCRestException',
  login: ['I am logged in to ALM with the active API key'],
  credentials: [{ cookie: 'LWSSO_COOKIE_KEY' }, { cookie: 'QCSession' }, { cookie: 'XSRF-TOKEN' }, { header: 'X-XSRF-TOKEN', echoes: 'XSRF-TOKEN' }],
  served: 'the response status is {status}',
  routes: [
    { method: 'GET', path: '/qcbin/rest/is-authenticated', served: 200 },
    { method: 'GET', path: '/qcbin/rest/site-session', served: 200 },
    { method: 'PUT', path: '/qcbin/rest/site-session', served: 200 },
    { method: 'DELETE', path: '/qcbin/rest/site-session', served: 200 },
  ],
  logins: [{ method: 'POST', path: '/qcbin/rest/oauth2/login', why: 'the login: an API key\'s client ID and secret open the session (ALM-01, ALM-02, ALM-03)' }],
  open: [logout('POST'), logout('PUT'), logout('DELETE')],
  refusal: { behaviours: ['ALM-08'], then: ['the response status is 401', 'the response body matches the "alm exception" schema'] },
  expiry: { after: '61 minutes', behaviours: ['SEC-03'] },
  logout: { route: 'POST /qcbin/authentication-point/logout', status: 200, behaviours: ['SEC-03'] },
} satisfies ProtectedRoutes;
