// ALM's documented requests for people who explore by hand: the seed's API-key login and its five cookies,
// sent back on later requests, the XSRF rule, the logout, and the refusals of the catalogue
// (behaviours.ts). scripts/postman.ts makes the sandbox's Postman collection of them; the paths must stay
// routed by emulator.ts (tests/postman.test.ts).
import type { ApiExample } from '../examples';

const COOKIES = ['JSESSIONID', 'LWSSO_COOKIE_KEY', 'QCSession', 'ALM_USER', 'XSRF-TOKEN'];
/** The login's cookies "go in the header of all subsequent API messages". */
const WITH_SESSION = { Cookie: COOKIES.map((name) => `${name}={{alm.${name}}}`).join('; ') };
const JSON_TYPE = { 'Content-Type': 'application/json' };
const login = (clientId: string, secret: string) => ({ text: `{"clientId":"${clientId}", "secret":"${secret}"}`, language: 'json' as const });

export const examples: readonly ApiExample[] = [
  {
    name: 'Log in with the API key: an empty 200 and five cookies',
    behaviours: ['ALM-01'],
    method: 'POST',
    path: '/qcbin/rest/oauth2/login',
    headers: JSON_TYPE,
    body: login('{{ALM_CLIENT_ID}}', '{{ALM_SECRET}}'),
    expect: {
      status: 200,
      headers: { 'Content-Length': '0', 'X-Content-Type-Options': 'nosniff', Expires: 'Thu, 01 Jan 1970 00:00:00 GMT', 'X-XSS-protection': '1; mode=block' },
      cookieAttributes: Object.fromEntries(COOKIES.map((name) => [name, { path: '/qcbin', httpOnly: !['ALM_USER', 'XSRF-TOKEN'].includes(name) }])),
    },
    capture: { cookies: Object.fromEntries(COOKIES.map((name) => [`alm.${name}`, name])) },
  },
  {
    name: 'Ask whether the cookies authenticate',
    behaviours: ['ALM-07'],
    method: 'GET',
    path: '/qcbin/rest/is-authenticated',
    headers: WITH_SESSION,
    expect: { status: 200, headers: { 'Content-Type': /^application\/xml/ }, bodyIncludes: ['<AuthenticationInfo><Username>'] },
  },
  {
    name: 'Touch the site session, echoing XSRF-TOKEN in X-XSRF-TOKEN',
    behaviours: ['ALM-08'],
    method: 'PUT',
    path: '/qcbin/rest/site-session',
    headers: { ...WITH_SESSION, 'X-XSRF-TOKEN': '{{alm.XSRF-TOKEN}}' },
    expect: { status: 200 },
  },
  {
    name: 'A PUT without X-XSRF-TOKEN is refused',
    behaviours: ['ALM-08'],
    method: 'PUT',
    path: '/qcbin/rest/site-session',
    headers: WITH_SESSION,
    expect: { status: 401, bodyIncludes: ['qccore.xsrf-token-mismatch'] },
  },
  {
    name: 'A PUT with a forged X-XSRF-TOKEN is refused',
    behaviours: ['ALM-08'],
    method: 'PUT',
    path: '/qcbin/rest/site-session',
    headers: { ...WITH_SESSION, 'X-XSRF-TOKEN': 'forged' },
    expect: { status: 401, bodyIncludes: ['qccore.xsrf-token-mismatch'] },
  },
  {
    name: 'Log out: the cookies are expired',
    behaviours: ['ALM-08', 'SEC-03'],
    method: 'POST',
    path: '/qcbin/authentication-point/logout',
    headers: WITH_SESSION,
    expect: { status: 200, expiresCookies: ['LWSSO_COOKIE_KEY', 'QCSession'] },
  },
  {
    name: 'After logout the old cookies are refused',
    behaviours: ['ALM-08', 'SEC-03'],
    method: 'GET',
    path: '/qcbin/rest/is-authenticated',
    headers: WITH_SESSION,
    expect: { status: 401, headers: { 'WWW-Authenticate': /^LWSSO realm=/ } },
  },
  {
    name: 'A wrong secret is refused with 401',
    behaviours: ['ALM-02', 'SEC-01'],
    method: 'POST',
    path: '/qcbin/rest/oauth2/login',
    headers: JSON_TYPE,
    body: login('{{ALM_CLIENT_ID}}', 'not-the-secret'),
    expect: { status: 401, bodyIncludes: ['<Id>qccore.not-authenticated</Id>', '<Title>Incorrect secret.</Title>'], setsNoCookies: true },
  },
  {
    name: 'An API key that is not active is refused with 403',
    behaviours: ['ALM-03', 'SEC-01'],
    method: 'POST',
    path: '/qcbin/rest/oauth2/login',
    headers: JSON_TYPE,
    body: login('{{ALM_INACTIVE_CLIENT_ID}}', '{{ALM_INACTIVE_SECRET}}'),
    expect: { status: 403, bodyIncludes: ['<Id>qccore.operation-forbidden</Id>'], setsNoCookies: true },
  },
  {
    name: 'A client ID that does not exist is refused with 403 too',
    behaviours: ['ALM-03'],
    method: 'POST',
    path: '/qcbin/rest/oauth2/login',
    headers: JSON_TYPE,
    body: login('oauth2-noSuchKey0000@MyCompany.com', '{{ALM_SECRET}}'),
    expect: { status: 403, setsNoCookies: true },
  },
  {
    name: 'A refusal answers in JSON when asked to',
    behaviours: ['ALM-08'],
    method: 'POST',
    path: '/qcbin/rest/oauth2/login',
    headers: { ...JSON_TYPE, Accept: 'application/json' },
    body: login('{{ALM_CLIENT_ID}}', 'not-the-secret'),
    expect: { status: 401, headers: { 'Content-Type': /^application\/json/ }, json: { Id: 'qccore.not-authenticated' } },
  },
  {
    name: 'GET on the login is not allowed: only POST',
    behaviours: ['ALM-05'],
    method: 'GET',
    path: '/qcbin/rest/oauth2/login',
    expect: { status: 405, headers: { Allow: 'POST' }, setsNoCookies: true },
  },
  {
    name: 'A login sent as XML is an unsupported media type',
    behaviours: ['ALM-05'],
    method: 'POST',
    path: '/qcbin/rest/oauth2/login',
    headers: { 'Content-Type': 'application/xml' },
    body: { text: '<login><clientId>{{ALM_CLIENT_ID}}</clientId><secret>{{ALM_SECRET}}</secret></login>', language: 'xml' },
    expect: { status: 415, setsNoCookies: true },
  },
  {
    name: 'Without the cookies the probe asks for an LWSSO login',
    behaviours: ['ALM-07', 'SEC-04'],
    method: 'GET',
    path: '/qcbin/rest/is-authenticated',
    expect: { status: 401, headers: { 'WWW-Authenticate': /^LWSSO realm=/ } },
  },
];
