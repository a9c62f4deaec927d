// The Address Manager routes and how each authenticates (support/unauthenticated/routes.ts): every v2
// call after the login carries "Authorization: Basic base64(username:apiToken)"; `npm run auth-features`
// writes features/address-manager/unauthenticated.feature from this list, and
// tests/unauthenticated.test.ts holds the emulator's route table to it.
import type { ProtectedRoutes } from '../../unauthenticated/routes';

const logout = { headers: { 'Content-Type': 'application/merge-patch+json' }, body: { text: '{"state": "LOGGED_OUT"}', contentType: 'application/merge-patch+json' } };

export const PROTECTED_ROUTES = {
  source: 'BAM-07 (read from the vendor\'s client library): 401, an error body {status, reason, code, message} with the code InvalidAuthorizationCredentials',
  login: ['I have logged in to Address Manager'],
  credentials: [{ basic: { user: '${ADDRESS_MANAGER_USERNAME}', secret: '{{api token}}' } }],
  served: 'the response status is {status}',
  routes: [
    { method: 'GET', path: '/api/v2/sessions', served: 200 },
    { method: 'GET', path: '/api/v2/sessions/current', served: 200 },
    { method: 'GET', path: '/api/v2/sessions/{{session id}}', served: 200 },
    { method: 'PATCH', path: '/api/v2/sessions/current', ...logout, served: 200 },
    { method: 'PATCH', path: '/api/v2/sessions/{{session id}}', ...logout, served: 200 },
  ],
  logins: [{ method: 'POST', path: '/api/v2/sessions', why: 'the login: a username and password create the session (BAM-01, BAM-07)' }],
  open: [],
  refusal: {
    behaviours: ['BAM-07'],
    then: ['the response status is 401', 'the response body matches the "address-manager error" schema', 'the JSON value at "$.code" is "InvalidAuthorizationCredentials"', 'the JSON body has no "apiToken"'],
  },
  expiry: { after: '24 hours', behaviours: ['BAM-09', 'SEC-03'] },
  logout: { route: 'PATCH /api/v2/sessions/current', status: 200, behaviours: ['BAM-08', 'SEC-03'] },
} satisfies ProtectedRoutes;
