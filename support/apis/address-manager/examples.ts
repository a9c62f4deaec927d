// Address Manager's documented requests for people who explore by hand: the seed's login, the session's
// Basic credentials on later requests, the logout, and the refusals of the catalogue (behaviours.ts).
// scripts/postman.ts makes the sandbox's Postman collection of them; the paths must stay routed by
// emulator.ts (tests/postman.test.ts).
import type { ApiExample } from '../examples';

const WITH_SESSION = { Authorization: 'Basic {{address-manager.credentials}}' };
const HAL = /^application\/hal\+json/;
const SESSION_LINK = /^\/api\/v2\/sessions\/\d+$/;
/** To the second, with Z, as the guide's example prints them (BAM-02). */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const REFUSED = { status: 401, code: 'InvalidAuthorizationCredentials' };
const login = (username: string, password: string) => ({ text: `{"username": "${username}", "password": "${password}"}`, language: 'json' as const });

export const examples: readonly ApiExample[] = [
  {
    name: 'Log in: the seed\'s POST /api/v2/sessions',
    behaviours: ['BAM-01', 'BAM-02'],
    method: 'POST',
    path: '/api/v2/sessions',
    headers: { 'Content-Type': 'application/json' },
    body: login('{{ADDRESS_MANAGER_USERNAME}}', '{{ADDRESS_MANAGER_PASSWORD}}'),
    expect: {
      status: 201,
      headers: { 'Content-Type': HAL, Location: SESSION_LINK },
      json: {
        type: 'UserSession',
        state: 'LOGGED_IN',
        readOnly: false,
        loginDateTime: DATE_TIME,
        apiTokenExpirationDateTime: DATE_TIME,
        logoutDateTime: null,
        'user.name': '{{ADDRESS_MANAGER_USERNAME}}',
        '_links.self.href': SESSION_LINK,
        '_links.collection.href': '/api/v2/sessions',
      },
      setsNoCookies: true,
    },
    capture: { json: { 'address-manager.credentials': 'basicAuthenticationCredentials', 'address-manager.sessionId': 'id' } },
  },
  {
    name: 'Read the session with Authorization: Basic basicAuthenticationCredentials',
    behaviours: ['BAM-04'],
    method: 'GET',
    path: '/api/v2/sessions/{{address-manager.sessionId}}',
    headers: WITH_SESSION,
    expect: { status: 200, headers: { 'Content-Type': HAL }, json: { state: 'LOGGED_IN' } },
  },
  {
    name: 'Read the current session',
    behaviours: ['BAM-06'],
    method: 'GET',
    path: '/api/v2/sessions/current',
    headers: WITH_SESSION,
    expect: { status: 200, json: { 'user.name': '{{ADDRESS_MANAGER_USERNAME}}' } },
  },
  {
    name: 'The current session without an Authorization header is refused',
    behaviours: ['BAM-06', 'BAM-07'],
    method: 'GET',
    path: '/api/v2/sessions/current',
    expect: { status: 401, json: REFUSED },
  },
  {
    name: 'Log out: PATCH the session to LOGGED_OUT',
    behaviours: ['BAM-08'],
    method: 'PATCH',
    path: '/api/v2/sessions/current',
    headers: { ...WITH_SESSION, 'Content-Type': 'application/merge-patch+json' },
    body: { text: '{"state": "LOGGED_OUT"}', language: 'json' },
    expect: { status: 200, json: { state: 'LOGGED_OUT', logoutDateTime: DATE_TIME } },
  },
  {
    name: 'After logout the credentials are refused',
    behaviours: ['BAM-08', 'SEC-03'],
    method: 'GET',
    path: '/api/v2/sessions/current',
    headers: WITH_SESSION,
    expect: { status: 401, json: REFUSED },
  },
  {
    name: 'A wrong password is refused, with no token',
    behaviours: ['BAM-07', 'SEC-01'],
    method: 'POST',
    path: '/api/v2/sessions',
    headers: { 'Content-Type': 'application/json' },
    body: login('{{ADDRESS_MANAGER_USERNAME}}', 'not-the-password'),
    expect: { status: 401, json: REFUSED, absent: ['apiToken'], setsNoCookies: true },
  },
  {
    name: 'An unknown user gets the same refusal',
    behaviours: ['BAM-07', 'SEC-02'],
    method: 'POST',
    path: '/api/v2/sessions',
    headers: { 'Content-Type': 'application/json' },
    body: login('nobody-by-this-name', '{{ADDRESS_MANAGER_PASSWORD}}'),
    expect: { status: 401, json: { ...REFUSED, message: 'The request authorization credentials are either missing or invalid' }, absent: ['apiToken'] },
  },
  {
    name: 'A login without a password is refused as a bad request',
    behaviours: ['BAM-07'],
    method: 'POST',
    path: '/api/v2/sessions',
    headers: { 'Content-Type': 'application/json' },
    body: { text: '{"username": "{{ADDRESS_MANAGER_USERNAME}}"}', language: 'json' },
    expect: { status: 400, json: { status: 400, code: 'MissingRequiredField' }, absent: ['apiToken'] },
  },
];
