// Emulates OpenText ALM's API-key login (seed 002, POST /qcbin/rest/oauth2/login) and the little of the
// REST core a client needs around it: the is-authenticated probe, site-session keepalive and end, logout,
// the X-XSRF-TOKEN rule and QCRestException errors (XML, or JSON with Accept: application/json).
import { createHash, randomBytes } from 'node:crypto';
import { parseXml } from '../xml';
import { Clock } from './clock';
import { cookieValue, json, parseJsonObject, sameSecret, type EmuRequest, type EmuResponse, type Emulator } from './types';

export const ALM_FAULTS = {
  'wrong-secret-403': 'answers a wrong secret with 403 instead of 401',
  'inactive-key-401': 'answers an inactive API key with 401 instead of 403',
  'inactive-key-accepted': 'logs an inactive API key in',
  'unknown-client-401': 'answers an unknown client ID with 401 instead of 403',
  'any-secret': 'accepts any secret for an active client ID',
  'alm-user-cookie-dropped': 'sets no ALM_USER cookie on login',
  'qcsession-not-httponly': 'sets QCSession without HttpOnly',
  'xsrf-cookie-httponly': 'sets XSRF-TOKEN HttpOnly, so a client script cannot read it',
  'xsrf-cookie-renamed': 'names the cookie XSRF_TOKEN, as the seed\'s prose spells it',
  'cookie-path-root': 'sets the login cookies with Path=/ instead of Path=/qcbin',
  'body-not-empty': 'answers a successful login with an XML body',
  'security-headers-missing': 'leaves out the X-XSS-protection header',
  'media-type-not-checked': 'no longer checks the Content-Type: an XML body is read as XML (clientId and secret under its root) and logs in, anything else is read as JSON, instead of 415',
  'other-methods-routed': 'answers GET, PUT and DELETE on the login like POST instead of 405',
  'failed-login-sets-cookie': 'sets a JSESSIONID cookie on a refused login',
  'internal-error-as-503': 'reports an internal error as 503 instead of 500',
  'xsrf-not-enforced': 'lets a non-GET request through without X-XSRF-TOKEN',
  'xsrf-any-value': 'accepts any X-XSRF-TOKEN value, not only the cookie\'s',
  'logout-keeps-session': 'answers logout 200 but the session keeps working',
  'logout-keeps-cookies': 'logs out without expiring the LWSSO_COOKIE_KEY and QCSession cookies',
  'logout-ends-all-sessions': 'logout ends every session of the API key, not only the caller\'s',
  'site-session-delete-noop': 'answers DELETE /qcbin/rest/site-session 200 but the site session goes on',
  'client-type-suffix-missing': 'ignores ALM-CLIENT-TYPE when building the QCSession value',
  'client-type-always-suffixed': 'suffixes every QCSession, also without a client type (as "REST client")',
  'client-type-compared-encoded': 'compares ALM-CLIENT-TYPE with the base64 suffix, so a client-typed session never works',
  'client-type-ignored': 'lets a client-typed session work without the ALM-CLIENT-TYPE header',
  'session-never-expires': 'keeps an idle session alive past the 60-minute idle timeout',
  'idle-clock-not-reset': 'counts the idle timeout from the login, not from the last request',
  'same-session-twice': 'gives a second login with the same key the first login\'s session',
  'probe-json-ignored': 'answers is-authenticated in XML even with Accept: application/json',
  'probe-username-renamed': 'names the is-authenticated element UserName instead of Username',
  'probe-without-challenge': 'refuses is-authenticated without a WWW-Authenticate header',
  'errors-always-xml': 'answers errors in XML even with Accept: application/json',
  'error-title-missing': 'leaves the Title out of QCRestException',
} as const;
export type AlmFault = keyof typeof ALM_FAULTS;

export const IDLE_TIMEOUT_MS = 60 * 60_000;
export const CLIENT_TYPE_HEADER = 'alm-client-type';
const EXPIRED = 'Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/';

export interface AlmApiKey {
  clientId: string;
  secret: string;
  active: boolean;
  /** The ALM user the key acts as; derived from the client ID when absent. */
  user?: string;
}

export interface AlmOptions {
  apiKeys: AlmApiKey[];
  /** Newer ALM (24.1+) disables GET logout unless ENABLE_GET_LOGOUT_METHOD=Y. */
  allowGetLogout?: boolean;
  fault?: AlmFault;
  clock?: Clock;
}

interface Session {
  user: string;
  clientId: string;
  lwsso: string;
  qcSession: string;
  xsrf: string;
  clientType: string | undefined;
  lastUsed: number;
  loggedOut: boolean;
  siteSessionOpen: boolean;
  cookies: string[];
}

type Handler = (request: EmuRequest) => EmuResponse;

export function createAlmEmulator(options: AlmOptions): Emulator {
  const clock = options.clock ?? new Clock();
  const fault = options.fault;
  const sessions = new Map<string, Session>();
  let counter = 25_453;

  const wantsJson = (request?: EmuRequest) => /application\/json/i.test(request?.headers.accept ?? '');

  const error = (status: number, id: string, title: string, request?: EmuRequest, headers: Record<string, string> = {}): EmuResponse => {
    const shown = fault === 'internal-error-as-503' && status === 500 ? 503 : status;
    const fields = fault === 'error-title-missing' ? { Id: `qccore.${id}` } : { Id: `qccore.${id}`, Title: title };
    if (wantsJson(request) && fault !== 'errors-always-xml') return json(shown, fields, headers);
    const inner = Object.entries(fields).map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
    return xml(shown, `<QCRestException>${inner}</QCRestException>`, headers);
  };

  const idOfStatus: Record<number, string> = { 400: 'general-error', 401: 'not-authenticated', 403: 'operation-forbidden', 404: 'entity-not-found', 405: 'method-not-allowed', 413: 'general-error', 415: 'unsupported-media-type', 500: 'general-error' };
  const hostError = (status: number, message: string, request?: EmuRequest) => error(status, idOfStatus[status] ?? 'general-error', message, request);

  const challenge = (request: EmuRequest, id: string, title: string) => {
    const host = /^[\w.:[\]-]{1,255}$/.test(request.headers.host ?? '') ? request.headers.host : 'localhost';
    const headers: Record<string, string> = fault === 'probe-without-challenge' ? {} : { 'WWW-Authenticate': `LWSSO realm=http://${host}/qcbin/authentication-point` };
    return error(401, id, title, request, headers);
  };

  /** The session the request's LWSSO cookie names, or the 401 that refuses it. */
  const authenticate = (request: EmuRequest): Session | EmuResponse => {
    const lwsso = cookieValue(request.headers.cookie, 'LWSSO_COOKIE_KEY');
    const session = lwsso ? sessions.get(lwsso) : undefined;
    if (!session || session.loggedOut) return challenge(request, 'not-authenticated', 'Authentication failed. Browser neither presented a valid cookie nor an authentication header.');
    if (clock.now() - session.lastUsed > IDLE_TIMEOUT_MS && fault !== 'session-never-expires') {
      sessions.delete(session.lwsso);
      return challenge(request, 'session-has-expired', 'Your session has expired. Please log in again.');
    }
    const expectedType = fault === 'client-type-compared-encoded' && session.clientType !== undefined ? Buffer.from(session.clientType).toString('base64') : session.clientType;
    if (expectedType !== undefined && request.headers[CLIENT_TYPE_HEADER] !== expectedType && fault !== 'client-type-ignored') {
      return challenge(request, 'not-authenticated', 'This session was opened for another client type: send the same ALM-CLIENT-TYPE header.');
    }
    if (fault !== 'idle-clock-not-reset') session.lastUsed = clock.now();
    return session;
  };

  /** Authenticated non-GET requests must echo the XSRF-TOKEN cookie in X-XSRF-TOKEN (ALM 16.00+). */
  const xsrfRefusal = (request: EmuRequest, session: Session): EmuResponse | undefined => {
    if (/^(GET|HEAD)$/.test(request.method) || fault === 'xsrf-not-enforced') return undefined;
    const header = request.headers['x-xsrf-token'];
    const cookie = cookieValue(request.headers.cookie, 'XSRF-TOKEN');
    const ok = fault === 'xsrf-any-value' ? !!header : !!header && !!cookie && sameSecret(header, cookie) && sameSecret(cookie, session.xsrf);
    return ok ? undefined : error(401, 'xsrf-token-mismatch', 'The X-XSRF-TOKEN header is missing or does not match the XSRF-TOKEN cookie.', request);
  };

  const userOf = (key: AlmApiKey) => key.user ?? `apikey-${[...createHash('sha256').update(key.clientId).digest()].slice(0, 20).map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;

  const openSession = (key: AlmApiKey, clientType: string | undefined): Session => {
    if (fault === 'same-session-twice') {
      const earlier = [...sessions.values()].reverse().find((s) => s.clientId === key.clientId && !s.loggedOut && s.siteSessionOpen && s.clientType === clientType && clock.now() - s.lastUsed <= IDLE_TIMEOUT_MS);
      if (earlier) return earlier;
    }
    const user = userOf(key);
    const token = randomBytes(18).toString('base64url');
    const suffixType = clientType ?? (fault === 'client-type-always-suffixed' ? 'REST client' : undefined);
    const typed = suffixType !== undefined && fault !== 'client-type-suffix-missing';
    const qcText = `${counter++};${token}**;${clientType ?? 'REST client'}; ; ;${user}`;
    const qcSession = `${Buffer.from(qcText).toString('base64url')}.${typed ? `-${Buffer.from(suffixType).toString('base64').replace(/=+$/, '')}` : ''}`;
    const lwsso = `${randomBytes(96).toString('base64url')}..`;
    const xsrf = randomBytes(32).toString('hex');
    const path = fault === 'cookie-path-root' ? 'Path=/' : 'Path=/qcbin';
    const cookies = [
      `JSESSIONID=node0${randomBytes(12).toString('hex')}.node0; ${path}; HttpOnly`,
      `LWSSO_COOKIE_KEY=${lwsso}; ${path}; HttpOnly`,
      `QCSession=${qcSession}; ${path}${fault === 'qcsession-not-httponly' ? '' : '; HttpOnly'}`,
      ...(fault === 'alm-user-cookie-dropped' ? [] : [`ALM_USER=${createHash('sha256').update(`${user}:${token}`).digest('hex')}; ${path}`]),
      `${fault === 'xsrf-cookie-renamed' ? 'XSRF_TOKEN' : 'XSRF-TOKEN'}=${xsrf}; ${path}${fault === 'xsrf-cookie-httponly' ? '; HttpOnly' : ''}`,
    ];
    const session: Session = { user, clientId: key.clientId, lwsso, qcSession, xsrf, clientType, lastUsed: clock.now(), loggedOut: false, siteSessionOpen: true, cookies };
    sessions.set(lwsso, session);
    return session;
  };

  const refuseLogin = (status: number, id: string, title: string, request: EmuRequest): EmuResponse => {
    const refused = error(status, id, title, request);
    if (fault === 'failed-login-sets-cookie') refused.headers = { ...refused.headers, 'Set-Cookie': `JSESSIONID=node0${randomBytes(12).toString('hex')}.node0; Path=/qcbin; HttpOnly` };
    return refused;
  };

  const login: Handler = (request) => {
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'application/json' && fault !== 'media-type-not-checked') {
      return error(415, 'unsupported-media-type', 'The login accepts only application/json.', request);
    }
    const body = fault === 'media-type-not-checked' && /^(application|text)\/xml$/.test(mediaType) ? xmlLoginFields(request.body) : parseJsonObject(request.body);
    const clientId = body && Object.hasOwn(body, 'clientId') ? body.clientId : undefined;
    const secret = body && Object.hasOwn(body, 'secret') ? body.secret : undefined;
    if (typeof clientId !== 'string' || typeof secret !== 'string') {
      return error(400, 'general-error', 'The body must be a JSON object with the string fields clientId and secret.', request);
    }
    const key = options.apiKeys.find((candidate) => sameSecret(candidate.clientId, clientId));
    if (!key && fault !== 'unknown-client-401') return refuseLogin(403, 'operation-forbidden', 'Client ID not listed as active API Key in ALM.', request);
    if (key && !key.active && fault !== 'inactive-key-accepted') {
      return fault === 'inactive-key-401'
        ? refuseLogin(401, 'not-authenticated', 'Incorrect secret.', request)
        : refuseLogin(403, 'operation-forbidden', 'Client ID not listed as active API Key in ALM.', request);
    }
    if (!key || (!sameSecret(secret, key.secret) && fault !== 'any-secret')) {
      return fault === 'wrong-secret-403'
        ? refuseLogin(403, 'operation-forbidden', 'Client ID not listed as active API Key in ALM.', request)
        : refuseLogin(401, 'not-authenticated', 'Incorrect secret.', request);
    }
    const session = openSession(key, request.headers[CLIENT_TYPE_HEADER]);
    const ok: EmuResponse = { status: 200, headers: { 'Set-Cookie': session.cookies } };
    if (fault === 'body-not-empty') return { ...xml(200, `<AuthenticationInfo><Username>${escapeXml(session.user)}</Username></AuthenticationInfo>`), headers: { ...ok.headers, 'Content-Type': 'application/xml' } };
    return ok;
  };

  const isAuthenticated: Handler = (request) => {
    const session = authenticate(request);
    if (!('user' in session)) return session;
    const tag = fault === 'probe-username-renamed' ? 'UserName' : 'Username';
    if (wantsJson(request) && fault !== 'probe-json-ignored') return json(200, { AuthenticationInfo: { [tag]: session.user } });
    return xml(200, `<AuthenticationInfo><${tag}>${escapeXml(session.user)}</${tag}></AuthenticationInfo>`);
  };

  const siteSession: Handler = (request) => {
    const session = authenticate(request);
    if (!('user' in session)) return session;
    const qc = cookieValue(request.headers.cookie, 'QCSession');
    if (!session.siteSessionOpen || !qc || !sameSecret(qc, session.qcSession)) {
      return error(401, 'session-has-expired', 'No site session is open for this QCSession. Please log in again.', request);
    }
    const refused = xsrfRefusal(request, session);
    if (refused) return refused;
    if (request.method !== 'DELETE') return { status: 200 };
    if (fault !== 'site-session-delete-noop') session.siteSessionOpen = false;
    return { status: 200, headers: { 'Set-Cookie': `QCSession=""; ${EXPIRED}` } };
  };

  const logout: Handler = (request) => {
    const lwsso = cookieValue(request.headers.cookie, 'LWSSO_COOKIE_KEY');
    const session = lwsso ? sessions.get(lwsso) : undefined;
    if (session && fault !== 'logout-keeps-session') {
      for (const other of sessions.values()) {
        if (other === session || (fault === 'logout-ends-all-sessions' && other.clientId === session.clientId)) other.loggedOut = true;
      }
      sessions.delete(session.lwsso);
    }
    if (fault === 'logout-keeps-cookies') return { status: 200 };
    return { status: 200, headers: { 'Set-Cookie': [`LWSSO_COOKIE_KEY=""; ${EXPIRED}`, `QCSession=""; ${EXPIRED}`] } };
  };

  const loginMethods = fault === 'other-methods-routed' ? /^(POST|GET|PUT|DELETE)$/ : /^POST$/;
  const routes: Array<[methods: RegExp, allow: string, path: string, handler: Handler]> = [
    [loginMethods, 'POST', '/qcbin/rest/oauth2/login', login],
    [/^(GET|HEAD)$/, 'GET, HEAD', '/qcbin/rest/is-authenticated', isAuthenticated],
    [/^(GET|HEAD|PUT|DELETE)$/, 'GET, HEAD, PUT, DELETE', '/qcbin/rest/site-session', siteSession],
    [options.allowGetLogout ? /^(GET|POST|PUT|DELETE)$/ : /^(POST|PUT|DELETE)$/, options.allowGetLogout ? 'GET, POST, PUT, DELETE' : 'POST, PUT, DELETE', '/qcbin/authentication-point/logout', logout],
  ];

  const withSecurityHeaders = (response: EmuResponse): EmuResponse => ({
    ...response,
    headers: {
      'X-Content-Type-Options': 'nosniff',
      Expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
      ...(fault === 'security-headers-missing' ? {} : { 'X-XSS-protection': '1; mode=block' }),
      ...response.headers,
    },
  });

  return {
    api: 'alm',
    clock,
    handle(request) {
      const route = routes.find(([, , path]) => path === request.path);
      if (!route) return withSecurityHeaders(error(404, 'entity-not-found', `No REST resource at ${request.path.slice(0, 200)}.`, request));
      const [methods, allow, , handler] = route;
      if (!methods.test(request.method)) return withSecurityHeaders(error(405, 'method-not-allowed', `${request.method.slice(0, 20)} is not supported here.`, request, { Allow: allow }));
      return withSecurityHeaders(handler(request));
    },
    error: (status, message, request) => withSecurityHeaders(hostError(status, message, request)),
  };
}

function xml(status: number, body: string, headers: Record<string, string> = {}): EmuResponse {
  return { status, headers: { 'Content-Type': 'application/xml', ...headers }, body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}` };
}

/** Only for the media-type-not-checked fault: the children of an XML body's root element, as the JSON login's fields. */
function xmlLoginFields(body: Buffer): Record<string, unknown> | undefined {
  try {
    const content = Object.values(parseXml(body.toString('utf8')))[0];
    return content !== null && typeof content === 'object' && !Array.isArray(content) ? (content as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
