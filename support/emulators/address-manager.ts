// Emulates the BlueCat Address Manager RESTful v2 session resource (seed 001): POST /api/v2/sessions
// answers 201 with a HAL UserSession whose apiToken, as `Basic base64(username:apiToken)`, authorises
// later v2 requests; PATCH {"state":"LOGGED_OUT"} ends it and the token lapses 24 h after login.
import { randomBytes } from 'node:crypto';
import { Clock } from './clock';
import { basicCredentials, json, parseJsonObject, sameSecret, type EmuRequest, type EmuResponse, type Emulator } from './types';

export const ADDRESS_MANAGER_FAULTS = {
  'created-as-ok': 'answers a successful login 200 OK instead of 201 Created',
  'plain-json-content-type': 'labels sessions application/json instead of application/hal+json',
  'no-location-header': 'omits the Location header of the created session',
  'stale-token-in-credentials': 'encodes a stale token, not the apiToken, in basicAuthenticationCredentials',
  'credentials-for-user-api': 'encodes the user "api" (as the seed example decodes) instead of the real username',
  'password-instead-of-token': 'authorises later requests with username:password and no longer with the apiToken',
  'user-half-unchecked': 'accepts a valid apiToken under any username',
  'token-without-name-accepted': 'accepts Basic credentials that carry the apiToken alone, without "username:"',
  'anonymous-probe': 'answers a request without Authorization with the latest session',
  'current-not-supported': 'treats "current" as a session id and answers 404',
  'logout-keeps-session': 'answers the logout LOGGED_OUT but the token keeps working',
  'logout-ends-all-sessions': 'logging out one session logs out every session of that user',
  'logout-date-missing': 'leaves logoutDateTime null after logout',
  'merge-patch-refused': 'refuses the logout sent as application/merge-patch+json with 415',
  'token-never-expires': 'keeps the apiToken valid after apiTokenExpirationDateTime',
  'token-lives-one-hour': 'issues apiTokens that expire 1 hour after login instead of 24 hours',
  'milliseconds-in-dates': 'writes date-times with milliseconds (2023-01-20T21:40:48.123Z)',
  'read-only-as-string': 'sends readOnly as the string "false"',
  'collection-link-missing': 'leaves _links.collection out of the session',
  'self-link-singular': 'links the session as /api/v2/session/{id} (singular), which answers 404',
  'shared-session': 'a second login of the same user returns the live session instead of a new one',
  'any-password': 'accepts any password for a known user',
  'unknown-user-distinguished': 'answers an unknown user 404 "User not found" instead of the generic 401',
  'body-errors-as-401': 'answers a missing field or malformed JSON 401 instead of 400',
  'error-code-generic': 'names the 401 code "Unauthorized" instead of InvalidAuthorizationCredentials',
  'failed-login-cookie': 'sets a JSESSIONID cookie on a failed login',
  'session-cookie-on-login': 'also sets a JSESSIONID cookie on a successful login',
} as const;
export type AddressManagerFault = keyof typeof ADDRESS_MANAGER_FAULTS;

export const TOKEN_LIFETIME_MS = 24 * 3_600_000;
const HAL = 'application/hal+json';
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
  fault?: AddressManagerFault;
  clock?: Clock;
}

interface Session {
  id: number;
  username: string;
  apiToken: string;
  credentialsToken: string;
  credentialsUser: string;
  remoteAddress: string;
  loginMs: number;
  expiresMs: number;
  logoutMs: number | null;
}

export function createAddressManagerEmulator(options: AddressManagerOptions): Emulator {
  const clock = options.clock ?? new Clock();
  const fault = options.fault;
  const userId = options.userId ?? 100893;
  const sessions = new Map<number, Session>();
  let nextId = 62;

  const isoSeconds = (ms: number) => (fault === 'milliseconds-in-dates' ? new Date(ms).toISOString() : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));

  const error = (status: number, code: string, message: string, headers: Record<string, string> = {}): EmuResponse =>
    json(status, { status, reason: REASONS[status] ?? 'Error', code: fault === 'error-code-generic' && status === 401 ? 'Unauthorized' : code, message }, headers);
  const unauthorized = () => error(401, 'InvalidAuthorizationCredentials', UNAUTHORIZED);

  const selfHref = (id: number) => (fault === 'self-link-singular' ? `/api/v2/session/${id}` : `/api/v2/sessions/${id}`);
  const loggedIn = (s: Session) => s.logoutMs === null && (fault === 'token-never-expires' || clock.now() < s.expiresMs);

  const view = (s: Session) => ({
    id: s.id,
    type: 'UserSession',
    apiToken: s.apiToken,
    apiTokenExpirationDateTime: isoSeconds(s.expiresMs),
    basicAuthenticationCredentials: Buffer.from(`${s.credentialsUser}:${s.credentialsToken}`, 'utf8').toString('base64'),
    state: s.logoutMs === null ? 'LOGGED_IN' : 'LOGGED_OUT',
    remoteAddress: s.remoteAddress,
    readOnly: fault === 'read-only-as-string' ? 'false' : false,
    loginDateTime: isoSeconds(s.loginMs),
    logoutDateTime: s.logoutMs === null || fault === 'logout-date-missing' ? null : isoSeconds(s.logoutMs),
    response: null,
    user: { id: userId, type: 'User', name: s.username, _links: { self: { href: `/api/v2/users/${userId}` } } },
    authenticator: { id: 2, type: 'AddressManagerAuthenticator', name: 'proteusAuthenticator', _links: { self: { href: '/api/v2/authenticators/2' } } },
    _links: fault === 'collection-link-missing' ? { self: { href: selfHref(s.id) } } : { self: { href: selfHref(s.id) }, collection: { href: '/api/v2/sessions' } },
  });
  const hal = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    json(status, body, { 'Content-Type': fault === 'plain-json-content-type' ? 'application/json' : HAL, ...headers });

  /** The caller's live session, from `Authorization: Basic base64(username:apiToken)`. */
  const authenticate = (request: EmuRequest): Session | undefined => {
    const header = request.headers.authorization;
    if (header === undefined) {
      return fault === 'anonymous-probe' ? [...sessions.values()].filter(loggedIn).at(-1) : undefined;
    }
    const bearer = /^Bearer (\S+)$/i.exec(header.trim())?.[1];
    const given = bearer !== undefined ? (options.acceptBearer ? { user: undefined, password: bearer } : undefined) : (basicCredentials(header) ?? tokenAlone(header));
    if (!given) return undefined;
    for (const session of sessions.values()) {
      const secret = fault === 'password-instead-of-token' ? options.password : session.apiToken;
      const userOk = given.user === undefined || fault === 'user-half-unchecked' || sameSecret(given.user, session.username);
      if (userOk && sameSecret(given.password, secret) && loggedIn(session)) return session;
    }
    return undefined;
  };

  const tokenAlone = (header: string) => {
    const encoded = /^Basic (\S+)$/i.exec(header.trim())?.[1];
    return fault === 'token-without-name-accepted' && encoded ? { user: undefined, password: Buffer.from(encoded, 'base64').toString('utf8') } : undefined;
  };

  const login = (request: EmuRequest): EmuResponse => {
    if (!isJson(request, ['application/json'])) return error(415, 'UnsupportedMediaType', 'The request body must be application/json');
    const badBody = (code: string, message: string) => (fault === 'body-errors-as-401' ? unauthorized() : error(400, code, message));
    const body = parseJsonObject(request.body);
    if (!body) return badBody('InvalidRequestBody', 'The request body is not a valid JSON object');
    const username = own(body, 'username');
    const password = own(body, 'password');
    for (const [name, value] of [['username', username], ['password', password]] as const) {
      if (value === undefined) return badBody('MissingRequiredField', `The field "${name}" is required`);
      if (typeof value !== 'string') return badBody('InvalidFieldValue', `The field "${name}" must be a string`);
    }
    const knownUser = sameSecret(String(username), options.username);
    if (!knownUser || !(fault === 'any-password' || sameSecret(String(password), options.password))) {
      const refused = !knownUser && fault === 'unknown-user-distinguished' ? error(404, 'ObjectNotFound', 'User not found') : unauthorized();
      if (fault === 'failed-login-cookie') refused.headers = { ...refused.headers, 'Set-Cookie': `JSESSIONID=${randomBytes(16).toString('hex')}; Path=/; HttpOnly` };
      return refused;
    }
    const reused = fault === 'shared-session' ? [...sessions.values()].find((s) => s.username === username && loggedIn(s)) : undefined;
    const session = reused ?? openSession(String(username), request.remoteAddress);
    const headers: Record<string, string> = fault === 'no-location-header' ? {} : { Location: `/api/v2/sessions/${session.id}` };
    if (fault === 'session-cookie-on-login') headers['Set-Cookie'] = `JSESSIONID=${randomBytes(16).toString('hex')}; Path=/; HttpOnly`;
    return hal(fault === 'created-as-ok' ? 200 : 201, view(session), headers);
  };

  const openSession = (username: string, remoteAddress: string): Session => {
    const loginMs = clock.now();
    const apiToken = randomBytes(30).toString('base64');
    const session: Session = {
      id: nextId++,
      username,
      apiToken,
      credentialsToken: fault === 'stale-token-in-credentials' ? randomBytes(30).toString('base64') : apiToken,
      credentialsUser: fault === 'credentials-for-user-api' ? 'api' : username,
      remoteAddress: remoteAddress.replace(/^::ffff:/, ''),
      loginMs,
      expiresMs: loginMs + (fault === 'token-lives-one-hour' ? 3_600_000 : TOKEN_LIFETIME_MS),
      logoutMs: null,
    };
    sessions.set(session.id, session);
    return session;
  };

  const collection = (request: EmuRequest): EmuResponse => {
    const caller = authenticate(request);
    if (!caller) return unauthorized();
    const data = [...sessions.values()].filter((s) => s.username === caller.username).map(view);
    return hal(200, { count: data.length, data, _links: { self: { href: '/api/v2/sessions' } } });
  };

  /** `/api/v2/sessions/current` or `/api/v2/sessions/{id}` of the caller's own user. */
  const target = (request: EmuRequest, caller: Session): Session | undefined => {
    const key = request.path.slice('/api/v2/sessions/'.length);
    if (key === 'current') return fault === 'current-not-supported' ? undefined : caller;
    const found = /^\d{1,9}$/.test(key) ? sessions.get(Number(key)) : undefined;
    return found?.username === caller.username ? found : undefined;
  };

  const read = (request: EmuRequest): EmuResponse => {
    const caller = authenticate(request);
    if (!caller) return unauthorized();
    const session = target(request, caller);
    return session ? hal(200, view(session)) : notFound(request);
  };

  const logout = (request: EmuRequest): EmuResponse => {
    const caller = authenticate(request);
    if (!caller) return unauthorized();
    const session = target(request, caller);
    if (!session) return notFound(request);
    const types = fault === 'merge-patch-refused' ? ['application/json'] : ['application/json', 'application/merge-patch+json'];
    if (!isJson(request, types)) return error(415, 'UnsupportedMediaType', `The request body must be ${types.join(' or ')}`);
    const body = parseJsonObject(request.body);
    if (!body) return error(400, 'InvalidRequestBody', 'The request body is not a valid JSON object');
    const state = own(body, 'state');
    if (state === undefined) return error(400, 'MissingRequiredField', 'The field "state" is required');
    if (state !== 'LOGGED_OUT') return error(400, 'InvalidFieldValue', 'A session can only be changed to the state LOGGED_OUT');
    const now = clock.now();
    const ended = fault === 'logout-ends-all-sessions' ? [...sessions.values()].filter((s) => s.username === session.username) : [session];
    for (const s of ended) s.logoutMs ??= now;
    const answer = hal(200, view(session));
    if (fault === 'logout-keeps-session') session.logoutMs = null;
    return answer;
  };

  const notFound = (request: EmuRequest) => error(404, 'ObjectNotFound', `No resource was found at ${request.path}`);

  const routes: Array<[path: RegExp, handlers: Record<string, (request: EmuRequest) => EmuResponse>]> = [
    [/^\/api\/v2\/sessions$/, { GET: collection, POST: login }],
    [/^\/api\/v2\/sessions\/[^/]+$/, { GET: read, PATCH: logout }],
  ];

  return {
    api: 'address-manager',
    clock,
    handle(request) {
      const route = routes.find(([path]) => path.test(request.path));
      if (!route) return notFound(request);
      const handler = Object.hasOwn(route[1], request.method) ? route[1][request.method] : undefined;
      if (!handler) return error(405, 'MethodNotAllowed', `The method ${request.method} is not allowed here`, { Allow: Object.keys(route[1]).join(', ') });
      return handler(request);
    },
    error: (status, message) => error(status, status >= 500 ? 'InternalServerError' : status === 413 ? 'PayloadTooLarge' : 'InvalidRequest', message),
  };
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
