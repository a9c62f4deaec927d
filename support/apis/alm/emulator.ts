// Emulates OpenText ALM's API-key login (seed 002, POST /qcbin/rest/oauth2/login), happy path only, and
// the little of the REST core a client needs around it: an empty 200 with five cookies on Path=/qcbin
// and the example's security headers (ALM-01); a wrong secret 401 (ALM-02), a client ID that is not an
// active key 403 (ALM-03); only POST and only application/json (ALM-05); a QCSession suffixed and bound
// to the ALM-CLIENT-TYPE header (ALM-06); the is-authenticated probe (ALM-07); the X-XSRF-TOKEN rule,
// logout, the site session and the 60-minute idle timeout, and QCRestException errors in XML, or JSON
// with Accept: application/json (ALM-08). Its faults are in faults.ts.
import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '../../emulators/clock';
import { buildEmulator, type EmulatorParts, type Handler, type KitEmulator } from '../../emulators/kit';
import { cookieValue, json, parseJsonObject, sameSecret, type EmuRequest, type EmuResponse } from '../../emulators/types';
import { ALM_FAULTS } from './faults';

export const IDLE_TIMEOUT_MS = 60 * 60_000;
export const CLIENT_TYPE_HEADER = 'alm-client-type';
const EXPIRED = 'Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/';
const LOGIN = '/qcbin/rest/oauth2/login';
const NOT_LISTED = 'Client ID not listed as active API Key in ALM.';

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
  /** The name of one fault of faults.ts. */
  fault?: string;
  clock?: Clock;
}

export interface AlmSession {
  user: string;
  clientId: string;
  jsessionId: string;
  lwsso: string;
  qcSession: string;
  almUser: string;
  xsrf: string;
  clientType: string | undefined;
  lastUsed: number;
  loggedOut: boolean;
  siteSessionOpen: boolean;
  /** The Set-Cookie lines of the login that opened it. */
  cookies: string[];
}

export interface LoginCookie {
  name: string;
  value: string;
  httpOnly: boolean;
}

/** The named parts of the emulator: each fault replaces or wraps one of them. */
export interface AlmParts extends EmulatorParts {
  /** Added to every answer (ALM-01: the seed's example shows them on the login). */
  securityHeaders: Record<string, string>;
  wantsJson(request?: EmuRequest): boolean;
  /** Errors answer in JSON when the client accepts it, else XML (ALM-08). */
  exceptionInJson(request?: EmuRequest): boolean;
  exceptionFields(id: string, title: string): Record<string, string>;
  /** A QCRestException (ALM-08); 500 for an internal error (ALM-04). */
  exception(status: number, id: string, title: string, request?: EmuRequest, headers?: Record<string, string>): EmuResponse;
  challengeHeaders(request: EmuRequest): Record<string, string>;
  /** A 401 that asks for an LWSSO login (ALM-07). */
  challenge(request: EmuRequest, id: string, title: string): EmuResponse;
  /** Live sessions, oldest first. */
  sessionList(): AlmSession[];
  idleExpired(session: AlmSession): boolean;
  /** Restarts the session's idle clock (ALM-08). */
  touch(session: AlmSession): void;
  expectedClientType(session: AlmSession): string | undefined;
  /** A client-typed session works only with the same ALM-CLIENT-TYPE header (ALM-06). */
  clientTypeOk(request: EmuRequest, session: AlmSession): boolean;
  /** The session the request's LWSSO cookie names, or the 401 that refuses it (ALM-07, ALM-08). */
  authenticate(request: EmuRequest): AlmSession | EmuResponse;
  xsrfOk(request: EmuRequest, session: AlmSession): boolean;
  /** Authenticated non-GET requests must echo the XSRF-TOKEN cookie in X-XSRF-TOKEN (ALM 16.00+, ALM-08). */
  xsrfRefusal(request: EmuRequest, session: AlmSession): EmuResponse | undefined;
  /** The client type whose base64 suffixes the QCSession value (ALM-06). */
  suffixedType(clientType: string | undefined): string | undefined;
  cookiePath: string;
  /** The five login cookies, in the example's order (ALM-01). */
  loginCookies(session: AlmSession): LoginCookie[];
  openSession(key: AlmApiKey, clientType: string | undefined): AlmSession;
  /** Only application/json is accepted (ALM-05). */
  acceptsMediaType(mediaType: string): boolean;
  loginFields(request: EmuRequest, mediaType: string): Record<string, unknown> | undefined;
  refuseLogin(status: number, id: string, title: string, request: EmuRequest): EmuResponse;
  /** ALM-03 (inferred): a client ID that does not exist is not an active API key either. */
  unknownClient(request: EmuRequest): EmuResponse;
  keyActive(key: AlmApiKey): boolean;
  /** ALM-03. */
  inactiveKey(request: EmuRequest): EmuResponse;
  secretOk(given: string, key: AlmApiKey): boolean;
  /** ALM-02. */
  wrongSecret(request: EmuRequest): EmuResponse;
  /** ALM-01: an empty 200 whose Set-Cookie lines carry the session. */
  loginSuccess(session: AlmSession): EmuResponse;
  usernameTag: string;
  /** The probe's XML answer naming the session's user (ALM-07). */
  authenticationInfoXml(session: AlmSession): EmuResponse;
  probeInJson(request: EmuRequest): boolean;
  /** ALM-08: the sessions a logout ends. */
  loggedOutWith(session: AlmSession): AlmSession[];
  endSession(session: AlmSession): void;
  logoutAnswer(): EmuResponse;
  endSiteSession(session: AlmSession): void;
  login: Handler;
  isAuthenticated: Handler;
  siteSession: Handler;
  logout: Handler;
}

const ID_OF_STATUS: Record<number, string> = { 400: 'general-error', 401: 'not-authenticated', 403: 'operation-forbidden', 404: 'entity-not-found', 405: 'method-not-allowed', 413: 'general-error', 415: 'unsupported-media-type', 500: 'general-error' };

export function createAlmEmulator(options: AlmOptions): KitEmulator<AlmParts> {
  const clock = options.clock ?? new Clock();
  const sessions = new Map<string, AlmSession>();
  let counter = 25_453;

  const p: AlmParts = {
    securityHeaders: { 'X-Content-Type-Options': 'nosniff', Expires: 'Thu, 01 Jan 1970 00:00:00 GMT', 'X-XSS-protection': '1; mode=block' },
    wantsJson: (request) => /application\/json/i.test(request?.headers.accept ?? ''),
    exceptionInJson: (request) => p.wantsJson(request),
    exceptionFields: (id, title) => ({ Id: `qccore.${id}`, Title: title }),
    exception(status, id, title, request, headers = {}) {
      const fields = p.exceptionFields(id, title);
      if (p.exceptionInJson(request)) return json(status, fields, headers);
      const inner = Object.entries(fields).map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
      return xml(status, `<QCRestException>${inner}</QCRestException>`, headers);
    },
    challengeHeaders(request) {
      const host = /^[\w.:[\]-]{1,255}$/.test(request.headers.host ?? '') ? request.headers.host : 'localhost';
      return { 'WWW-Authenticate': `LWSSO realm=http://${host}/qcbin/authentication-point` };
    },
    challenge: (request, id, title) => p.exception(401, id, title, request, p.challengeHeaders(request)),

    sessionList: () => [...sessions.values()],
    idleExpired: (session) => clock.now() - session.lastUsed > IDLE_TIMEOUT_MS,
    touch: (session) => {
      session.lastUsed = clock.now();
    },
    expectedClientType: (session) => session.clientType,
    clientTypeOk(request, session) {
      const expected = p.expectedClientType(session);
      return expected === undefined || request.headers[CLIENT_TYPE_HEADER] === expected;
    },
    authenticate(request) {
      const lwsso = cookieValue(request.headers.cookie, 'LWSSO_COOKIE_KEY');
      const session = lwsso ? sessions.get(lwsso) : undefined;
      if (!session || session.loggedOut) return p.challenge(request, 'not-authenticated', 'Authentication failed. Browser neither presented a valid cookie nor an authentication header.');
      if (p.idleExpired(session)) {
        sessions.delete(session.lwsso);
        return p.challenge(request, 'session-has-expired', 'Your session has expired. Please log in again.');
      }
      if (!p.clientTypeOk(request, session)) return p.challenge(request, 'not-authenticated', 'This session was opened for another client type: send the same ALM-CLIENT-TYPE header.');
      p.touch(session);
      return session;
    },
    xsrfOk(request, session) {
      const header = request.headers['x-xsrf-token'];
      const cookie = cookieValue(request.headers.cookie, 'XSRF-TOKEN');
      return !!header && !!cookie && sameSecret(header, cookie) && sameSecret(cookie, session.xsrf);
    },
    xsrfRefusal(request, session) {
      if (/^(GET|HEAD)$/.test(request.method) || p.xsrfOk(request, session)) return undefined;
      return p.exception(401, 'xsrf-token-mismatch', 'The X-XSRF-TOKEN header is missing or does not match the XSRF-TOKEN cookie.', request);
    },

    suffixedType: (clientType) => clientType,
    cookiePath: '/qcbin',
    loginCookies: (session) => [
      { name: 'JSESSIONID', value: session.jsessionId, httpOnly: true },
      { name: 'LWSSO_COOKIE_KEY', value: session.lwsso, httpOnly: true },
      { name: 'QCSession', value: session.qcSession, httpOnly: true },
      { name: 'ALM_USER', value: session.almUser, httpOnly: false },
      { name: 'XSRF-TOKEN', value: session.xsrf, httpOnly: false },
    ],
    openSession(key, clientType) {
      const user = userOf(key);
      const token = randomBytes(18).toString('base64url');
      const suffixType = p.suffixedType(clientType);
      const qcText = `${counter++};${token}**;${clientType ?? 'REST client'}; ; ;${user}`;
      const qcSession = `${Buffer.from(qcText).toString('base64url')}.${suffixType !== undefined ? `-${Buffer.from(suffixType).toString('base64').replace(/=+$/, '')}` : ''}`;
      const session: AlmSession = {
        user,
        clientId: key.clientId,
        jsessionId: `node0${randomBytes(12).toString('hex')}.node0`,
        lwsso: `${randomBytes(96).toString('base64url')}..`,
        qcSession,
        almUser: createHash('sha256').update(`${user}:${token}`).digest('hex'),
        xsrf: randomBytes(32).toString('hex'),
        clientType,
        lastUsed: clock.now(),
        loggedOut: false,
        siteSessionOpen: true,
        cookies: [],
      };
      session.cookies = p.loginCookies(session).map((c) => `${c.name}=${c.value}; Path=${p.cookiePath}${c.httpOnly ? '; HttpOnly' : ''}`);
      sessions.set(session.lwsso, session);
      return session;
    },

    acceptsMediaType: (mediaType) => mediaType === 'application/json',
    loginFields: (request) => parseJsonObject(request.body),
    refuseLogin: (status, id, title, request) => p.exception(status, id, title, request),
    unknownClient: (request) => p.refuseLogin(403, 'operation-forbidden', NOT_LISTED, request),
    keyActive: (key) => key.active,
    inactiveKey: (request) => p.refuseLogin(403, 'operation-forbidden', NOT_LISTED, request),
    secretOk: (given, key) => sameSecret(given, key.secret),
    wrongSecret: (request) => p.refuseLogin(401, 'not-authenticated', 'Incorrect secret.', request),
    loginSuccess: (session) => ({ status: 200, headers: { 'Set-Cookie': session.cookies } }),

    login(request) {
      const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!p.acceptsMediaType(mediaType)) return p.exception(415, 'unsupported-media-type', 'The login accepts only application/json.', request);
      const body = p.loginFields(request, mediaType);
      const clientId = body && Object.hasOwn(body, 'clientId') ? body.clientId : undefined;
      const secret = body && Object.hasOwn(body, 'secret') ? body.secret : undefined;
      if (typeof clientId !== 'string' || typeof secret !== 'string') {
        return p.exception(400, 'general-error', 'The body must be a JSON object with the string fields clientId and secret.', request);
      }
      const key = options.apiKeys.find((candidate) => sameSecret(candidate.clientId, clientId));
      if (!key) return p.unknownClient(request);
      if (!p.keyActive(key)) return p.inactiveKey(request);
      if (!p.secretOk(secret, key)) return p.wrongSecret(request);
      return p.loginSuccess(p.openSession(key, request.headers[CLIENT_TYPE_HEADER]));
    },

    usernameTag: 'Username',
    authenticationInfoXml: (session) => xml(200, `<AuthenticationInfo><${p.usernameTag}>${escapeXml(session.user)}</${p.usernameTag}></AuthenticationInfo>`),
    probeInJson: (request) => p.wantsJson(request),
    isAuthenticated(request) {
      const session = p.authenticate(request);
      if (!('user' in session)) return session;
      if (p.probeInJson(request)) return json(200, { AuthenticationInfo: { [p.usernameTag]: session.user } });
      return p.authenticationInfoXml(session);
    },

    endSiteSession: (session) => {
      session.siteSessionOpen = false;
    },
    siteSession(request) {
      const session = p.authenticate(request);
      if (!('user' in session)) return session;
      const qc = cookieValue(request.headers.cookie, 'QCSession');
      if (!session.siteSessionOpen || !qc || !sameSecret(qc, session.qcSession)) {
        return p.exception(401, 'session-has-expired', 'No site session is open for this QCSession. Please log in again.', request);
      }
      const refused = p.xsrfRefusal(request, session);
      if (refused) return refused;
      if (request.method !== 'DELETE') return { status: 200 };
      p.endSiteSession(session);
      return { status: 200, headers: { 'Set-Cookie': `QCSession=""; ${EXPIRED}` } };
    },

    loggedOutWith: (session) => [session],
    endSession(session) {
      for (const ended of p.loggedOutWith(session)) ended.loggedOut = true;
      sessions.delete(session.lwsso);
    },
    logoutAnswer: () => ({ status: 200, headers: { 'Set-Cookie': [`LWSSO_COOKIE_KEY=""; ${EXPIRED}`, `QCSession=""; ${EXPIRED}`] } }),
    logout(request) {
      const lwsso = cookieValue(request.headers.cookie, 'LWSSO_COOKIE_KEY');
      const session = lwsso ? sessions.get(lwsso) : undefined;
      if (session) p.endSession(session);
      return p.logoutAnswer();
    },

    // The Allow header of a 405 lists each route's methods in this order (ALM-05: only POST on the login).
    routes: () => [
      { method: ['POST'], path: LOGIN, handler: p.login },
      { method: ['GET', 'HEAD'], path: '/qcbin/rest/is-authenticated', handler: p.isAuthenticated },
      { method: ['GET', 'HEAD', 'PUT', 'DELETE'], path: '/qcbin/rest/site-session', handler: p.siteSession },
      { method: options.allowGetLogout ? ['GET', 'POST', 'PUT', 'DELETE'] : ['POST', 'PUT', 'DELETE'], path: '/qcbin/authentication-point/logout', handler: p.logout },
    ],
    notFound: (request) => p.exception(404, 'entity-not-found', `No REST resource at ${request.path.slice(0, 200)}.`, request),
    methodNotAllowed: (request, allow) => p.exception(405, 'method-not-allowed', `${request.method.slice(0, 20)} is not supported here.`, request, { Allow: allow.join(', ') }),
    error: (status, message, request) => p.exception(status, ID_OF_STATUS[status] ?? 'general-error', message, request),
    finish: (response) => ({ ...response, headers: { ...p.securityHeaders, ...response.headers } }),
  };
  return buildEmulator({ api: 'alm', clock, parts: p, faults: ALM_FAULTS, fault: options.fault });
}

function userOf(key: AlmApiKey): string {
  return key.user ?? `apikey-${[...createHash('sha256').update(key.clientId).digest()].slice(0, 20).map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;
}

function xml(status: number, body: string, headers: Record<string, string> = {}): EmuResponse {
  return { status, headers: { 'Content-Type': 'application/xml', ...headers }, body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}` };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
