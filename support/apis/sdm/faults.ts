// The sdm emulator's faults: each a small, realistic regression of documented behaviours, written as an
// override of one named part of emulator.ts. `npm run mutation` switches each on in turn and expects a
// scenario tagged with one of its behaviours to fail.
import { faultCatalogue } from '../../emulators/kit';
import { cookieValue, withHeaders } from '../../emulators/types';
import { SDM_MESSAGES, type SdmParts } from './emulator';

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Only for the doctype-expanded fault: inlines `<!ENTITY name "value">` the way a careless parser would. */
function expandInternalEntities(text: string): string {
  const doctype = /<!DOCTYPE[^[>]*\[([\s\S]*?)\]\s*>/i.exec(text);
  if (!doctype) return text;
  let rest = text.replace(doctype[0], '');
  for (const [, name, value] of doctype[1]!.matchAll(/<!ENTITY\s+([\w.-]+)\s+"([^"]*)"\s*>/g)) rest = rest.split(`&${name};`).join(value ?? '');
  return rest;
}

export const SDM_FAULTS = faultCatalogue<SdmParts>([
  { name: 'always-json', behaviours: ['SDM-01', 'SDM-02'], says: 'answers every login in JSON, whatever the Accept header asks for', override: () => ({ negotiate: () => 'json' }) },
  { name: 'ignores-accept', behaviours: ['SDM-02'], says: 'answers in the request body\'s format even when Accept asks for the other one', override: () => ({ negotiate: (_accept, requestFormat) => requestFormat }) },
  {
    name: 'default-xml',
    behaviours: ['SDM-02'],
    says: 'answers XML when the client sends no Accept or */*, even for a JSON request',
    // Accept leaves the choice to the request's format exactly when it picks differently for JSON and XML.
    override: (o) => ({ negotiate: (accept, requestFormat) => (o.negotiate(accept, 'json') !== o.negotiate(accept, 'xml') ? 'xml' : o.negotiate(accept, requestFormat)) }),
  },
  { name: 'xml-labelled-json', behaviours: ['SDM-01'], says: 'sends the XML session labelled Content-Type: application/json', override: (o) => ({ mediaType: () => o.mediaType('json') }) },
  {
    name: 'session-id-missing',
    behaviours: ['SDM-01', 'SDM-02'],
    says: 'leaves sessionId out of the session answer',
    override: (o) => ({
      sessionFields: (format, id, credentials) => {
        const { sessionId: _, ...fields } = o.sessionFields(format, id, credentials);
        return fields;
      },
    }),
  },
  {
    name: 'user-name-renamed',
    behaviours: ['SDM-01', 'SDM-02'],
    says: 'names the userName field "username" in the session answer',
    override: (o) => ({
      sessionFields: (format, id, credentials) => Object.fromEntries(Object.entries(o.sessionFields(format, id, credentials)).map(([name, value]) => [name === 'userName' ? 'username' : name, value])),
    }),
  },
  {
    name: 'password-echoed',
    behaviours: ['SDM-01'],
    says: 'marshals the bound request back as the answer, so the session answer carries the password',
    // JAXB marshals in name order: the password lands right after idleTimeout.
    override: (o) => ({
      sessionFields: (format, id, credentials) => {
        const { idleTimeout, ...rest } = o.sessionFields(format, id, credentials);
        return { idleTimeout: idleTimeout!, password: credentials.password, ...rest };
      },
    }),
  },
  {
    name: 'idle-timeout-as-string',
    behaviours: ['SDM-02'],
    says: 'sends idleTimeout as the JSON string "0"',
    override: (o) => ({
      sessionFields: (format, id, credentials) => {
        const fields = o.sessionFields(format, id, credentials);
        return format === 'json' ? { ...fields, idleTimeout: String(fields.idleTimeout) } : fields;
      },
    }),
  },
  { name: 'bad-version-401', behaviours: ['SDM-07'], says: 'answers an unknown REST API version 401 instead of 404', override: (_o, p) => ({ unknownVersion: (request) => p.error(401, SDM_MESSAGES.notAuthorized, request) }) },
  { name: 'older-versions-404', behaviours: ['SDM-07'], says: 'knows only v1.3 and answers v1.0..v1.2 with 404', override: () => ({ versions: ['v1.3'] }) },
  { name: 'malformed-body-500', behaviours: ['SDM-05'], says: 'crashes with 500 on malformed XML or JSON instead of answering 400', override: (_o, p) => ({ invalidBody: (request) => p.error(500, 'Internal Server Error', request) }) },
  { name: 'doctype-expanded', behaviours: ['SDM-05'], says: 'accepts a DOCTYPE and expands its internal entities', override: (o) => ({ parseXmlBody: (text) => o.parseXmlBody(expandInternalEntities(text)) }) },
  {
    name: 'missing-field-401',
    behaviours: ['SDM-05'],
    says: 'answers a login body without userName or password 401 instead of 400',
    override: (_o, p) => ({ missingField: (request) => p.error(401, SDM_MESSAGES.badCredentials, request) }),
  },
  { name: 'any-root-accepted', behaviours: ['SDM-05'], says: 'reads userName and password under any XML root element, not only <session>', override: () => ({ sessionRoot: (roots) => roots[0] }) },
  {
    name: 'json-root-accepted',
    behaviours: ['SDM-05'],
    says: 'accepts a JSON body wrapped in {"session": {...}}',
    override: (o) => ({ jsonCredentials: (body) => (isRecord(body.session) ? body.session : o.jsonCredentials(body)) }),
  },
  {
    name: 'xml-declaration-refused',
    behaviours: ['SDM-01'],
    says: 'refuses an XML body without the <?xml ...?> declaration with 400',
    override: (o) => ({
      parseXmlBody: (text) => {
        if (!/^\s*<\?xml/.test(text)) throw new Error('no XML declaration');
        return o.parseXmlBody(text);
      },
    }),
  },
  {
    name: 'unsupported-type-400',
    behaviours: ['SDM-05'],
    says: 'answers a form-encoded body 400 instead of 415 Unsupported Media Type',
    override: (_o, p) => ({ unsupportedType: (request) => p.error(400, SDM_MESSAGES.invalidInput, request) }),
  },
  { name: 'any-password', behaviours: ['SDM-06'], says: 'accepts any password for a known user', override: () => ({ passwordOk: () => true }) },
  {
    name: 'unknown-user-message',
    behaviours: ['SEC-02'],
    says: 'answers an unknown user with a different error body than a wrong password',
    override: (o, p) => ({ refuseLogin: (request, userOk) => (userOk ? o.refuseLogin(request, userOk) : p.error(401, 'The user does not exist.', request)) }),
  },
  {
    name: 'unknown-user-404',
    behaviours: ['SDM-06', 'SEC-02'],
    says: 'answers an unknown user 404 (user not found) instead of 401',
    override: (o, p) => ({ refuseLogin: (request, userOk) => (userOk ? o.refuseLogin(request, userOk) : p.error(404, SDM_MESSAGES.badCredentials, request)) }),
  },
  {
    name: 'failed-login-sets-cookie',
    behaviours: ['SEC-01'],
    says: 'sets a JSESSIONID cookie on a refused login',
    override: (o, p) => ({ refuseLogin: (request, userOk) => withHeaders(o.refuseLogin(request, userOk), { 'Set-Cookie': p.sessionCookie(p.newSessionId('')) }) }),
  },
  {
    name: 'no-cookie',
    behaviours: ['SDM-03', 'SDM-08'],
    says: 'sets no session cookie on login (sessionId only in the body)',
    override: (o) => ({
      sessionAnswer: (format, fields, id) => {
        const response = o.sessionAnswer(format, fields, id);
        const { 'Set-Cookie': _, ...headers } = response.headers ?? {};
        return { ...response, headers };
      },
    }),
  },
  { name: 'cookie-not-httponly', behaviours: ['SDM-08', 'SEC-03'], says: 'sets the session cookie without HttpOnly', override: (o) => ({ sessionCookie: (id) => o.sessionCookie(id).replace('; HttpOnly', '') }) },
  { name: 'cookie-path-root', behaviours: ['SDM-08'], says: 'sets the session cookie with Path=/ instead of Path=/rest', override: (o) => ({ sessionCookie: (id) => o.sessionCookie(id).replace('; Path=/rest', '; Path=/') }) },
  {
    name: 'session-id-without-route',
    behaviours: ['SDM-03', 'SDM-04'],
    says: 'reports sessionId without the ".tomcat1" route, so it differs from the cookie',
    override: (o) => ({ sessionFields: (format, id, credentials) => ({ ...o.sessionFields(format, id, credentials), sessionId: id.replace(/\..*$/, '') }) }),
  },
  {
    name: 'no-frame-options',
    behaviours: ['SDM-08'],
    says: 'leaves out the X-Frame-Options: SAMEORIGIN header',
    override: (o) => ({ commonHeaders: Object.fromEntries(Object.entries(o.commonHeaders).filter(([name]) => name !== 'X-Frame-Options')) }),
  },
  { name: 'bare-cookie-refused', behaviours: ['SDM-04'], says: 'refuses the bare sessionId sent as the whole Cookie header', override: () => ({ bareSessionId: () => undefined }) },
  {
    name: 'probe-open',
    behaviours: ['SDM-08'],
    says: 'answers the deviceGroups probe 200 without a session',
    // The probe still reads (and so keeps alive) the session it carries; it just never refuses.
    override: (o) => ({
      probeRefusal: (request) => {
        o.probeRefusal(request);
        return undefined;
      },
    }),
  },
  { name: 'logout-keeps-session', behaviours: ['SDM-08', 'SEC-03'], says: 'answers logout 204 but keeps the session working', override: () => ({ endSession: () => undefined }) },
  {
    name: 'logout-200',
    behaviours: ['SDM-08'],
    says: 'answers logout 200 with a body instead of 204 No Content',
    override: (_o, p) => ({ loggedOut: (request) => p.answer(200, p.errorFormat(request), 'logout', { message: 'Logged out.' }, p.logoutHeaders()) }),
  },
  { name: 'logout-keeps-cookie', behaviours: ['SDM-08', 'SEC-03'], says: 'answers logout without expiring the JSESSIONID cookie', override: () => ({ logoutHeaders: () => ({}) }) },
  { name: 'logout-always-204', behaviours: ['SDM-08'], says: 'answers logout 204 even without a session', override: (_o, p) => ({ logoutWithoutSession: (request) => p.loggedOut(request) }) },
  {
    name: 'shared-session',
    behaviours: ['SEC-05'],
    says: 'gives a second login of the same user the first login\'s session',
    override: (o, p) => ({ newSessionId: (user) => [...p.sessions.values()].find((session) => session.user === user)?.id ?? o.newSessionId(user) }),
  },
  {
    name: 'logout-ends-all-sessions',
    behaviours: ['SEC-05'],
    says: 'logging out one session ends every session of that user',
    override: (o, p) => ({
      endSession: (session) => {
        for (const other of [...p.sessions.values()]) if (other.user === session.user) o.endSession(other);
      },
    }),
  },
  { name: 'idle-timeout-30-minutes', behaviours: ['SDM-03'], says: 'ends a session after 30 idle minutes although it says idleTimeout 0', override: () => ({ idleLimitMinutes: 30 }) },
  {
    name: 'logout-trusts-any-cookie',
    behaviours: ['SEC-06', 'SDM-08'],
    says: 'answers logout 204 to any well-formed JSESSIONID, issued or not, and ends the session only if there is one',
    override: (_o, p) => ({
      logout: (request) => {
        const session = p.sessionOf(request);
        if (session) p.endSession(session);
        else if (!/^[0-9A-F]{32}(\.[\w-]+)?$/.test(cookieValue(request.headers.cookie, 'JSESSIONID') ?? '')) return p.logoutWithoutSession(request);
        return p.loggedOut(request);
      },
    }),
  },
]);
