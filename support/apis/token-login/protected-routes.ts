// The Pégase 3 routes and how each authenticates (support/unauthenticated/routes.ts): the data API takes
// the login's JWT in the header Token; `npm run auth-features` writes
// features/token-login/unauthenticated.feature from this list, and tests/unauthenticated.test.ts holds the
// emulator's route table to it. Each way of lacking a session has its own documented code.
import type { ProtectedRoutes } from '../../unauthenticated/routes';

const error = (code: number, message: string) => [`the service answers code ${code}`, 'the response body matches the "token-login error" schema', `the JSON value at "$.message" matches "${message}"`];

export const PROTECTED_ROUTES = {
  source: 'TOK-03 and TOK-08 (the service\'s documentation and code): the code in the body, and an error body with its message',
  login: [
    { step: 'I send a GET request to "/login" with headers:', table: [['User-Name', '${TOKEN_LOGIN_USERNAME}'], ['Password', '${TOKEN_LOGIN_PASSWORD}']] },
    'I remember the JSON value at "$.token" as "token"',
  ],
  credentials: [{ header: 'Token', value: '{{token}}' }],
  served: 'the service answers code {status}',
  routes: [{ method: 'GET', path: '/company/info', served: 200 }],
  logins: [{ method: 'GET', path: '/login', why: 'the login: the User-Name and Password headers get the token (TOK-01, TOK-03, TOK-05)' }],
  open: [],
  refusal: { behaviours: ['TOK-08'], then: error(401, '^Token is not valid\\.$') },
  none: { behaviours: ['TOK-03'], then: error(402, '^Required field < ?Token ?> is not specified\\.$') },
  expiry: { after: '31 minutes', behaviours: ['TOK-08', 'TOK-02', 'SEC-03'], refusal: { behaviours: ['TOK-08'], then: error(498, '^Token has expired\\.$') } },
  logout: { never: 'the service has no logout, its token lives until it expires (TOK-02)' },
} satisfies ProtectedRoutes;
