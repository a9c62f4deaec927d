// Emulates the ALE OmniPCX Enterprise O2G REST login (seed 000, the O2G_TUTO Postman walkthrough, plus
// the vendor SDKs), happy path only: discovery (O2G-06), Basic authenticate that sets the AlcUserId cookie
// and answers it as credential (O2G-01, O2G-05), sessions opened with it (O2G-04, O2G-07; also at the
// seed's `1.0//sessions` spelling: routes match the collapsed path), probe, keepalive, logout and idle
// expiry after timeToLive (O2G-09), every refusal an O2G error body (O2G-08). Its faults are in faults.ts.
import { randomBytes } from 'node:crypto';
import { signHs256 } from '../../jwt';
import { Clock } from '../../emulators/clock';
import { buildEmulator, type EmulatorParts, type Handler, type KitEmulator } from '../../emulators/kit';
import { basicCredentials, cookieValue, json, parseJsonObject, sameSecret, type EmuRequest, type EmuResponse } from '../../emulators/types';
import { O2G_FAULTS } from './faults';

export const DEFAULT_TIME_TO_LIVE_S = 1800;

export interface O2gOptions {
  username: string;
  password: string;
  /** Idle lifetime of a session (and of a credential not yet used), in seconds. */
  timeToLiveS?: number;
  admin?: boolean;
  /** The name of one fault of faults.ts. */
  fault?: string;
  clock?: Clock;
}

/** One authenticate: its credential (the AlcUserId value) and, once opened, its session. */
export interface Login {
  credential: string;
  user: string;
  lastActivity: number;
  ended: boolean;
  session?: { id: string; applicationName: string; createdAt: number };
}

type Headers = Record<string, string | string[]>;

/** The named parts of the emulator: each fault replaces or wraps one of them. */
export interface O2gParts extends EmulatorParts {
  /** The configured login, the only user the emulator knows. */
  username: string;
  contentType: string;
  cookieName: string;
  /** The attributes of the AlcUserId cookie (SEC-03: HttpOnly, for the whole site). */
  cookieAttributes: string;
  answer(status: number, body: unknown, headers?: Headers): EmuResponse;
  /** The O2G error body {httpStatus, code, helpMessage, type, innerMessage, canRetry} (O2G-08). */
  refuse(status: number, helpMessage: string, innerMessage?: string, headers?: Headers): EmuResponse;
  unauthorized(why: string): EmuResponse;
  /** The base URL the client reached, from its Host header when that is a plain host[:port]. */
  origin(request: EmuRequest): string;

  newCredential(user: string): string;
  issue(user: string, credential?: string): Login;
  /** The login an authenticate hands out: a new one every time (SEC-05). */
  loginFor(user: string): Login;
  /** Every login of a user the emulator holds, live or not. */
  loginsOf(user: string): Login[];
  expired(login: Login): boolean;
  end(login: Login): void;
  /** Not ended, not idle past timeToLive (an expired one is ended on sight). */
  alive(login: Login): boolean;
  /** What an AlcUserId the emulator never issued (or has forgotten) opens: nothing. */
  unknownCredential(credential: string): Login | undefined;
  /** The caller's login, from its AlcUserId cookie; undefined when absent, unknown, ended or expired. */
  loginOf(request: EmuRequest): Login | undefined;

  passwordOk(given: string): boolean;
  /** Wrong password, missing or broken Basic header: one 401, no cookie (O2G-08, SEC-01). */
  badCredentials(): EmuResponse;
  /** An unknown user gets the same answer as a wrong password (SEC-02). */
  unknownUser(): EmuResponse;
  /** The authenticate body {credential, publicUrl, internalUrl} (O2G-05). */
  authenticateBody(request: EmuRequest, login: Login): Record<string, unknown>;
  /** Basic credentials → the credential and its cookie (O2G-01), or a refusal. */
  login(request: EmuRequest): EmuResponse;

  /** The SessionInfo body (O2G-07). */
  sessionInfo(request: EmuRequest, login: Login): Record<string, unknown>;
  /** Whose session a POST /sessions opens: the caller's login, from its cookie (O2G-04, O2G-08). */
  opener(request: EmuRequest): Login | undefined;
  /** A login with an open session, else the 401. */
  withSession(request: EmuRequest, then: (login: Login) => EmuResponse): EmuResponse;
  /** A keepalive restarts the idle count (O2G-09). */
  keepAlive(login: Login): void;
  /** The logins one logout ends: the caller's only (SEC-05). */
  loggedOut(login: Login): Login[];
  logoutAnswer(): EmuResponse;

  /** The path routes are matched on (O2G-04). */
  routePath(request: EmuRequest): string;
  discovery: Handler;
  authenticate: Handler;
  openSession: Handler;
  probe: Handler;
  keepalive: Handler;
  logout: Handler;
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

export function createO2gEmulator(options: O2gOptions): KitEmulator<O2gParts> {
  const clock = options.clock ?? new Clock();
  const ttlMs = (options.timeToLiveS ?? DEFAULT_TIME_TO_LIVE_S) * 1000;
  const logins = new Map<string, Login>();

  const p: O2gParts = {
    username: options.username,
    contentType: 'application/json',
    cookieName: 'AlcUserId',
    cookieAttributes: 'Path=/; HttpOnly',
    answer: (status, body, headers = {}) => json(status, body, { 'Content-Type': p.contentType, ...headers }),
    refuse: (status, helpMessage, innerMessage = helpMessage, headers = {}) =>
      p.answer(status, { httpStatus: REASONS[status] ?? 'ERROR', code: status, helpMessage, type: status >= 500 ? 'TECHNICAL' : 'FUNCTIONAL', innerMessage, canRetry: status === 503 }, headers),
    unauthorized: (why) => p.refuse(401, 'Authentication required: open a session with a valid AlcUserId cookie.', why),
    origin(request) {
      const host = request.headers.host ?? '';
      return `http://${/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host : '127.0.0.1'}`;
    },

    newCredential: (user) => signHs256({ sub: user, iat: Math.floor(clock.now() / 1000) }, randomBytes(32).toString('hex'), { alg: 'HS256' }),
    issue(user, credential = p.newCredential(user)) {
      const login: Login = { credential, user, lastActivity: clock.now(), ended: false };
      logins.set(credential, login);
      return login;
    },
    loginFor: (user) => p.issue(user),
    loginsOf: (user) => [...logins.values()].filter((login) => login.user === user),
    expired: (login) => clock.now() - login.lastActivity > ttlMs,
    end(login) {
      login.ended = true;
      logins.delete(login.credential);
    },
    alive(login) {
      if (login.ended) return false;
      if (p.expired(login)) {
        p.end(login);
        return false;
      }
      return true;
    },
    unknownCredential: () => undefined,
    loginOf(request) {
      const credential = cookieValue(request.headers.cookie, p.cookieName);
      if (credential === undefined) return undefined;
      const login = logins.get(credential) ?? p.unknownCredential(credential);
      return login && p.alive(login) ? login : undefined;
    },

    passwordOk: (given) => sameSecret(given, options.password),
    badCredentials: () => p.refuse(401, 'Authentication failed: wrong login or password.', 'Bad credentials.', { 'WWW-Authenticate': 'Basic realm="O2G"' }),
    unknownUser: () => p.badCredentials(),
    authenticateBody: (request, login) => ({
      credential: login.credential,
      publicUrl: `${p.origin(request)}/api/rest/1.0/sessions`,
      internalUrl: `${p.origin(request)}/api/rest/1.0/sessions`,
    }),
    login(request) {
      const given = basicCredentials(request.headers.authorization);
      if (!given) return p.badCredentials();
      if (!sameSecret(given.user, p.username)) return p.unknownUser();
      if (!p.passwordOk(given.password)) return p.badCredentials();
      const login = p.loginFor(given.user);
      return p.answer(200, p.authenticateBody(request, login), { 'Set-Cookie': `${p.cookieName}=${login.credential}; ${p.cookieAttributes}` });
    },

    sessionInfo(request, login) {
      const session = login.session!;
      const ttlS = ttlMs / 1000;
      const others = p.loginsOf(login.user).filter((other) => other !== login && other.session && p.alive(other));
      const base = `${p.origin(request)}/api/rest/1.0`;
      return {
        admin: options.admin ?? false,
        login: login.user,
        timeToLive: ttlS,
        publicBaseUrl: base,
        privateBaseUrl: base,
        services: SERVICES,
        creationDate: new Date(session.createdAt).toISOString(),
        expirationDate: new Date(login.lastActivity + ttlMs).toISOString(),
        ...(others.length ? { otherSessions: others.map((o) => ({ sessionId: o.session!.id, creationDate: new Date(o.session!.createdAt).toISOString(), timeToLive: ttlS })) } : {}),
      };
    },
    opener: (request) => p.loginOf(request),
    withSession(request, then) {
      const login = p.loginOf(request);
      if (!login?.session) return p.unauthorized(login ? 'No session is open for this credential.' : 'No valid AlcUserId cookie.');
      return then(login);
    },
    keepAlive(login) {
      login.lastActivity = clock.now();
    },
    loggedOut: (login) => [login],
    logoutAnswer: () => ({ status: 204 }),

    /** O2G-06: discovery needs no credentials. */
    discovery(request) {
      const url = `${p.origin(request)}/api/rest/authenticate?version=1.0`;
      return p.answer(200, {
        serverInfo: { productName: 'O2G Server', productType: 'O2G_SERVER', productVersion: { major: '2', minor: '7' }, haMode: false },
        versions: [{ id: '1.0', status: 'CURRENT', publicUrl: url, internalUrl: url }],
      });
    },
    authenticate(request) {
      const version = request.query.get('version');
      if (version !== null && version !== '1.0') return p.refuse(404, `API version ${JSON.stringify(version).slice(0, 40)} is not available; use version=1.0.`);
      return p.login(request);
    },
    openSession(request) {
      const login = p.opener(request);
      if (!login) return p.unauthorized('No valid AlcUserId cookie.');
      if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
        return p.refuse(415, 'Content-Type must be application/json.', `Unsupported content type ${JSON.stringify(request.headers['content-type'] ?? 'none').slice(0, 60)}.`);
      }
      const body = parseJsonObject(request.body);
      if (!body) return p.refuse(400, 'The body must be a JSON object such as {"applicationName": "MyApp"}.', 'Malformed JSON.');
      const name = Object.hasOwn(body, 'applicationName') ? body.applicationName : undefined;
      if (typeof name !== 'string' || name.trim() === '') return p.refuse(400, 'applicationName is required and must be a non-empty string.', 'Missing applicationName.');
      // One reading of the clock, so expirationDate − creationDate is exactly timeToLive.
      const now = clock.now();
      login.lastActivity = now;
      login.session ??= { id: randomBytes(16).toString('hex').toUpperCase(), applicationName: name, createdAt: now };
      return p.answer(200, p.sessionInfo(request, login), { 'Set-Cookie': `JSESSIONID=${login.session.id}; Path=/; HttpOnly` });
    },
    /** The probe: every call counts as activity. */
    probe: (request) =>
      p.withSession(request, (login) => {
        login.lastActivity = clock.now();
        return p.answer(200, p.sessionInfo(request, login));
      }),
    keepalive: (request) =>
      p.withSession(request, (login) => {
        p.keepAlive(login);
        return { status: 204 };
      }),
    logout: (request) =>
      p.withSession(request, (login) => {
        for (const ended of p.loggedOut(login)) p.end(ended);
        return p.logoutAnswer();
      }),

    routes: () => [
      { method: ['GET', 'HEAD'], path: '/api/rest', handler: p.discovery },
      { method: ['GET', 'HEAD'], path: '/api/rest/authenticate', handler: p.authenticate },
      { method: 'POST', path: '/api/rest/1.0/sessions', handler: p.openSession },
      { method: ['GET', 'HEAD'], path: '/api/rest/1.0/sessions', handler: p.probe },
      { method: 'DELETE', path: '/api/rest/1.0/sessions', handler: p.logout },
      { method: 'POST', path: '/api/rest/1.0/sessions/keepalive', handler: p.keepalive },
    ],
    /** O2G-04: routes are matched on the path with runs of slashes collapsed, so `1.0//sessions` is `1.0/sessions`. */
    routePath: (request) => request.path,
    notFound: (request) => p.refuse(404, 'Resource not found.', `No resource at ${JSON.stringify(p.routePath(request).slice(0, 80))}.`),
    methodNotAllowed: (request, allow) => p.refuse(405, `Method ${request.method.slice(0, 16)} is not allowed here.`, 'Method not allowed.', { Allow: allow.join(', ') }),
    error: (status, message) => p.refuse(status, message),
  };
  return buildEmulator({ api: 'o2g', clock, parts: p, faults: O2G_FAULTS, fault: options.fault });
}
