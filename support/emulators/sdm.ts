// Emulates the Oracle Communications Session Delivery Manager REST login (seed 004, a Tomcat/JAXB service):
// POST /rest/{versionId}/admin/login takes an XML <session> or a root-less JSON body and answers the session
// in the format Accept asks for, with a JSESSIONID cookie equal to sessionId. The deviceGroups inventory is
// the session's probe; logout ends the session. Sessions live "until logout" unless an idle timeout is set.
import { randomBytes } from 'node:crypto';
import { parseXml } from '../xml';
import { Clock } from './clock';
import { cookieValue, parseJsonObject, sameSecret, type EmuRequest, type EmuResponse, type Emulator } from './types';

export const SDM_FAULTS = {
  'always-json': 'answers every login in JSON, whatever the Accept header asks for',
  'ignores-accept': 'answers in the request body\'s format even when Accept asks for the other one',
  'default-xml': 'answers XML when the client sends no Accept or */*, even for a JSON request',
  'xml-labelled-json': 'sends the XML session labelled Content-Type: application/json',
  'session-id-missing': 'leaves sessionId out of the session answer',
  'user-name-renamed': 'names the userName field "username" in the session answer',
  'password-echoed': 'marshals the bound request back as the answer, so the session answer carries the password',
  'idle-timeout-as-string': 'sends idleTimeout as the JSON string "0"',
  'bad-version-401': 'answers an unknown REST API version 401 instead of 404',
  'older-versions-404': 'knows only v1.3 and answers v1.0..v1.2 with 404',
  'malformed-body-500': 'crashes with 500 on malformed XML or JSON instead of answering 400',
  'doctype-expanded': 'accepts a DOCTYPE and expands its internal entities',
  'missing-field-401': 'answers a login body without userName or password 401 instead of 400',
  'any-root-accepted': 'reads userName and password under any XML root element, not only <session>',
  'json-root-accepted': 'accepts a JSON body wrapped in {"session": {...}}',
  'xml-declaration-refused': 'refuses an XML body without the <?xml ...?> declaration with 400',
  'unsupported-type-400': 'answers a form-encoded body 400 instead of 415 Unsupported Media Type',
  'any-password': 'accepts any password for a known user',
  'unknown-user-message': 'answers an unknown user with a different error body than a wrong password',
  'unknown-user-404': 'answers an unknown user 404 (user not found) instead of 401',
  'failed-login-sets-cookie': 'sets a JSESSIONID cookie on a refused login',
  'no-cookie': 'sets no session cookie on login (sessionId only in the body)',
  'cookie-not-httponly': 'sets the session cookie without HttpOnly',
  'cookie-path-root': 'sets the session cookie with Path=/ instead of Path=/rest',
  'session-id-without-route': 'reports sessionId without the ".tomcat1" route, so it differs from the cookie',
  'no-frame-options': 'leaves out the X-Frame-Options: SAMEORIGIN header',
  'bare-cookie-refused': 'refuses the bare sessionId sent as the whole Cookie header',
  'probe-open': 'answers the deviceGroups probe 200 without a session',
  'logout-keeps-session': 'answers logout 204 but keeps the session working',
  'logout-200': 'answers logout 200 with a body instead of 204 No Content',
  'logout-keeps-cookie': 'answers logout without expiring the JSESSIONID cookie',
  'logout-always-204': 'answers logout 204 even without a session',
  'shared-session': 'gives a second login of the same user the first login\'s session',
  'logout-ends-all-sessions': 'logging out one session ends every session of that user',
  'idle-timeout-30-minutes': 'ends a session after 30 idle minutes although it says idleTimeout 0',
} as const;
export type SdmFault = keyof typeof SDM_FAULTS;

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
  fault?: SdmFault;
  clock?: Clock;
}

type Format = 'xml' | 'json';
type Fields = Record<string, string | number | Array<Record<string, string>>>;
interface Session {
  id: string;
  user: string;
  lastUsed: number;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const MEDIA: Record<Format, string> = { xml: 'application/xml', json: 'application/json' };
const SESSION_ID = /^[0-9A-F]{32}(\.[\w-]+)?$/;

export function createSdmEmulator(options: SdmOptions): Emulator {
  const clock = options.clock ?? new Clock();
  const fault = options.fault;
  const versions = fault === 'older-versions-404' ? ['v1.3'] : (options.versions ?? SDM_VERSIONS);
  const route = options.jvmRoute ?? 'tomcat1';
  const idleMinutes = options.idleTimeoutMinutes ?? 0;
  const sessions = new Map<string, Session>();
  const common: Record<string, string> = fault === 'no-frame-options' ? { Vary: 'Accept-Encoding' } : { 'X-Frame-Options': 'SAMEORIGIN', Vary: 'Accept-Encoding' };

  const answer = (status: number, format: Format, root: string, fields: Fields, headers: Record<string, string | string[]> = {}): EmuResponse => {
    const label = fault === 'xml-labelled-json' && format === 'xml' ? MEDIA.json : MEDIA[format];
    const body = format === 'json' ? JSON.stringify(fields) : `${XML_DECLARATION}${toXml(root, fields)}`;
    return { status, headers: { ...common, 'Content-Type': label, ...headers }, body };
  };

  const error = (status: number, message: string, request?: EmuRequest, headers: Record<string, string | string[]> = {}): EmuResponse =>
    answer(status, request ? errorFormat(request) : 'xml', 'error', { code: status, message }, headers);

  /** The session a request carries: `JSESSIONID=<id>`, or the bare id as the whole Cookie header (SDM-04). */
  const sessionOf = (request: EmuRequest): Session | undefined => {
    const header = request.headers.cookie?.trim() ?? '';
    const bare = fault !== 'bare-cookie-refused' && SESSION_ID.test(header) ? header : undefined;
    const id = cookieValue(header, 'JSESSIONID') ?? bare;
    const session = id === undefined ? undefined : sessions.get(id);
    if (!session) return undefined;
    const idleLimit = fault === 'idle-timeout-30-minutes' ? 30 : idleMinutes;
    if (idleLimit > 0 && clock.now() - session.lastUsed >= idleLimit * 60_000) {
      sessions.delete(session.id);
      return undefined;
    }
    session.lastUsed = clock.now();
    return session;
  };

  const negotiate = (accept: string | undefined, requestFormat: Format): Format | undefined => {
    if (fault === 'always-json') return 'json';
    if (fault === 'ignores-accept') return requestFormat;
    if (fault === 'default-xml' && answerFormat(accept, 'json') !== answerFormat(accept, 'xml')) return 'xml';
    return answerFormat(accept, requestFormat);
  };

  const newSessionId = (user: string): string => {
    if (fault === 'shared-session') {
      const existing = [...sessions.values()].find((s) => s.user === user);
      if (existing) return existing.id;
    }
    return `${randomBytes(16).toString('hex').toUpperCase()}.${route}`;
  };

  const login = (request: EmuRequest): EmuResponse => {
    const requestFormat = formatOfContentType(request.headers['content-type']);
    if (!requestFormat) {
      return fault === 'unsupported-type-400' ? error(400, SDM_MESSAGES.invalidInput, request) : error(415, SDM_MESSAGES.unsupportedType, request);
    }
    const format = negotiate(request.headers.accept, requestFormat);
    if (!format) return error(406, SDM_MESSAGES.notAcceptable, request);
    const credentials = readCredentials(request.body, requestFormat);
    if (credentials === 'malformed') {
      if (fault === 'malformed-body-500') return error(500, 'Internal Server Error', request);
      return error(400, SDM_MESSAGES.invalidInput, request);
    }
    if (credentials === 'missing') return error(fault === 'missing-field-401' ? 401 : 400, fault === 'missing-field-401' ? SDM_MESSAGES.badCredentials : SDM_MESSAGES.invalidInput, request);
    const userOk = sameSecret(credentials.userName, options.username);
    const passwordOk = fault === 'any-password' || sameSecret(credentials.password, options.password);
    if (!userOk || !passwordOk) {
      const message = !userOk && fault === 'unknown-user-message' ? 'The user does not exist.' : SDM_MESSAGES.badCredentials;
      const stray: Record<string, string> = fault === 'failed-login-sets-cookie' ? { 'Set-Cookie': `JSESSIONID=${newSessionId('')}; Path=/rest; HttpOnly` } : {};
      return error(!userOk && fault === 'unknown-user-404' ? 404 : 401, message, request, stray);
    }
    const id = newSessionId(credentials.userName);
    sessions.set(id, { id, user: credentials.userName, lastUsed: clock.now() });
    const reportedId = fault === 'session-id-without-route' ? id.replace(/\..*$/, '') : id;
    const fields: Fields = {
      idleTimeout: fault === 'idle-timeout-as-string' && format === 'json' ? String(idleMinutes) : idleMinutes,
      ...(fault === 'password-echoed' ? { password: credentials.password } : {}),
      serverInfo: options.serverInfo ?? (format === 'xml' ? 'NNC82' : 'NNC82_5'),
      ...(fault === 'session-id-missing' ? {} : { sessionId: reportedId }),
      userGroup: options.userGroup ?? 'administrators',
      ...(fault === 'user-name-renamed' ? { username: credentials.userName } : { userName: credentials.userName }),
      validUntil: idleMinutes > 0 ? `valid until ${idleMinutes} idle minutes pass` : 'valid until logout',
    };
    const cookie = `JSESSIONID=${id}; Path=${fault === 'cookie-path-root' ? '/' : '/rest'}${fault === 'cookie-not-httponly' ? '' : '; HttpOnly'}`;
    return answer(200, format, 'session', fields, fault === 'no-cookie' ? {} : { 'Set-Cookie': cookie });
  };

  const logout = (request: EmuRequest): EmuResponse => {
    const session = sessionOf(request);
    if (!session && fault !== 'logout-always-204') return error(401, SDM_MESSAGES.notAuthorized, request);
    if (!session) {
      // logout-always-204: nothing to end
    } else if (fault === 'logout-ends-all-sessions') {
      for (const other of [...sessions.values()]) if (other.user === session.user) sessions.delete(other.id);
    } else if (fault !== 'logout-keeps-session') {
      sessions.delete(session.id);
    }
    const expire: Record<string, string> = fault === 'logout-keeps-cookie' ? {} : { 'Set-Cookie': 'JSESSIONID=; Path=/rest; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly' };
    if (fault === 'logout-200') return answer(200, errorFormat(request), 'logout', { message: 'Logged out.' }, expire);
    return { status: 204, headers: { ...common, ...expire } };
  };

  const deviceGroups = (request: EmuRequest): EmuResponse => {
    const format = negotiate(request.headers.accept, 'xml');
    if (!format) return error(406, SDM_MESSAGES.notAcceptable, request);
    if (!sessionOf(request) && fault !== 'probe-open') return error(401, SDM_MESSAGES.badSession, request);
    return answer(200, format, 'deviceGroups', { deviceGroup: [{ name: 'Home', fullPathName: 'Home' }] });
  };

  const routes: Array<[method: string, resource: string, handler: (request: EmuRequest) => EmuResponse]> = [
    ['POST', 'admin/login', login],
    ['POST', 'admin/logout', logout],
    ['GET', 'inventory/deviceMgmt/deviceGroups', deviceGroups],
  ];

  return {
    api: 'sdm',
    clock,
    handle(request) {
      const match = /^\/rest\/([^/]+)\/(.+?)\/?$/.exec(request.path);
      const onPath = match ? routes.filter(([, resource]) => resource === match[2]) : [];
      if (!match || onPath.length === 0) return error(404, SDM_MESSAGES.notFound, request);
      if (!versions.includes(match[1]!)) {
        return fault === 'bad-version-401' ? error(401, SDM_MESSAGES.notAuthorized, request) : error(404, SDM_MESSAGES.unknownVersion, request);
      }
      const route = onPath.find(([method]) => method === request.method);
      if (!route) return error(405, SDM_MESSAGES.methodNotAllowed, request, { Allow: onPath.map(([method]) => method).join(', ') });
      return route[2](request);
    },
    error: (status, message, request) => error(status, message, request),
  };

  /** Reads userName and password; "malformed" for a body that is not XML/JSON, "missing" for one without them. */
  function readCredentials(body: Buffer, format: Format): { userName: string; password: string } | 'malformed' | 'missing' {
    const text = body.toString('utf8').replace(/^\uFEFF/, '');
    let record: Record<string, unknown> | undefined;
    if (format === 'json') {
      const parsed = parseJsonObject(Buffer.from(text));
      if (!parsed) return 'malformed';
      record = fault === 'json-root-accepted' && isRecord(parsed.session) ? parsed.session : parsed;
    } else {
      if (fault === 'xml-declaration-refused' && !/^\s*<\?xml/.test(text)) return 'malformed';
      let document: Record<string, unknown>;
      try {
        document = parseXml(fault === 'doctype-expanded' ? expandInternalEntities(text) : text);
      } catch {
        return 'malformed';
      }
      const roots = Object.keys(document);
      const root = fault === 'any-root-accepted' ? roots[0] : roots.includes('session') ? 'session' : undefined;
      if (root === undefined) return 'malformed';
      const content = document[root];
      if (!isRecord(content)) return content === '' ? 'missing' : 'malformed';
      record = Object.fromEntries(Object.entries(content).map(([key, value]) => [key, xmlText(value)]));
    }
    const { userName, password } = { userName: own(record, 'userName'), password: own(record, 'password') };
    if (userName === undefined || password === undefined) return 'missing';
    if (typeof userName !== 'string' || typeof password !== 'string') return 'malformed';
    return { userName, password };
  }
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

/** Errors answer in the format the client can read: its Accept, else its body's format, else XML. */
function errorFormat(request: EmuRequest): Format {
  const fromBody = formatOfContentType(request.headers['content-type']) ?? 'xml';
  return answerFormat(request.headers.accept, fromBody) ?? fromBody;
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

/** Only for the doctype-expanded fault: inlines `<!ENTITY name "value">` the way a careless parser would. */
function expandInternalEntities(text: string): string {
  const doctype = /<!DOCTYPE[^[>]*\[([\s\S]*?)\]\s*>/i.exec(text);
  if (!doctype) return text;
  let rest = text.replace(doctype[0], '');
  for (const [, name, value] of doctype[1]!.matchAll(/<!ENTITY\s+([\w.-]+)\s+"([^"]*)"\s*>/g)) rest = rest.split(`&${name};`).join(value ?? '');
  return rest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
