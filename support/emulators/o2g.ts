// Emulates the ALE OmniPCX Enterprise O2G REST login (seed 000, the O2G_TUTO Postman walkthrough, plus
// the vendor SDKs): discovery, Basic authenticate that sets the AlcUserId cookie, sessions opened with it
// (also at the seed's `1.0//sessions` spelling), probe, keepalive, logout and idle expiry after timeToLive.
import { randomBytes } from 'node:crypto';
import { decodeJwt, signHs256 } from '../jwt';
import { Clock } from './clock';
import { basicCredentials, cookieValue, json, parseJsonObject, sameSecret, type EmuRequest, type EmuResponse, type Emulator } from './types';

export const O2G_FAULTS = {
  'cookie-renamed': 'names the authentication cookie AlcUserToken instead of AlcUserId',
  'cookie-not-httponly': 'sets AlcUserId without the HttpOnly attribute',
  'cookie-path-authenticate': 'scopes AlcUserId to Path=/api/rest/authenticate, so a cookie jar never sends it to the sessions URL',
  'credential-differs-from-cookie': 'returns a credential in the body that differs from the AlcUserId cookie value',
  'credential-not-jwt': 'issues an opaque hex credential instead of a JWT',
  'authenticate-urls-wrong': 'points publicUrl and internalUrl at the authenticate URL instead of the sessions URL',
  'double-slash-404': 'no longer collapses "//", so the documented 1.0//sessions answers 404',
  'session-201': 'answers 201 Created to POST /sessions instead of 200',
  'ttl-in-minutes': 'reports timeToLive in minutes (30) instead of seconds',
  'ttl-as-string': 'sends timeToLive as the string "1800"',
  'services-renamed': 'names the session\'s services list "serviceList"',
  'html-content-type': 'labels its JSON answers text/html',
  'error-body-plain': 'answers 401 with a plain-text body instead of the O2G error JSON',
  'any-password': 'accepts any password for a known user',
  'unknown-user-404': 'answers an unknown user 404 instead of 401',
  'failed-login-sets-cookie': 'still sets an AlcUserId cookie when it refuses a login',
  'broken-basic-crash': 'crashes with 500 on a Basic header without a colon',
  'session-without-cookie': 'opens a session for a request without the AlcUserId cookie',
  'forged-cookie-accepted': 'accepts any AlcUserId that decodes as a JWT naming a known user, without checking it was issued',
  'logout-keeps-session': 'expires the cookies on logout but keeps the session alive on the server',
  'logout-200': 'answers logout 200 with a body instead of 204',
  'logout-ends-all-sessions': 'ends every session of the user on logout, not only the caller\'s',
  'one-session-per-user': 'hands every login of a user the same credential and session',
  'never-expires': 'never expires an idle session',
  'keepalive-ignored': 'answers keepalive 204 without moving the expiry',
  'keepalive-missing': 'has no keepalive resource any more (404, as after a rename to /keepAlive)',
  'discovery-needs-auth': 'answers GET /api/rest 401 without credentials',
} as const;
export type O2gFault = keyof typeof O2G_FAULTS;

export const DEFAULT_TIME_TO_LIVE_S = 1800;

export interface O2gOptions {
  username: string;
  password: string;
  /** Idle lifetime of a session (and of a credential not yet used), in seconds. */
  timeToLiveS?: number;
  admin?: boolean;
  fault?: O2gFault;
  clock?: Clock;
}

interface Login {
  credential: string;
  user: string;
  lastActivity: number;
  ended: boolean;
  session?: { id: string; applicationName: string; createdAt: number };
}

const REASONS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

const SERVICES = ['Sessions', 'Users', 'Telephony', 'Routing', 'EventSummary', 'Subscriptions', 'Maintenance'].map((name) => ({
  serviceName: name,
  serviceVersion: '1.0',
  relativeUrl: `/${name.charAt(0).toLowerCase()}${name.slice(1)}`,
}));

export function createO2gEmulator(options: O2gOptions): Emulator {
  const clock = options.clock ?? new Clock();
  const fault = options.fault;
  const ttlMs = (options.timeToLiveS ?? DEFAULT_TIME_TO_LIVE_S) * 1000;
  const logins = new Map<string, Login>();
  const contentType = fault === 'html-content-type' ? 'text/html; charset=utf-8' : 'application/json';
  const cookieName = fault === 'cookie-renamed' ? 'AlcUserToken' : 'AlcUserId';

  const answer = (status: number, body: unknown, headers: Record<string, string | string[]> = {}) =>
    json(status, body, { 'Content-Type': contentType, ...headers });

  const error = (status: number, helpMessage: string, innerMessage = helpMessage, headers: Record<string, string | string[]> = {}): EmuResponse => {
    if (status === 401 && fault === 'error-body-plain') return { status, headers: { 'Content-Type': 'text/plain', ...headers }, body: 'Unauthorized' };
    const body = { httpStatus: REASONS[status] ?? 'ERROR', code: status, helpMessage, type: status >= 500 ? 'TECHNICAL' : 'FUNCTIONAL', innerMessage, canRetry: status === 503 };
    return answer(status, body, headers);
  };
  const unauthorized = (why: string) => error(401, 'Authentication required: open a session with a valid AlcUserId cookie.', why);

  const alive = (login: Login): boolean => {
    if (login.ended) return false;
    if (fault !== 'never-expires' && clock.now() - login.lastActivity > ttlMs) {
      login.ended = true;
      logins.delete(login.credential);
      return false;
    }
    return true;
  };

  /** The caller's login, from its AlcUserId cookie; undefined when absent, unknown, ended or expired. */
  const loginOf = (request: EmuRequest): Login | undefined => {
    const credential = cookieValue(request.headers.cookie, cookieName);
    if (credential === undefined) return undefined;
    const known = logins.get(credential);
    if (known) return alive(known) ? known : undefined;
    if (fault === 'forged-cookie-accepted' && forgedUser(credential) === options.username) return issue(options.username, credential);
    return undefined;
  };

  const issue = (user: string, credential?: string): Login => {
    const iat = Math.floor(clock.now() / 1000);
    const token =
      credential ?? (fault === 'credential-not-jwt' ? randomBytes(24).toString('hex') : signHs256({ sub: user, iat }, randomBytes(32).toString('hex'), { alg: 'HS256' }));
    const login: Login = { credential: token, user, lastActivity: clock.now(), ended: false };
    logins.set(token, login);
    return login;
  };

  const origin = (request: EmuRequest) => {
    const host = request.headers.host ?? '';
    return `http://${/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host : '127.0.0.1'}`;
  };

  const discovery = (request: EmuRequest): EmuResponse => {
    if (fault === 'discovery-needs-auth' && !basicCredentials(request.headers.authorization)) return unauthorized('No credentials.');
    const url = `${origin(request)}/api/rest/authenticate?version=1.0`;
    return answer(200, {
      serverInfo: { productName: 'O2G Server', productType: 'O2G_SERVER', productVersion: { major: '2', minor: '7' }, haMode: false },
      versions: [{ id: '1.0', status: 'CURRENT', publicUrl: url, internalUrl: url }],
    });
  };

  const authenticate = (request: EmuRequest): EmuResponse => {
    const version = request.query.get('version');
    if (version !== null && version !== '1.0') return error(404, `API version ${JSON.stringify(version).slice(0, 40)} is not available; use version=1.0.`);
    const header = request.headers.authorization;
    if (fault === 'broken-basic-crash' && /^Basic /i.test(header ?? '') && !Buffer.from(header!.slice(6), 'base64').toString('utf8').includes(':')) {
      return error(500, 'Internal server error', 'ArrayIndexOutOfBoundsException: 1');
    }
    const given = basicCredentials(header);
    const knownUser = given !== undefined && sameSecret(given.user, options.username);
    const ok = knownUser && (fault === 'any-password' || sameSecret(given.password, options.password));
    if (!ok) {
      const cookie: Record<string, string> = fault === 'failed-login-sets-cookie' ? { 'Set-Cookie': `${cookieName}=${randomBytes(16).toString('hex')}; Path=/; HttpOnly` } : {};
      if (fault === 'unknown-user-404' && given !== undefined && !knownUser) return error(404, 'Unknown user.', 'User not found.', cookie);
      return error(401, 'Authentication failed: wrong login or password.', 'Bad credentials.', { 'WWW-Authenticate': 'Basic realm="O2G"', ...cookie });
    }
    const reused = fault === 'one-session-per-user' ? [...logins.values()].find((login) => login.user === given.user && alive(login)) : undefined;
    const login = reused ?? issue(given.user);
    const sessionsUrl = fault === 'authenticate-urls-wrong' ? '/api/rest/authenticate?version=1.0' : '/api/rest/1.0/sessions';
    const credential = fault === 'credential-differs-from-cookie' ? signHs256({ sub: given.user, iat: 0 }, 'other', { alg: 'HS256' }) : login.credential;
    const attributes = fault === 'cookie-path-authenticate' ? 'Path=/api/rest/authenticate; HttpOnly' : fault === 'cookie-not-httponly' ? 'Path=/' : 'Path=/; HttpOnly';
    return answer(
      200,
      { credential, publicUrl: `${origin(request)}${sessionsUrl}`, internalUrl: `${origin(request)}${sessionsUrl}` },
      { 'Set-Cookie': `${cookieName}=${login.credential}; ${attributes}` },
    );
  };

  const sessionInfo = (request: EmuRequest, login: Login) => {
    const session = login.session!;
    const ttlS = ttlMs / 1000;
    const others = [...logins.values()].filter((other) => other !== login && other.user === login.user && other.session && alive(other));
    const base = `${origin(request)}/api/rest/1.0`;
    return {
      admin: options.admin ?? false,
      login: login.user,
      timeToLive: fault === 'ttl-in-minutes' ? ttlS / 60 : fault === 'ttl-as-string' ? String(ttlS) : ttlS,
      publicBaseUrl: base,
      privateBaseUrl: base,
      [fault === 'services-renamed' ? 'serviceList' : 'services']: SERVICES,
      creationDate: new Date(session.createdAt).toISOString(),
      expirationDate: new Date(login.lastActivity + ttlMs).toISOString(),
      ...(others.length ? { otherSessions: others.map((o) => ({ sessionId: o.session!.id, creationDate: new Date(o.session!.createdAt).toISOString(), timeToLive: ttlS })) } : {}),
    };
  };

  const openSession = (request: EmuRequest): EmuResponse => {
    let login = loginOf(request);
    if (!login && fault === 'session-without-cookie' && cookieValue(request.headers.cookie, cookieName) === undefined) login = issue(options.username);
    if (!login) return unauthorized('No valid AlcUserId cookie.');
    if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
      return error(415, 'Content-Type must be application/json.', `Unsupported content type ${JSON.stringify(request.headers['content-type'] ?? 'none').slice(0, 60)}.`);
    }
    const body = parseJsonObject(request.body);
    if (!body) return error(400, 'The body must be a JSON object such as {"applicationName": "MyApp"}.', 'Malformed JSON.');
    const name = Object.hasOwn(body, 'applicationName') ? body.applicationName : undefined;
    if (typeof name !== 'string' || name.trim() === '') return error(400, 'applicationName is required and must be a non-empty string.', 'Missing applicationName.');
    // One reading of the clock, so expirationDate − creationDate is exactly timeToLive.
    const now = clock.now();
    login.lastActivity = now;
    login.session ??= { id: randomBytes(16).toString('hex').toUpperCase(), applicationName: name, createdAt: now };
    return answer(fault === 'session-201' ? 201 : 200, sessionInfo(request, login), { 'Set-Cookie': `JSESSIONID=${login.session.id}; Path=/; HttpOnly` });
  };

  /** A login with an open session, touched (every call counts as activity); else the 401. */
  const withSession = (request: EmuRequest, then: (login: Login) => EmuResponse): EmuResponse => {
    const login = loginOf(request);
    if (!login?.session) return unauthorized(login ? 'No session is open for this credential.' : 'No valid AlcUserId cookie.');
    return then(login);
  };

  const probe = (request: EmuRequest) =>
    withSession(request, (login) => {
      login.lastActivity = clock.now();
      return answer(200, sessionInfo(request, login));
    });

  const keepalive = (request: EmuRequest) =>
    withSession(request, (login) => {
      if (fault !== 'keepalive-ignored') login.lastActivity = clock.now();
      return { status: 204 };
    });

  const logout = (request: EmuRequest) =>
    withSession(request, (login) => {
      if (fault === 'logout-keeps-session') {
        return { status: 204, headers: { 'Set-Cookie': [`${cookieName}=; Path=/; Max-Age=0`, 'JSESSIONID=; Path=/; Max-Age=0'] } };
      }
      const ending = fault === 'logout-ends-all-sessions' ? [...logins.values()].filter((other) => other.user === login.user) : [login];
      for (const ended of ending) {
        ended.ended = true;
        logins.delete(ended.credential);
      }
      return fault === 'logout-200' ? answer(200, { message: 'Session closed.' }) : { status: 204 };
    });

  const routes: Array<[methods: string[], path: string, handler: (request: EmuRequest) => EmuResponse]> = [
    [['GET', 'HEAD'], '/api/rest', discovery],
    [['GET', 'HEAD'], '/api/rest/authenticate', authenticate],
    [['POST'], '/api/rest/1.0/sessions', openSession],
    [['GET', 'HEAD'], '/api/rest/1.0/sessions', probe],
    [['DELETE'], '/api/rest/1.0/sessions', logout],
    [['POST'], fault === 'keepalive-missing' ? '/api/rest/1.0/sessions/keepAlive' : '/api/rest/1.0/sessions/keepalive', keepalive],
  ];

  return {
    api: 'o2g',
    clock,
    handle(request) {
      const path = fault === 'double-slash-404' ? (request.rawPath.split('?')[0] ?? '') : request.path;
      const onPath = routes.filter(([, route]) => route === path);
      if (onPath.length === 0) return error(404, 'Resource not found.', `No resource at ${JSON.stringify(path.slice(0, 80))}.`);
      const route = onPath.find(([methods]) => methods.includes(request.method));
      if (!route) return error(405, `Method ${request.method.slice(0, 16)} is not allowed here.`, 'Method not allowed.', { Allow: onPath.flatMap(([methods]) => methods).join(', ') });
      return route[2](request);
    },
    error: (status, message) => error(status, message),
  };
}

/** The `sub` of something that decodes as a JWT (only the forged-cookie fault trusts it). */
function forgedUser(value: string): unknown {
  try {
    return decodeJwt(value).payload.sub;
  } catch {
    return undefined;
  }
}
