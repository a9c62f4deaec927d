// Emulates the BlueCat Address Manager RESTful v2 session resource (seed 001), happy path only: POST
// /api/v2/sessions answers 201 with a HAL UserSession (BAM-01, BAM-02) whose apiToken, as
// `Basic base64(username:apiToken)`, authorises later v2 requests (BAM-03..06); PATCH {"state":"LOGGED_OUT"}
// ends it (BAM-08) and the token lapses 24 h after login (BAM-09). Errors are the vendor library's JSON
// {status, reason, code, message} (BAM-07). Sessions live on the server, one per login (SEC-05), and no
// answer sets a cookie (SEC-01, SEC-04). Its faults are in faults.ts.
import { randomBytes } from 'node:crypto';
import { Clock } from '../../emulators/clock';
import { buildEmulator, type EmulatorParts, type Handler, type KitEmulator } from '../../emulators/kit';
import { basicCredentials, json, parseJsonObject, sameSecret, type EmuRequest, type EmuResponse } from '../../emulators/types';
import { ADDRESS_MANAGER_FAULTS } from './faults';

export const TOKEN_LIFETIME_MS = 24 * 3_600_000;
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
};
const UNAUTHORIZED = 'The request authorization credentials are either missing or invalid';

export interface AddressManagerOptions {
  username: string;
  password: string;
  userId?: number;
  /** Also accept `Authorization: Bearer <apiToken>`, as some community clients send (unverified). */
  acceptBearer?: boolean;
  /** The name of one fault of faults.ts. */
  fault?: string;
  clock?: Clock;
}

export interface AddressManagerSession {
  id: number;
  username: string;
  apiToken: string;
  /** basicAuthenticationCredentials, fixed when the session opens. */
  credentials: string;
  remoteAddress: string;
  loginMs: number;
  expiresMs: number;
  logoutMs: number | null;
}

/** What an Authorization header presents: a user half (none for a bare token) and a secret. */
export interface Presented {
  user?: string | undefined;
  password: string;
}

/** The named parts of the emulator: each fault replaces or wraps one of them. */
export interface AddressManagerParts extends EmulatorParts {
  /** Every session opened, by id (server-side state: logouts and expiry only mark them). */
  sessions: Map<number, AddressManagerSession>;
  tokenLifetimeMs: number;
  /** The content type of every session answer (BAM-01). */
  halType: string;
  /** The media types a logout PATCH may be sent as (BAM-08). */
  logoutTypes: string[];
  /** Date-times to the second with Z, as the seed prints them (BAM-02). */
  dateTime(ms: number): string;
  /** The error body {status, reason, code, message} (BAM-07). */
  problem(status: number, code: string, message: string, headers?: Record<string, string>): EmuResponse;
  unauthorized(): EmuResponse;
  hal(status: number, body: unknown, headers?: Record<string, string>): EmuResponse;
  selfHref(id: number): string;
  /** The UserSession body (BAM-02). */
  view(session: AddressManagerSession): Record<string, unknown>;
  /** basicAuthenticationCredentials: base64 of `<name>:<apiToken>` (BAM-03). */
  credentials(username: string, apiToken: string): string;
  /** Before apiTokenExpirationDateTime (BAM-09). */
  tokenLive(session: AddressManagerSession): boolean;
  loggedIn(session: AddressManagerSession): boolean;
  /** Basic credentials, or a Bearer token when asked to be lenient; undefined for anything else (BAM-06). */
  presented(header: string): Presented | undefined;
  /** The session of a request without Authorization: none (BAM-06). */
  anonymous(): AddressManagerSession | undefined;
  userOk(given: string | undefined, session: AddressManagerSession): boolean;
  tokenOk(given: string, session: AddressManagerSession): boolean;
  /** The caller's live session, from `Authorization: Basic base64(username:apiToken)` (BAM-04, BAM-05). */
  authenticate(request: EmuRequest): AddressManagerSession | undefined;
  passwordOk(given: string): boolean;
  /** A login body that is not a JSON object with string username and password: 400 (BAM-07). */
  badLoginBody(code: string, message: string): EmuResponse;
  /** Wrong password and unknown user alike: 401, no token, no cookie (BAM-07, SEC-01, SEC-02). */
  refuseLogin(knownUser: boolean): EmuResponse;
  openSession(username: string, remoteAddress: string): AddressManagerSession;
  /** The session a successful login answers: a new one each time (SEC-05). */
  sessionFor(username: string, remoteAddress: string): AddressManagerSession;
  /** The login's answer: 201, HAL, Location of the session (BAM-01). */
  created(session: AddressManagerSession): EmuResponse;
  /** What `/api/v2/sessions/current` names: the caller's own session (BAM-06). */
  current(caller: AddressManagerSession): AddressManagerSession | undefined;
  /** `current` or the id of a session of the caller's own user. */
  target(key: string, caller: AddressManagerSession): AddressManagerSession | undefined;
  /** The sessions one logout ends: that one only (SEC-05). */
  ended(session: AddressManagerSession): AddressManagerSession[];
  /** Ends the session and answers it LOGGED_OUT with its logoutDateTime (BAM-08). */
  loggedOut(session: AddressManagerSession): EmuResponse;
  collection: Handler;
  login: Handler;
  read: Handler;
  logout: Handler;
}

export function createAddressManagerEmulator(options: AddressManagerOptions): KitEmulator<AddressManagerParts> {
  const clock = options.clock ?? new Clock();
  const userId = options.userId ?? 100893;
  let nextId = 62;

  const p: AddressManagerParts = {
    sessions: new Map(),
    tokenLifetimeMs: TOKEN_LIFETIME_MS,
    halType: 'application/hal+json',
    logoutTypes: ['application/json', 'application/merge-patch+json'],
    dateTime: (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    problem: (status, code, message, headers = {}) => json(status, { status, reason: REASONS[status] ?? 'Error', code, message }, headers),
    unauthorized: () => p.problem(401, 'InvalidAuthorizationCredentials', UNAUTHORIZED),
    hal: (status, body, headers = {}) => json(status, body, { 'Content-Type': p.halType, ...headers }),
    selfHref: (id) => `/api/v2/sessions/${id}`,

    view: (s) => ({
      id: s.id,
      type: 'UserSession',
      apiToken: s.apiToken,
      apiTokenExpirationDateTime: p.dateTime(s.expiresMs),
      basicAuthenticationCredentials: s.credentials,
      state: s.logoutMs === null ? 'LOGGED_IN' : 'LOGGED_OUT',
      remoteAddress: s.remoteAddress,
      readOnly: false,
      loginDateTime: p.dateTime(s.loginMs),
      logoutDateTime: s.logoutMs === null ? null : p.dateTime(s.logoutMs),
      response: null,
      user: { id: userId, type: 'User', name: s.username, _links: { self: { href: `/api/v2/users/${userId}` } } },
      authenticator: { id: 2, type: 'AddressManagerAuthenticator', name: 'proteusAuthenticator', _links: { self: { href: '/api/v2/authenticators/2' } } },
      _links: { self: { href: p.selfHref(s.id) }, collection: { href: '/api/v2/sessions' } },
    }),
    credentials: (username, apiToken) => Buffer.from(`${username}:${apiToken}`, 'utf8').toString('base64'),

    tokenLive: (s) => clock.now() < s.expiresMs,
    loggedIn: (s) => s.logoutMs === null && p.tokenLive(s),
    presented(header) {
      const bearer = /^Bearer (\S+)$/i.exec(header.trim())?.[1];
      if (bearer !== undefined) return options.acceptBearer ? { user: undefined, password: bearer } : undefined;
      return basicCredentials(header);
    },
    anonymous: () => undefined,
    userOk: (given, s) => given === undefined || sameSecret(given, s.username),
    tokenOk: (given, s) => sameSecret(given, s.apiToken),
    authenticate(request) {
      const header = request.headers.authorization;
      if (header === undefined) return p.anonymous();
      const given = p.presented(header);
      if (!given) return undefined;
      for (const session of p.sessions.values()) {
        if (p.userOk(given.user, session) && p.tokenOk(given.password, session) && p.loggedIn(session)) return session;
      }
      return undefined;
    },

    passwordOk: (given) => sameSecret(given, options.password),
    badLoginBody: (code, message) => p.problem(400, code, message),
    refuseLogin: () => p.unauthorized(),
    openSession(username, remoteAddress) {
      const loginMs = clock.now();
      const apiToken = randomBytes(30).toString('base64');
      const session: AddressManagerSession = {
        id: nextId++,
        username,
        apiToken,
        credentials: p.credentials(username, apiToken),
        remoteAddress: remoteAddress.replace(/^::ffff:/, ''),
        loginMs,
        expiresMs: loginMs + p.tokenLifetimeMs,
        logoutMs: null,
      };
      p.sessions.set(session.id, session);
      return session;
    },
    sessionFor: (username, remoteAddress) => p.openSession(username, remoteAddress),
    created: (session) => p.hal(201, p.view(session), { Location: `/api/v2/sessions/${session.id}` }),

    login(request) {
      if (!isJson(request, ['application/json'])) return p.problem(415, 'UnsupportedMediaType', 'The request body must be application/json');
      const body = parseJsonObject(request.body);
      if (!body) return p.badLoginBody('InvalidRequestBody', 'The request body is not a valid JSON object');
      const username = own(body, 'username');
      const password = own(body, 'password');
      for (const [name, value] of [['username', username], ['password', password]] as const) {
        if (value === undefined) return p.badLoginBody('MissingRequiredField', `The field "${name}" is required`);
        if (typeof value !== 'string') return p.badLoginBody('InvalidFieldValue', `The field "${name}" must be a string`);
      }
      const knownUser = sameSecret(String(username), options.username);
      if (!knownUser || !p.passwordOk(String(password))) return p.refuseLogin(knownUser);
      return p.created(p.sessionFor(String(username), request.remoteAddress));
    },

    collection(request) {
      const caller = p.authenticate(request);
      if (!caller) return p.unauthorized();
      const data = [...p.sessions.values()].filter((s) => s.username === caller.username).map((s) => p.view(s));
      return p.hal(200, { count: data.length, data, _links: { self: { href: '/api/v2/sessions' } } });
    },

    current: (caller) => caller,
    target(key, caller) {
      if (key === 'current') return p.current(caller);
      const found = /^\d{1,9}$/.test(key) ? p.sessions.get(Number(key)) : undefined;
      return found?.username === caller.username ? found : undefined;
    },

    read(request, params) {
      const caller = p.authenticate(request);
      if (!caller) return p.unauthorized();
      const session = p.target(params.id!, caller);
      return session ? p.hal(200, p.view(session)) : p.notFound(request);
    },

    ended: (session) => [session],
    loggedOut(session) {
      const now = clock.now();
      for (const s of p.ended(session)) s.logoutMs ??= now;
      return p.hal(200, p.view(session));
    },

    logout(request, params) {
      const caller = p.authenticate(request);
      if (!caller) return p.unauthorized();
      const session = p.target(params.id!, caller);
      if (!session) return p.notFound(request);
      const types = p.logoutTypes;
      if (!isJson(request, types)) return p.problem(415, 'UnsupportedMediaType', `The request body must be ${types.join(' or ')}`);
      const body = parseJsonObject(request.body);
      if (!body) return p.problem(400, 'InvalidRequestBody', 'The request body is not a valid JSON object');
      const state = own(body, 'state');
      if (state === undefined) return p.problem(400, 'MissingRequiredField', 'The field "state" is required');
      if (state !== 'LOGGED_OUT') return p.problem(400, 'InvalidFieldValue', 'A session can only be changed to the state LOGGED_OUT');
      return p.loggedOut(session);
    },

    routes: () => [
      { method: 'GET', path: '/api/v2/sessions', handler: p.collection },
      { method: 'POST', path: '/api/v2/sessions', handler: p.login },
      { method: 'GET', path: /^\/api\/v2\/sessions\/(?<id>[^/]+)$/, handler: p.read },
      { method: 'PATCH', path: /^\/api\/v2\/sessions\/(?<id>[^/]+)$/, handler: p.logout },
    ],
    notFound: (request) => p.problem(404, 'ObjectNotFound', `No resource was found at ${request.path}`),
    methodNotAllowed: (request, allow) => p.problem(405, 'MethodNotAllowed', `The method ${request.method} is not allowed here`, { Allow: allow.join(', ') }),
    error: (status, message) => p.problem(status, status >= 500 ? 'InternalServerError' : status === 413 ? 'PayloadTooLarge' : 'InvalidRequest', message),
  };
  return buildEmulator({ api: 'address-manager', clock, parts: p, faults: ADDRESS_MANAGER_FAULTS, fault: options.fault });
}

/** True when the request's media type (parameters ignored) is one of `types`. */
function isJson(request: EmuRequest, types: string[]): boolean {
  const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return mediaType !== undefined && types.includes(mediaType);
}

/** An own property of a parsed body: `__proto__` or `constructor` keys never reach the prototype chain. */
function own(body: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(body, key) ? body[key] : undefined;
}
