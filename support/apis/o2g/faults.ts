// The o2g emulator's faults: each a small, realistic regression of documented behaviours, written as an
// override of one named part of emulator.ts. `npm run mutation` switches each on in turn and expects a
// scenario tagged with one of its behaviours to fail.
import { randomBytes } from 'node:crypto';
import { decodeJwt, signHs256 } from '../../jwt';
import { faultCatalogue } from '../../emulators/kit';
import { basicCredentials, cookieValue, withHeaders } from '../../emulators/types';
import type { O2gParts } from './emulator';

export const O2G_FAULTS = faultCatalogue<O2gParts>([
  { name: 'cookie-renamed', behaviours: ['O2G-01', 'O2G-03'], says: 'names the authentication cookie AlcUserToken instead of AlcUserId', override: () => ({ cookieName: 'AlcUserToken' }) },
  { name: 'cookie-not-httponly', behaviours: ['SEC-03'], says: 'sets AlcUserId without the HttpOnly attribute', override: () => ({ cookieAttributes: 'Path=/' }) },
  {
    name: 'cookie-path-authenticate',
    behaviours: ['O2G-02'],
    says: 'scopes AlcUserId to Path=/api/rest/authenticate, so a cookie jar never sends it to the sessions URL',
    override: () => ({ cookieAttributes: 'Path=/api/rest/authenticate; HttpOnly' }),
  },
  {
    name: 'credential-differs-from-cookie',
    behaviours: ['O2G-05'],
    says: 'returns a credential in the body that differs from the AlcUserId cookie value',
    override: (o) => ({ authenticateBody: (request, login) => ({ ...o.authenticateBody(request, login), credential: signHs256({ sub: login.user, iat: 0 }, 'other', { alg: 'HS256' }) }) }),
  },
  { name: 'credential-not-jwt', behaviours: ['O2G-05'], says: 'issues an opaque hex credential instead of a JWT', override: () => ({ newCredential: () => randomBytes(24).toString('hex') }) },
  {
    name: 'authenticate-urls-wrong',
    behaviours: ['O2G-05'],
    says: 'points publicUrl and internalUrl at the authenticate URL instead of the sessions URL',
    override: (o, p) => ({
      authenticateBody: (request, login) => {
        const url = `${p.origin(request)}/api/rest/authenticate?version=1.0`;
        return { ...o.authenticateBody(request, login), publicUrl: url, internalUrl: url };
      },
    }),
  },
  { name: 'double-slash-404', behaviours: ['O2G-04'], says: 'no longer collapses "//", so the documented 1.0//sessions answers 404', override: () => ({ routePath: (request) => request.rawPath.split('?')[0] ?? '' }) },
  {
    name: 'session-201',
    behaviours: ['O2G-04'],
    says: 'answers 201 Created to POST /sessions instead of 200',
    override: (o) => ({
      openSession: (request, params) => {
        const response = o.openSession(request, params);
        return response.status === 200 ? { ...response, status: 201 } : response;
      },
    }),
  },
  {
    name: 'ttl-in-minutes',
    behaviours: ['O2G-07'],
    says: 'reports timeToLive in minutes (30) instead of seconds',
    override: (o) => ({
      sessionInfo: (request, login) => {
        const info = o.sessionInfo(request, login);
        return { ...info, timeToLive: (info.timeToLive as number) / 60 };
      },
    }),
  },
  {
    name: 'ttl-as-string',
    behaviours: ['O2G-07'],
    says: 'sends timeToLive as the string "1800"',
    override: (o) => ({
      sessionInfo: (request, login) => {
        const info = o.sessionInfo(request, login);
        return { ...info, timeToLive: String(info.timeToLive) };
      },
    }),
  },
  {
    name: 'services-renamed',
    behaviours: ['O2G-07'],
    says: 'names the session\'s services list "serviceList"',
    override: (o) => ({ sessionInfo: (request, login) => Object.fromEntries(Object.entries(o.sessionInfo(request, login)).map(([key, value]) => [key === 'services' ? 'serviceList' : key, value])) }),
  },
  { name: 'html-content-type', behaviours: ['O2G-05', 'O2G-07'], says: 'labels its JSON answers text/html', override: () => ({ contentType: 'text/html; charset=utf-8' }) },
  {
    name: 'error-body-plain',
    behaviours: ['O2G-08'],
    says: 'answers 401 with a plain-text body instead of the O2G error JSON',
    override: (o) => ({
      refuse: (status, helpMessage, innerMessage, headers) =>
        status === 401 ? { status, headers: { 'Content-Type': 'text/plain', ...headers }, body: 'Unauthorized' } : o.refuse(status, helpMessage, innerMessage, headers),
    }),
  },
  { name: 'any-password', behaviours: ['O2G-08'], says: 'accepts any password for a known user', override: () => ({ passwordOk: () => true }) },
  { name: 'unknown-user-404', behaviours: ['O2G-08', 'SEC-02'], says: 'answers an unknown user 404 instead of 401', override: (_o, p) => ({ unknownUser: () => p.refuse(404, 'Unknown user.', 'User not found.') }) },
  {
    name: 'failed-login-sets-cookie',
    behaviours: ['O2G-08', 'SEC-01'],
    says: 'still sets an AlcUserId cookie when it refuses a login',
    override: (o, p) => ({ badCredentials: () => withHeaders(o.badCredentials(), { 'Set-Cookie': `${p.cookieName}=${randomBytes(16).toString('hex')}; Path=/; HttpOnly` }) }),
  },
  {
    name: 'broken-basic-crash',
    behaviours: ['O2G-08'],
    says: 'crashes with 500 on a Basic header without a colon',
    override: (o, p) => ({
      login: (request) => {
        const header = request.headers.authorization;
        if (/^Basic /i.test(header ?? '') && !Buffer.from(header!.slice(6), 'base64').toString('utf8').includes(':')) return p.refuse(500, 'Internal server error', 'ArrayIndexOutOfBoundsException: 1');
        return o.login(request);
      },
    }),
  },
  {
    name: 'session-without-cookie',
    behaviours: ['O2G-08'],
    says: 'opens a session for a request without the AlcUserId cookie',
    override: (o, p) => ({ opener: (request) => o.opener(request) ?? (cookieValue(request.headers.cookie, p.cookieName) === undefined ? p.issue(p.username) : undefined) }),
  },
  {
    name: 'forged-cookie-accepted',
    behaviours: ['O2G-08', 'SEC-03'],
    says: 'accepts any AlcUserId that decodes as a JWT naming a known user, without checking it was issued',
    override: (_o, p) => ({ unknownCredential: (credential) => (forgedUser(credential) === p.username ? p.issue(p.username, credential) : undefined) }),
  },
  {
    name: 'logout-keeps-session',
    behaviours: ['O2G-09', 'SEC-03'],
    says: 'expires the cookies on logout but keeps the session alive on the server',
    override: (_o, p) => ({ logout: (request) => p.withSession(request, () => ({ status: 204, headers: { 'Set-Cookie': [`${p.cookieName}=; Path=/; Max-Age=0`, 'JSESSIONID=; Path=/; Max-Age=0'] } })) }),
  },
  { name: 'logout-200', behaviours: ['O2G-09'], says: 'answers logout 200 with a body instead of 204', override: (_o, p) => ({ logoutAnswer: () => p.answer(200, { message: 'Session closed.' }) }) },
  { name: 'logout-ends-all-sessions', behaviours: ['SEC-05'], says: 'ends every session of the user on logout, not only the caller\'s', override: (_o, p) => ({ loggedOut: (login) => p.loginsOf(login.user) }) },
  {
    name: 'one-session-per-user',
    behaviours: ['SEC-05'],
    says: 'hands every login of a user the same credential and session',
    override: (o, p) => ({ loginFor: (user) => p.loginsOf(user).find((login) => p.alive(login)) ?? o.loginFor(user) }),
  },
  { name: 'never-expires', behaviours: ['O2G-09'], says: 'never expires an idle session', override: () => ({ expired: () => false }) },
  { name: 'keepalive-ignored', behaviours: ['O2G-09'], says: 'answers keepalive 204 without moving the expiry', override: () => ({ keepAlive: () => {} }) },
  {
    name: 'keepalive-missing',
    behaviours: ['O2G-09'],
    says: 'has no keepalive resource any more (404, as after a rename to /keepAlive)',
    override: (o) => ({ routes: () => o.routes().map((route) => (route.path === '/api/rest/1.0/sessions/keepalive' ? { ...route, path: '/api/rest/1.0/sessions/keepAlive' } : route)) }),
  },
  {
    name: 'discovery-needs-auth',
    behaviours: ['O2G-06'],
    says: 'answers GET /api/rest 401 without credentials',
    override: (o, p) => ({ discovery: (request, params) => (basicCredentials(request.headers.authorization) ? o.discovery(request, params) : p.unauthorized('No credentials.')) }),
  },
  {
    name: 'logout-without-session',
    behaviours: ['SEC-06', 'O2G-08'],
    says: 'answers DELETE /api/rest/1.0/sessions 204 to any caller, ending its session if it has one, instead of 401 without a valid AlcUserId cookie',
    override: (_o, p) => ({
      logout: (request) => {
        const login = p.loginOf(request);
        if (login) for (const ended of p.loggedOut(login)) p.end(ended);
        return p.logoutAnswer();
      },
    }),
  },
]);

/** The `sub` of something that decodes as a JWT (only the forged-cookie fault trusts it). */
function forgedUser(value: string): unknown {
  try {
    return decodeJwt(value).payload.sub;
  } catch {
    return undefined;
  }
}
