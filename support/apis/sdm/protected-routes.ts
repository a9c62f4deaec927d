// The Oracle SDM routes and how each authenticates (support/unauthenticated/routes.ts): later requests
// carry the login's JSESSIONID cookie; `npm run auth-features` writes features/sdm/unauthenticated.feature
// from this list, and tests/unauthenticated.test.ts holds the emulator's route table to it.
import type { ProtectedRoutes } from '../../unauthenticated/routes';

export const PROTECTED_ROUTES = {
  source: 'SDM-08 (read from the wider SDM REST documentation): 401; the error body is not documented, so only the status is asserted',
  login: ['I am logged in to SDM'],
  credentials: [{ cookie: 'JSESSIONID' }],
  served: 'the response status is {status}',
  routes: [
    { method: 'GET', path: '/rest/${SDM_API_VERSION}/inventory/deviceMgmt/deviceGroups', headers: { Accept: 'application/xml' }, served: 200 },
    { method: 'POST', path: '/rest/${SDM_API_VERSION}/admin/logout', served: 204 },
  ],
  logins: [{ method: 'POST', path: '/rest/${SDM_API_VERSION}/admin/login', why: 'the login: an XML or JSON userName and password open the session (SDM-01, SDM-02, SDM-06)' }],
  open: [{ method: 'GET', path: '/rest/v9.9/inventory/deviceMgmt/deviceGroups', why: 'an unknown REST API version answers 404 before any session is read (SDM-07)' }],
  refusal: { behaviours: ['SDM-08'], then: ['the response status is 401'] },
  expiry: { never: 'a session reports idleTimeout 0, "valid until logout" (SDM-03): only a logout ends it' },
  logout: { route: 'POST /rest/${SDM_API_VERSION}/admin/logout', status: 204, behaviours: ['SEC-03'] },
} satisfies ProtectedRoutes;
