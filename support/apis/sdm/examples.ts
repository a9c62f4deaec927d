// Oracle SDM's documented requests for people who explore by hand: the seed's XML and JSON logins, the
// session cookie on the inventory, the logout, and the refusals of the catalogue (behaviours.ts).
// scripts/postman.ts makes the sandbox's Postman collection of them; the paths must stay routed by
// emulator.ts (tests/postman.test.ts).
import type { ApiExample } from '../examples';

const LOGIN = '/rest/{{SDM_API_VERSION}}/admin/login';
const DEVICE_GROUPS = '/rest/{{SDM_API_VERSION}}/inventory/deviceMgmt/deviceGroups';
const XML = { Accept: 'application/xml', 'Content-Type': 'application/xml' };
const WITH_SESSION = { Accept: 'application/xml', Cookie: 'JSESSIONID={{sdm.JSESSIONID}}' };
/** The seed's request.xml. */
const session = (user: string, password: string) => ({
  text: `<?xml version="1.0" encoding="UTF-8"?>\n<session>\n<userName>${user}</userName>\n<password>${password}</password>\n</session>`,
  language: 'xml' as const,
});

export const examples: readonly ApiExample[] = [
  {
    name: 'Log in with the seed\'s XML request body',
    behaviours: ['SDM-01', 'SDM-03'],
    method: 'POST',
    path: LOGIN,
    headers: XML,
    body: session('{{SDM_USERNAME}}', '{{SDM_PASSWORD}}'),
    expect: {
      status: 200,
      headers: { 'Content-Type': /^application\/xml/, 'X-Frame-Options': 'SAMEORIGIN' },
      bodyIncludes: ['<userName>{{SDM_USERNAME}}</userName>', '<sessionId>', '<idleTimeout>', '<userGroup>', '<validUntil>'],
      bodyExcludes: ['<password>'],
      cookieAttributes: { JSESSIONID: { path: '/rest', httpOnly: true } },
    },
    capture: { cookies: { 'sdm.JSESSIONID': 'JSESSIONID' } },
  },
  {
    name: 'Read the device groups with the session cookie',
    behaviours: ['SDM-03', 'SDM-08'],
    method: 'GET',
    path: DEVICE_GROUPS,
    headers: WITH_SESSION,
    expect: { status: 200, bodyIncludes: ['<deviceGroups>'] },
  },
  {
    name: 'Log out',
    behaviours: ['SDM-08', 'SEC-03'],
    method: 'POST',
    path: '/rest/{{SDM_API_VERSION}}/admin/logout',
    headers: WITH_SESSION,
    expect: { status: 204, expiresCookies: ['JSESSIONID'] },
  },
  {
    name: 'After logout the old cookie is refused',
    behaviours: ['SDM-08', 'SEC-03'],
    method: 'GET',
    path: DEVICE_GROUPS,
    headers: WITH_SESSION,
    expect: { status: 401, bodyIncludes: ['The session ID is invalid.'] },
  },
  {
    name: 'Log in with the seed\'s JSON request body: answered in JSON',
    behaviours: ['SDM-02'],
    method: 'POST',
    path: LOGIN,
    // No Accept of its own (Postman sends */*): the answer follows the request's format.
    headers: { 'Content-Type': 'application/json' },
    body: { text: '{\n"userName": "{{SDM_USERNAME}}",\n"password": "{{SDM_PASSWORD}}"\n}', language: 'json' },
    expect: { status: 200, headers: { 'Content-Type': /^application\/json/ }, json: { userName: '{{SDM_USERNAME}}', idleTimeout: 0 }, setsCookies: ['JSESSIONID'] },
  },
  {
    name: 'Log out without a session is refused',
    behaviours: ['SDM-08'],
    method: 'POST',
    path: '/rest/{{SDM_API_VERSION}}/admin/logout',
    headers: { Accept: 'application/xml' },
    expect: { status: 401, setsNoCookies: true },
  },
  {
    name: 'An XML login that accepts JSON is answered in JSON',
    behaviours: ['SDM-01', 'SDM-02'],
    method: 'POST',
    path: LOGIN,
    headers: { Accept: 'application/json', 'Content-Type': 'application/xml' },
    body: session('{{SDM_USERNAME}}', '{{SDM_PASSWORD}}'),
    expect: { status: 200, headers: { 'Content-Type': /^application\/json/ }, json: { userName: '{{SDM_USERNAME}}' } },
  },
  {
    name: 'A wrong password is refused with 401, and no cookie',
    behaviours: ['SDM-06', 'SEC-01'],
    method: 'POST',
    path: LOGIN,
    headers: XML,
    body: session('{{SDM_USERNAME}}', 'not-the-password'),
    expect: { status: 401, bodyIncludes: ['The user ID or password is invalid.'], setsNoCookies: true },
  },
  {
    name: 'An unknown user gets the same refusal',
    behaviours: ['SDM-06', 'SEC-02'],
    method: 'POST',
    path: LOGIN,
    headers: XML,
    body: session('nobody-by-this-name', '{{SDM_PASSWORD}}'),
    expect: { status: 401, bodyIncludes: ['The user ID or password is invalid.'], setsNoCookies: true },
  },
  {
    name: 'A truncated XML body is refused as invalid input',
    behaviours: ['SDM-05'],
    method: 'POST',
    path: LOGIN,
    headers: XML,
    body: { text: '<session><userName>{{SDM_USERNAME}}</userName><password>', language: 'xml' },
    expect: { status: 400, bodyIncludes: ['The user input is invalid.'], setsNoCookies: true },
  },
  {
    name: 'A login without a password is refused as invalid input',
    behaviours: ['SDM-05', 'SEC-01'],
    method: 'POST',
    path: LOGIN,
    headers: XML,
    body: { text: '<session><userName>{{SDM_USERNAME}}</userName></session>', language: 'xml' },
    expect: { status: 400, bodyIncludes: ['The user input is invalid.'], setsNoCookies: true },
  },
  {
    name: 'A form-encoded login is an unsupported media type',
    behaviours: ['SDM-05', 'SEC-01'],
    method: 'POST',
    path: LOGIN,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: { text: 'userName={{SDM_USERNAME}}&password={{SDM_PASSWORD}}', language: 'text' },
    expect: { status: 415, setsNoCookies: true },
  },
  {
    name: 'A login to an unknown REST API version is refused with 404',
    behaviours: ['SDM-07'],
    method: 'POST',
    path: '/rest/v9.9/admin/login',
    headers: XML,
    body: session('{{SDM_USERNAME}}', '{{SDM_PASSWORD}}'),
    expect: { status: 404, bodyIncludes: ['The REST API version of your input request cannot be found.'], setsNoCookies: true },
  },
];
