// The ALM emulator's faults: each a small, realistic regression of documented behaviours, written as an
// override of one named part of emulator.ts. `npm run mutation` switches each on in turn and expects a
// scenario tagged with one of its behaviours to fail.
import { randomBytes } from 'node:crypto';
import { faultCatalogue } from '../../emulators/kit';
import { withHeaders } from '../../emulators/types';
import { parseXml } from '../../xml';
import type { AlmParts, LoginCookie } from './emulator';

const withHttpOnly = (name: string, httpOnly: boolean) => (cookie: LoginCookie): LoginCookie => (cookie.name === name ? { ...cookie, httpOnly } : cookie);

export const ALM_FAULTS = faultCatalogue<AlmParts>([
  { name: 'wrong-secret-403', behaviours: ['ALM-02'], says: 'answers a wrong secret with 403 instead of 401', override: (o) => ({ wrongSecret: o.inactiveKey }) },
  { name: 'inactive-key-401', behaviours: ['ALM-03'], says: 'answers an inactive API key with 401 instead of 403', override: (o) => ({ inactiveKey: o.wrongSecret }) },
  { name: 'inactive-key-accepted', behaviours: ['ALM-03'], says: 'logs an inactive API key in', override: () => ({ keyActive: () => true }) },
  { name: 'unknown-client-401', behaviours: ['ALM-03'], says: 'answers an unknown client ID with 401 instead of 403', override: (o) => ({ unknownClient: o.wrongSecret }) },
  { name: 'any-secret', behaviours: ['ALM-02'], says: 'accepts any secret for an active client ID', override: () => ({ secretOk: () => true }) },
  { name: 'alm-user-cookie-dropped', behaviours: ['ALM-01'], says: 'sets no ALM_USER cookie on login', override: (o) => ({ loginCookies: (session) => o.loginCookies(session).filter((c) => c.name !== 'ALM_USER') }) },
  { name: 'qcsession-not-httponly', behaviours: ['ALM-01'], says: 'sets QCSession without HttpOnly', override: (o) => ({ loginCookies: (session) => o.loginCookies(session).map(withHttpOnly('QCSession', false)) }) },
  {
    name: 'xsrf-cookie-httponly',
    behaviours: ['ALM-01'],
    says: 'sets XSRF-TOKEN HttpOnly, so a client script cannot read it',
    override: (o) => ({ loginCookies: (session) => o.loginCookies(session).map(withHttpOnly('XSRF-TOKEN', true)) }),
  },
  {
    name: 'xsrf-cookie-renamed',
    behaviours: ['ALM-01', 'ALM-08'],
    says: 'names the cookie XSRF_TOKEN, as the seed\'s prose spells it',
    override: (o) => ({ loginCookies: (session) => o.loginCookies(session).map((c) => (c.name === 'XSRF-TOKEN' ? { ...c, name: 'XSRF_TOKEN' } : c)) }),
  },
  { name: 'cookie-path-root', behaviours: ['ALM-01'], says: 'sets the login cookies with Path=/ instead of Path=/qcbin', override: () => ({ cookiePath: '/' }) },
  {
    name: 'body-not-empty',
    behaviours: ['ALM-01'],
    says: 'answers a successful login with an XML body',
    override: (o, p) => ({
      loginSuccess: (session) => {
        const ok = o.loginSuccess(session);
        return { ...p.authenticationInfoXml(session), headers: { ...ok.headers, 'Content-Type': 'application/xml' } };
      },
    }),
  },
  {
    name: 'security-headers-missing',
    behaviours: ['ALM-01'],
    says: 'leaves out the X-XSS-protection header',
    override: (o) => ({ securityHeaders: Object.fromEntries(Object.entries(o.securityHeaders).filter(([name]) => name !== 'X-XSS-protection')) }),
  },
  {
    // Two parts: the check goes, and what it guarded (the body is JSON) goes with it.
    name: 'media-type-not-checked',
    behaviours: ['ALM-05'],
    says: 'no longer checks the Content-Type: an XML body is read as XML (clientId and secret under its root) and logs in, anything else is read as JSON, instead of 415',
    override: (o) => ({
      acceptsMediaType: () => true,
      loginFields: (request, mediaType) => (/^(application|text)\/xml$/.test(mediaType) ? xmlLoginFields(request.body) : o.loginFields(request, mediaType)),
    }),
  },
  {
    name: 'other-methods-routed',
    behaviours: ['ALM-05'],
    says: 'answers GET, PUT and DELETE on the login like POST instead of 405',
    override: (o) => ({ routes: () => o.routes().map((route) => (route.path === '/qcbin/rest/oauth2/login' ? { ...route, method: ['POST', 'GET', 'PUT', 'DELETE'] } : route)) }),
  },
  {
    name: 'failed-login-sets-cookie',
    behaviours: ['SEC-01'],
    says: 'sets a JSESSIONID cookie on a refused login',
    override: (o) => ({
      refuseLogin: (status, id, title, request) =>
        withHeaders(o.refuseLogin(status, id, title, request), { 'Set-Cookie': `JSESSIONID=node0${randomBytes(12).toString('hex')}.node0; Path=/qcbin; HttpOnly` }),
    }),
  },
  {
    name: 'internal-error-as-503',
    behaviours: ['ALM-04'],
    says: 'reports an internal error as 503 instead of 500',
    override: (o) => ({ exception: (status, ...rest) => o.exception(status === 500 ? 503 : status, ...rest) }),
  },
  { name: 'xsrf-not-enforced', behaviours: ['ALM-08'], says: 'lets a non-GET request through without X-XSRF-TOKEN', override: () => ({ xsrfRefusal: () => undefined }) },
  { name: 'xsrf-any-value', behaviours: ['ALM-08'], says: 'accepts any X-XSRF-TOKEN value, not only the cookie\'s', override: () => ({ xsrfOk: (request) => !!request.headers['x-xsrf-token'] }) },
  { name: 'logout-keeps-session', behaviours: ['ALM-08', 'SEC-03'], says: 'answers logout 200 but the session keeps working', override: () => ({ endSession: () => undefined }) },
  { name: 'logout-keeps-cookies', behaviours: ['ALM-08'], says: 'logs out without expiring the LWSSO_COOKIE_KEY and QCSession cookies', override: () => ({ logoutAnswer: () => ({ status: 200 }) }) },
  {
    name: 'logout-ends-all-sessions',
    behaviours: ['SEC-05'],
    says: 'logout ends every session of the API key, not only the caller\'s',
    override: (_o, p) => ({ loggedOutWith: (session) => p.sessionList().filter((other) => other === session || other.clientId === session.clientId) }),
  },
  { name: 'site-session-delete-noop', behaviours: ['ALM-08'], says: 'answers DELETE /qcbin/rest/site-session 200 but the site session goes on', override: () => ({ endSiteSession: () => undefined }) },
  { name: 'client-type-suffix-missing', behaviours: ['ALM-06'], says: 'ignores ALM-CLIENT-TYPE when building the QCSession value', override: () => ({ suffixedType: () => undefined }) },
  {
    name: 'client-type-always-suffixed',
    behaviours: ['ALM-06'],
    says: 'suffixes every QCSession, also without a client type (as "REST client")',
    override: (o) => ({ suffixedType: (clientType) => o.suffixedType(clientType) ?? 'REST client' }),
  },
  {
    name: 'client-type-compared-encoded',
    behaviours: ['ALM-06'],
    says: 'compares ALM-CLIENT-TYPE with the base64 suffix, so a client-typed session never works',
    override: (o) => ({
      expectedClientType: (session) => {
        const type = o.expectedClientType(session);
        return type === undefined ? undefined : Buffer.from(type).toString('base64');
      },
    }),
  },
  { name: 'client-type-ignored', behaviours: ['ALM-06'], says: 'lets a client-typed session work without the ALM-CLIENT-TYPE header', override: () => ({ clientTypeOk: () => true }) },
  { name: 'session-never-expires', behaviours: ['ALM-08'], says: 'keeps an idle session alive past the 60-minute idle timeout', override: () => ({ idleExpired: () => false }) },
  { name: 'idle-clock-not-reset', behaviours: ['ALM-08'], says: 'counts the idle timeout from the login, not from the last request', override: () => ({ touch: () => undefined }) },
  {
    name: 'same-session-twice',
    behaviours: ['SEC-05'],
    says: 'gives a second login with the same key the first login\'s session',
    override: (o, p) => ({
      openSession: (key, clientType) =>
        p.sessionList().reverse().find((s) => s.clientId === key.clientId && !s.loggedOut && s.siteSessionOpen && s.clientType === clientType && !p.idleExpired(s)) ?? o.openSession(key, clientType),
    }),
  },
  { name: 'probe-json-ignored', behaviours: ['ALM-07'], says: 'answers is-authenticated in XML even with Accept: application/json', override: () => ({ probeInJson: () => false }) },
  { name: 'probe-username-renamed', behaviours: ['ALM-07'], says: 'names the is-authenticated element UserName instead of Username', override: () => ({ usernameTag: 'UserName' }) },
  { name: 'probe-without-challenge', behaviours: ['ALM-07'], says: 'refuses is-authenticated without a WWW-Authenticate header', override: () => ({ challengeHeaders: () => ({}) }) },
  { name: 'errors-always-xml', behaviours: ['ALM-08'], says: 'answers errors in XML even with Accept: application/json', override: () => ({ exceptionInJson: () => false }) },
  {
    name: 'error-title-missing',
    behaviours: ['ALM-08'],
    says: 'leaves the Title out of QCRestException',
    override: (o) => ({
      exceptionFields: (id, title) => {
        const { Title: _title, ...fields } = o.exceptionFields(id, title);
        return fields;
      },
    }),
  },
  {
    name: 'site-session-get-unauthenticated',
    behaviours: ['SEC-06', 'ALM-08'],
    says: 'answers GET /qcbin/rest/site-session 200 without authenticating the caller (only PUT and DELETE read the session)',
    override: (o) => ({ siteSession: (request, params) => (/^(GET|HEAD)$/.test(request.method) ? { status: 200 } : o.siteSession(request, params)) }),
  },
]);

/** Only for the media-type-not-checked fault: the children of an XML body's root element, as the JSON login's fields. */
function xmlLoginFields(body: Buffer): Record<string, unknown> | undefined {
  try {
    const content = Object.values(parseXml(body.toString('utf8')))[0];
    return content !== null && typeof content === 'object' && !Array.isArray(content) ? (content as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
