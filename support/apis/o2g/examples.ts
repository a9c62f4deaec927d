// O2G's documented requests for people who explore by hand: the O2G_TUTO walkthrough (authenticate with
// Basic Auth, Postman keeps AlcUserId, open the session), then the session's life and the refusals of the
// catalogue (behaviours.ts). scripts/postman.ts makes the sandbox's Postman collection of them; the paths
// must stay routed by emulator.ts (tests/postman.test.ts).
import type { ApiExample } from '../examples';

const JSON_TYPE = { 'Content-Type': 'application/json' };
const SESSION_BODY = { text: '{"applicationName": "{{O2G_APPLICATION_NAME}}"}', language: 'json' } as const;
const BY_HAND = { Cookie: 'AlcUserId={{o2g.AlcUserId}}' };
const O2G_ERROR_401 = { httpStatus: 'UNAUTHORIZED', code: 401 };

export const examples: readonly ApiExample[] = [
  {
    name: 'Discover the authenticate URL',
    behaviours: ['O2G-06'],
    method: 'GET',
    path: '/api/rest',
    expect: { status: 200, json: { 'versions.0.id': '1.0', 'versions.0.status': 'CURRENT' } },
  },
  {
    name: 'Authenticate with Basic Auth (Postman keeps the AlcUserId cookie)',
    behaviours: ['O2G-01', 'O2G-02', 'O2G-05'],
    method: 'GET',
    path: '/api/rest/authenticate?version=1.0',
    basicAuth: { username: '{{O2G_USERNAME}}', password: '{{O2G_PASSWORD}}' },
    cookieJar: true,
    expect: { status: 200, headers: { 'Content-Type': /^application\/json/ }, json: { publicUrl: /\/api\/rest\/1\.0\/sessions$/, internalUrl: /\/api\/rest\/1\.0\/sessions$/ } },
    capture: { cookies: { 'o2g.AlcUserId': 'AlcUserId' } },
  },
  {
    name: 'Open a session with the kept cookie, at the tutorial\'s 1.0//sessions',
    behaviours: ['O2G-02', 'O2G-04', 'O2G-07'],
    method: 'POST',
    path: '/api/rest/1.0//sessions',
    headers: JSON_TYPE,
    body: SESSION_BODY,
    cookieJar: true,
    expect: { status: 200, json: { login: '{{O2G_USERNAME}}', timeToLive: 1800, publicBaseUrl: /\/api\/rest\/1\.0$/, 'services.0.serviceName': /\S/ } },
  },
  {
    name: 'Read the session with the cookie sent by hand',
    behaviours: ['O2G-03', 'O2G-09'],
    method: 'GET',
    path: '/api/rest/1.0/sessions',
    headers: BY_HAND,
    expect: { status: 200, json: { login: '{{O2G_USERNAME}}' } },
  },
  {
    name: 'Keep the session alive',
    behaviours: ['O2G-09'],
    method: 'POST',
    path: '/api/rest/1.0/sessions/keepalive',
    headers: BY_HAND,
    expect: { status: 204 },
  },
  {
    name: 'Opening a session without the AlcUserId cookie is refused',
    behaviours: ['O2G-08'],
    method: 'POST',
    path: '/api/rest/1.0//sessions',
    headers: JSON_TYPE,
    body: SESSION_BODY,
    expect: { status: 401, json: O2G_ERROR_401, absent: ['login'] },
  },
  {
    name: 'Log out',
    behaviours: ['O2G-09'],
    method: 'DELETE',
    path: '/api/rest/1.0/sessions',
    headers: BY_HAND,
    expect: { status: 204 },
  },
  {
    name: 'After logout the old cookie is refused',
    behaviours: ['O2G-09', 'SEC-03'],
    method: 'GET',
    path: '/api/rest/1.0/sessions',
    headers: BY_HAND,
    expect: { status: 401, json: O2G_ERROR_401 },
  },
  {
    name: 'A wrong password is refused, with no cookie',
    behaviours: ['O2G-08', 'SEC-01'],
    method: 'GET',
    path: '/api/rest/authenticate?version=1.0',
    basicAuth: { username: '{{O2G_USERNAME}}', password: 'not-the-password' },
    expect: { status: 401, json: O2G_ERROR_401, setsNoCookies: true },
  },
  {
    name: 'An unknown user gets the same refusal',
    behaviours: ['O2G-08', 'SEC-02'],
    method: 'GET',
    path: '/api/rest/authenticate?version=1.0',
    basicAuth: { username: 'nobody-by-this-name', password: '{{O2G_PASSWORD}}' },
    expect: { status: 401, json: { ...O2G_ERROR_401, helpMessage: 'Authentication failed: wrong login or password.' }, setsNoCookies: true },
  },
  {
    name: 'A Basic value without a colon is refused',
    behaviours: ['O2G-08'],
    method: 'GET',
    path: '/api/rest/authenticate?version=1.0',
    headers: { Authorization: 'Basic bm8tY29sb24taGVyZQ==' },
    expect: { status: 401, json: O2G_ERROR_401, setsNoCookies: true },
  },
  {
    name: 'Authenticating without an Authorization header is refused',
    behaviours: ['O2G-08'],
    method: 'GET',
    path: '/api/rest/authenticate?version=1.0',
    expect: { status: 401, json: O2G_ERROR_401, setsNoCookies: true },
  },
];
