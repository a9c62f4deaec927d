// The O2G routes and how each authenticates (support/unauthenticated/routes.ts): every sessions call
// needs the AlcUserId cookie an authenticate hands out; `npm run auth-features` writes
// features/o2g/unauthenticated.feature from this list, and tests/unauthenticated.test.ts holds the
// emulator's route table to it.
import type { ProtectedRoutes } from '../../unauthenticated/routes';

const refusal = ['the response status is 401', 'the response body matches the "o2g error" schema', 'the JSON value at "$.code" is 401'];

export const PROTECTED_ROUTES = {
  source: 'O2G-08 (read from the vendor\'s SDKs): 401 and an O2G error body',
  login: ['I have opened an O2G session'],
  credentials: [{ cookie: 'AlcUserId' }],
  served: 'the response status is {status}',
  routes: [
    { method: 'POST', path: '/api/rest/1.0//sessions', headers: { 'Content-Type': 'application/json' }, body: { text: '{"applicationName": "${O2G_APPLICATION_NAME}"}', contentType: 'application/json' }, served: 200 },
    { method: 'GET', path: '/api/rest/1.0/sessions', served: 200 },
    { method: 'POST', path: '/api/rest/1.0/sessions/keepalive', served: 204 },
    { method: 'DELETE', path: '/api/rest/1.0/sessions', served: 204 },
  ],
  logins: [{ method: 'GET', path: '/api/rest/authenticate?version=1.0', why: 'the login: Basic credentials get the AlcUserId cookie (O2G-01, O2G-08)' }],
  open: [{ method: 'GET', path: '/api/rest', why: 'the discovery document answers without credentials (O2G-06)' }],
  refusal: { behaviours: ['O2G-08'], then: refusal },
  expiry: { after: '31 minutes', behaviours: ['O2G-09', 'SEC-03'] },
  logout: { route: 'DELETE /api/rest/1.0/sessions', status: 204, behaviours: ['O2G-09', 'SEC-03'] },
} satisfies ProtectedRoutes;
