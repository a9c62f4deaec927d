// Emulates the Oracle Communications Session Delivery Manager REST login (seed 004, a Tomcat/JAXB service),
// happy path only: POST /rest/{versionId}/admin/login takes an XML <session> or a root-less JSON body
// (SDM-01, SDM-02) and answers the session in the format Accept asks for, with a JSESSIONID cookie equal to
// sessionId (SDM-03, SDM-08). The deviceGroups inventory is the session's probe; logout ends the session.
// Sessions live "until logout" unless an idle timeout is set. Its faults are in faults.ts.
import { randomBytes } from 'node:crypto';
import { parseXml } from '../../xml';
import { Clock } from '../../emulators/clock';
import { buildEmulator, type EmulatorParts, type Handler, type KitEmulator } from '../../emulators/kit';
import { cookieValue, parseJsonObject, sameSecret, type EmuRequest, type EmuResponse } from '../../emulators/types';
import { SDM_FAULTS } from './faults';

export const SDM_VERSIONS: readonly string[] = ['v1.0', 'v1.1', 'v1.2', 'v1.3'];

export const SDM_MESSAGES = {
  invalidInput: 'The user input is invalid.',
  badCredentials: 'The user ID or password is invalid.',
  unknownVersion: 'The REST API version of your input request cannot be found.',
  badSession: 'The session ID is invalid.',
  notAuthorized: 'The request is not authorized.',
  unsupportedType: 'The request body is not application/xml or application/json.',
  notAcceptable: 'The server can answer only application/xml or application/json.',
  notFound: 'The requested resource is not available.',
  methodNotAllowed: 'The HTTP method is not allowed for this resource.',
} as const;

export interface SdmOptions {
  username: string;
  password: string;
  versions?: readonly string[];
  serverInfo?: string;
  userGroup?: string;
  /** 0 (the documented default): the session is "valid until logout". */
  idleTimeoutMinutes?: number;
  jvmRoute?: string;
  /** The name of one fault of faults.ts. */
  fault?: string;
  clock?: Clock;
}

export type Format = 'xml' | 'json';
export type Fields = Record<string, string | number | Array<Record<string, string>>>;
export interface Session {
  id: string;
  user: string;
  lastUsed: number;
}
export interface Credentials {
  userName: string;
  password: string;
}

/** The named parts of the emulator: each fault replaces or wraps one of them. */
export interface SdmParts extends EmulatorParts {
  /** The REST API versions routed; any other on a known resource is an unknown version (SDM-07). */
  versions: readonly string[];
  /** The open sessions by id. */
  sessions: Map<string, Session>;
  /** After how many idle minutes a session ends (0: never, "valid until logout"). */
  idleLimitMinutes: number;
  /** Headers on every answer (X-Frame-Options: SAMEORIGIN, SDM-08). */
  commonHeaders: Record<string, string>;
  mediaType(format: Format): string;
  answer(status: number, format: Format, root: string, fields: Fields, headers?: Record<string, string | string[]>): EmuResponse;
  /** Errors answer in the format the client can read: its Accept, else its body's format, else XML. */
  errorFormat(request: EmuRequest): Format;
  /** The answer's format from Accept, or the request's when Accept is missing or a wildcard (SDM-02). */
  negotiate(accept: string | undefined, requestFormat: Format): Format | undefined;
  unknownVersion(request: EmuRequest): EmuResponse;
  /** A body neither XML nor JSON: 415. */
  unsupportedType(request: EmuRequest): EmuResponse;
  /** A body that does not parse, or is not a <session>: 400 (SDM-05). */
  invalidBody(request: EmuRequest): EmuResponse;
  /** A body without userName or password: 400 (SDM-05). */
  missingField(request: EmuRequest): EmuResponse;
  parseXmlBody(text: string): Record<string, unknown>;
  /** The root element credentials are read under: <session> only (SDM-01). */
  sessionRoot(roots: string[]): string | undefined;
  /** The object credentials are read from in a JSON body: the body itself, root-less (SDM-02). */
  jsonCredentials(body: Record<string, unknown>): Record<string, unknown>;
  /** "malformed" for a body that is not XML/JSON, "missing" for one without userName or password. */
  readCredentials(body: Buffer, format: Format): Credentials | 'malformed' | 'missing';
  passwordOk(given: string): boolean;
  /** A wrong password and an unknown user get the same 401 and no cookie (SDM-06, SEC-01, SEC-02). */
  refuseLogin(request: EmuRequest, userOk: boolean): EmuResponse;
  /** A new session's id: 32 upper-case hex digits and the JVM route; every login gets its own (SEC-05). */
  newSessionId(user: string): string;
  sessionFields(format: Format, id: string, credentials: Credentials): Fields;
  /** JSESSIONID=<id>; Path=/rest; HttpOnly (SDM-08, SEC-03). */
  sessionCookie(id: string): string;
  sessionAnswer(format: Format, fields: Fields, id: string): EmuResponse;
  /** The bare sessionId sent as the whole Cookie header, as the seed's Python example sends it (SDM-04). */
  bareSessionId(cookieHeader: string): string | undefined;
  /** The live session a request carries (SDM-03, SDM-04); a request keeps it alive. */
  sessionOf(request: EmuRequest): Session | undefined;
  /** The probe answers 401 without a live session (SDM-08). */
  probeRefusal(request: EmuRequest): EmuResponse | undefined;
  logoutWithoutSession(request: EmuRequest): EmuResponse;
  /** Ends one session; the user's others keep working (SEC-05). */
  endSession(session: Session): void;
  /** Logout expires the cookie (SDM-08). */
  logoutHeaders(): Record<string, string>;
  /** 204 No Content (SDM-08). */
  loggedOut(request: EmuRequest): EmuResponse;
  login: Handler;
  logout: Handler;
  deviceGroups: Handler;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const MEDIA: Record<Format, string> = { xml: 'application/xml', json: 'application/json' };
const SESSION_ID = /^[0-9A-F]{32}(\.[\w-]+)?$/;
const RESOURCES = { login: 'admin/login', logout: 'admin/logout', deviceGroups: 'inventory/deviceMgmt/deviceGroups' } as const;

export function createSdmEmulator(options: SdmOptions): KitEmulator<SdmParts> {
  const clock = options.clock ?? new Clock();
  const route = options.jvmRoute ?? 'tomcat1';
  const idleMinutes = options.idleTimeoutMinutes ?? 0;

  const p: SdmParts = {
    versions: options.versions ?? SDM_VERSIONS,
    sessions: new Map(),
    idleLimitMinutes: idleMinutes,
    commonHeaders: { 'X-Frame-Options': 'SAMEORIGIN', Vary: 'Accept-Encoding' },
    mediaType: (format) => MEDIA[format],
    answer(status, format, root, fields, headers = {}) {
      const body = format === 'json' ? JSON.stringify(fields) : `${XML_DECLARATION}${toXml(root, fields)}`;
      return { status, headers: { 'Content-Type': p.mediaType(format), ...headers }, body };
    },
    errorFormat(request) {
      const fromBody = formatOfContentType(request.headers['content-type']) ?? 'xml';
      return answerFormat(request.headers.accept, fromBody) ?? fromBody;
    },
    negotiate: (accept, requestFormat) => answerFormat(accept, requestFormat),

    unknownVersion: (request) => p.error(404, SDM_MESSAGES.unknownVersion, request),
    unsupportedType: (request) => p.error(415, SDM_MESSAGES.unsupportedType, request),
    invalidBody: (request) => p.error(400, SDM_MESSAGES.invalidInput, request),
    missingField: (request) => p.error(400, SDM_MESSAGES.invalidInput, request),

    parseXmlBody: (text) => parseXml(text),
    sessionRoot: (roots) => (roots.includes('session') ? 'session' : undefined),
    jsonCredentials: (body) => body,
    readCredentials(body, format) {
      const text = body.toString('utf8').replace(/^\uFEFF/, '');
      let record: Record<string, unknown> | undefined;
      if (format === 'json') {
        const parsed = parseJsonObject(Buffer.from(text));
        if (!parsed) return 'malformed';
        record = p.jsonCredentials(parsed);
      } else {
        let document: Record<string, unknown>;
        try {
          document = p.parseXmlBody(text);
        } catch {
          return 'malformed';
        }
        const root = p.sessionRoot(Object.keys(document));
        if (root === undefined) return 'malformed';
        const content = document[root];
        if (!isRecord(content)) return content === '' ? 'missing' : 'malformed';
        record = Object.fromEntries(Object.entries(content).map(([key, value]) => [key, xmlText(value)]));
      }
      const { userName, password } = { userName: own(record, 'userName'), password: own(record, 'password') };
      if (userName === undefined || password === undefined) return 'missing';
      if (typeof userName !== 'string' || typeof password !== 'string') return 'malformed';
      return { userName, password };
    },
    passwordOk: (given) => sameSecret(given, options.password),
    refuseLogin: (request) => p.error(401, SDM_MESSAGES.badCredentials, request),

    newSessionId: () => `${randomBytes(16).toString('hex').toUpperCase()}.${route}`,
    sessionFields: (format, id, credentials) => ({
      idleTimeout: idleMinutes,
      serverInfo: options.serverInfo ?? (format === 'xml' ? 'NNC82' : 'NNC82_5'),
      sessionId: id,
      userGroup: options.userGroup ?? 'administrators',
      userName: credentials.userName,
      validUntil: idleMinutes > 0 ? `valid until ${idleMinutes} idle minutes pass` : 'valid until logout',
    }),
    sessionCookie: (id) => `JSESSIONID=${id}; Path=/rest; HttpOnly`,
    sessionAnswer: (format, fields, id) => p.answer(200, format, 'session', fields, { 'Set-Cookie': p.sessionCookie(id) }),

    bareSessionId: (cookieHeader) => (SESSION_ID.test(cookieHeader) ? cookieHeader : undefined),
    sessionOf(request) {
      const header = request.headers.cookie?.trim() ?? '';
      const id = cookieValue(header, 'JSESSIONID') ?? p.bareSessionId(header);
      const session = id === undefined ? undefined : p.sessions.get(id);
      if (!session) return undefined;
      if (p.idleLimitMinutes > 0 && clock.now() - session.lastUsed >= p.idleLimitMinutes * 60_000) {
        p.sessions.delete(session.id);
        return undefined;
      }
      session.lastUsed = clock.now();
      return session;
    },
    probeRefusal: (request) => (p.sessionOf(request) ? undefined : p.error(401, SDM_MESSAGES.badSession, request)),

    logoutWithoutSession: (request) => p.error(401, SDM_MESSAGES.notAuthorized, request),
    endSession: (session) => void p.sessions.delete(session.id),
    logoutHeaders: () => ({ 'Set-Cookie': 'JSESSIONID=; Path=/rest; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly' }),
    loggedOut: () => ({ status: 204, headers: p.logoutHeaders() }),

    /** SDM-01, SDM-02: the body's format from Content-Type, the answer's from Accept; then the credentials. */
    login(request) {
      const requestFormat = formatOfContentType(request.headers['content-type']);
      if (!requestFormat) return p.unsupportedType(request);
      const format = p.negotiate(request.headers.accept, requestFormat);
      if (!format) return p.error(406, SDM_MESSAGES.notAcceptable, request);
      const credentials = p.readCredentials(request.body, requestFormat);
      if (credentials === 'malformed') return p.invalidBody(request);
      if (credentials === 'missing') return p.missingField(request);
      const userOk = sameSecret(credentials.userName, options.username);
      if (!userOk || !p.passwordOk(credentials.password)) return p.refuseLogin(request, userOk);
      const id = p.newSessionId(credentials.userName);
      p.sessions.set(id, { id, user: credentials.userName, lastUsed: clock.now() });
      return p.sessionAnswer(format, p.sessionFields(format, id, credentials), id);
    },

    /** SDM-08, SEC-03: logout ends the session it carries and expires the cookie. */
    logout(request) {
      const session = p.sessionOf(request);
      if (!session) return p.logoutWithoutSession(request);
      p.endSession(session);
      return p.loggedOut(request);
    },

    /** SDM-08: the session's probe, in the format Accept asks for (XML by default). */
    deviceGroups(request) {
      const format = p.negotiate(request.headers.accept, 'xml');
      if (!format) return p.error(406, SDM_MESSAGES.notAcceptable, request);
      const refused = p.probeRefusal(request);
      if (refused) return refused;
      return p.answer(200, format, 'deviceGroups', { deviceGroup: [{ name: 'Home', fullPathName: 'Home' }] });
    },

    // /rest/{version}/<resource> with a known version; a known resource under any other version is an unknown
    // version whatever the method (SDM-07), checked before 405; anything else is 404.
    routes() {
      const known = p.versions.map(escapeRegExp).join('|');
      const at = (resource: string) => new RegExp(`^/rest/(?<version>${known})/${resource}/?$`);
      const anyResource = Object.values(RESOURCES).join('|');
      return [
        { method: 'POST', path: at(RESOURCES.login), handler: p.login },
        { method: 'POST', path: at(RESOURCES.logout), handler: p.logout },
        { method: 'GET', path: at(RESOURCES.deviceGroups), handler: p.deviceGroups },
        { method: '*', path: new RegExp(`^/rest/(?!(?:${known})/)[^/]+/(?:${anyResource})/?$`), handler: (request) => p.unknownVersion(request) },
      ];
    },
    notFound: (request) => p.error(404, SDM_MESSAGES.notFound, request),
    methodNotAllowed(request, allow) {
      const response = p.error(405, SDM_MESSAGES.methodNotAllowed, request);
      return { ...response, headers: { ...response.headers, Allow: allow.join(', ') } };
    },
    error: (status, message, request) => p.answer(status, request ? p.errorFormat(request) : 'xml', 'error', { code: status, message }),
    finish: (response) => ({ ...response, headers: { ...p.commonHeaders, ...response.headers } }),
  };
  return buildEmulator({ api: 'sdm', clock, parts: p, faults: SDM_FAULTS, fault: options.fault });
}

/** application/xml, text/xml or application/json (any parameters); undefined for anything else or none. */
function formatOfContentType(header: string | undefined): Format | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/xml' || type === 'text/xml') return 'xml';
  if (type === 'application/json') return 'json';
  return undefined;
}

/** JAX-RS content negotiation: the best-weighted acceptable type; none or a wildcard means the request's format. */
function answerFormat(accept: string | undefined, requestFormat: Format): Format | undefined {
  if (accept === undefined || accept.trim() === '') return requestFormat;
  let best: { format: Format; q: number } | undefined;
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!(q > 0)) continue;
    const format: Format | undefined =
      type === 'application/xml' || type === 'text/xml' ? 'xml' : type === 'application/json' ? 'json' : type === '*/*' || type === 'application/*' ? requestFormat : undefined;
    if (format && (!best || q > best.q)) best = { format, q };
  }
  return best?.format;
}

function toXml(root: string, fields: Fields): string {
  const children = Object.entries(fields)
    .map(([name, value]) => (Array.isArray(value) ? value.map((item) => toXml(name, item)).join('') : `<${name}>${escapeXml(String(value))}</${name}>`))
    .join('');
  return `<${root}>${children}</${root}>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Element text with the five predefined entities and character references resolved (nothing else expands). */
function xmlText(value: unknown): unknown {
  const text = isRecord(value) && typeof value['#text'] === 'string' ? value['#text'] : value;
  if (typeof text !== 'string') return text;
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return named[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
