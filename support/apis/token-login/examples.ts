// Pégase 3's documented requests for people who explore by hand: the seed's header login, the token on the
// data API, and the refusals of the catalogue (behaviours.ts). There is no logout: the token simply lapses.
// At the documented version every answer is HTTP 200 with the code in the body; with
// TOKEN_LOGIN_STATUS_MODE=mirror the HTTP status is the code (TOK-07), and the requests expect that.
// scripts/postman.ts makes the sandbox's Postman collection of them; the paths must stay routed by
// emulator.ts (tests/postman.test.ts).
import type { ApiExample, Expectation } from '../examples';

const LOGIN = { 'User-Name': '{{TOKEN_LOGIN_USERNAME}}', Password: '{{TOKEN_LOGIN_PASSWORD}}' };

/** The service's answer with `code` in the body: HTTP 200, or the code itself in mirror mode. */
function code(value: number, fields: Expectation['json'] = {}): Pick<Expectation, 'status' | 'statusWhen' | 'json'> {
  return { status: 200, statusWhen: { variable: 'TOKEN_LOGIN_STATUS_MODE', equals: 'mirror', status: value }, json: { code: value, ...fields } };
}

export const examples: readonly ApiExample[] = [
  {
    name: 'Log in with the User-Name and Password headers',
    behaviours: ['TOK-01', 'TOK-06'],
    method: 'GET',
    path: '/login',
    headers: LOGIN,
    expect: { ...code(200, { status: 'ok', token: /^[\w-]+\.[\w-]+\.[\w-]+$/ }), headers: { 'Content-Type': /^application\/json/ }, absent: ['message'], setsNoCookies: true },
    capture: { json: { 'token-login.token': 'token' } },
  },
  {
    name: 'Read the company with the Token header',
    behaviours: ['TOK-08'],
    method: 'GET',
    path: '/company/info',
    headers: { Token: '{{token-login.token}}' },
    expect: { ...code(200, { status: 'ok' }) },
  },
  {
    name: 'A tampered token is not valid',
    behaviours: ['TOK-08'],
    method: 'GET',
    path: '/company/info',
    headers: { Token: '{{token-login.token}}x' },
    expect: { ...code(401, { message: 'Token is not valid.' }), absent: ['data'] },
  },
  {
    name: 'A missing Password header is refused with code 402',
    behaviours: ['TOK-03', 'TOK-06'],
    method: 'GET',
    path: '/login',
    headers: { 'User-Name': '{{TOKEN_LOGIN_USERNAME}}' },
    expect: { ...code(402, { status: 'error', message: 'Required field <Password> is not specified.' }), absent: ['token'] },
  },
  {
    name: 'Without either header the service names User-Name first',
    behaviours: ['TOK-03'],
    method: 'GET',
    path: '/login',
    expect: { ...code(402, { status: 'error', message: 'Required field <User-Name> is not specified.' }), absent: ['token'] },
  },
  {
    name: 'An empty User-Name header is refused with code 402',
    behaviours: ['TOK-04', 'TOK-06'],
    method: 'GET',
    path: '/login',
    headers: { 'User-Name': '', Password: '{{TOKEN_LOGIN_PASSWORD}}' },
    expect: { ...code(402, { status: 'error', message: 'Required field <User-Name> is empty.' }), absent: ['token'] },
  },
  {
    name: 'A wrong password is refused with "Data not found.", and no token',
    behaviours: ['TOK-05', 'TOK-06', 'SEC-01'],
    method: 'GET',
    path: '/login',
    headers: { 'User-Name': '{{TOKEN_LOGIN_USERNAME}}', Password: 'not-the-password' },
    expect: { ...code(404, { status: 'error', message: 'Data not found.' }), absent: ['token'], setsNoCookies: true },
  },
  {
    name: 'An unknown user gets the same refusal',
    behaviours: ['TOK-05', 'SEC-02'],
    method: 'GET',
    path: '/login',
    headers: { 'User-Name': 'nobody-by-this-name', Password: '{{TOKEN_LOGIN_PASSWORD}}' },
    expect: { ...code(404, { status: 'error', message: 'Data not found.' }), absent: ['token'] },
  },
  {
    name: 'The login only answers GET',
    behaviours: ['TOK-08'],
    method: 'POST',
    path: '/login',
    headers: LOGIN,
    expect: { status: 405, headers: { Allow: /\bGET\b/ } },
  },
];
