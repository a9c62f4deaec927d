// The one list of shape parts the drift comparison ignores, each by name and with its reason. Nothing
// else is ignored: a part that differs between the vendor and its emulator is drift, or the emulator's
// to fix. Values are never compared (a shape holds none: support/shapes/shape.ts); what is listed here
// is a part whose mere presence depends on the connection or the deployment, not on the API.

export interface Volatile {
  part: 'header' | 'field';
  /** A field is one API's (its path and everything below it); a header anyone's. */
  api?: string;
  name: string;
  reason: string;
}

export const VOLATILE: readonly Volatile[] = [
  { part: 'header', name: 'date', reason: 'the moment of the answer; a server or a proxy in front of it may add it' },
  { part: 'header', name: 'connection', reason: 'hop-by-hop (RFC 9110 §7.6.1): it describes the connection, and a proxy rewrites it' },
  { part: 'header', name: 'keep-alive', reason: 'hop-by-hop, like connection' },
  { part: 'header', name: 'transfer-encoding', reason: 'how the body was framed on this connection (chunked or not), chosen per answer by the server or a proxy; the body itself is compared' },
  { part: 'header', name: 'content-length', reason: 'the other framing of the same body: present exactly when transfer-encoding is not' },
  {
    part: 'field',
    api: 'o2g',
    name: '$.otherSessions',
    reason: "present only while the user has other live sessions: a sandbox other clients share has them, the suite's own emulator run has none (the schema pins its items)",
  },
];

const IGNORED_HEADERS = new Set(VOLATILE.filter((v) => v.part === 'header').map((v) => v.name));
const IGNORED_FIELDS = VOLATILE.filter((v) => v.part === 'field');

export const ignoredHeader = (name: string): boolean => IGNORED_HEADERS.has(name);

/** The field, or one it lies under (`$.otherSessions[].sessionId`), is volatile for this API. */
export function ignoredField(api: string, path: string): boolean {
  return IGNORED_FIELDS.some((v) => v.api === api && (path === v.name || (path.startsWith(v.name) && (path[v.name.length] === '.' || path[v.name.length] === '[' || path[v.name.length] === '/'))));
}

/** Cookie attributes: which values a shape keeps, and why; every other attribute is kept by name (present or not). */
export const COOKIE_ATTRIBUTES: ReadonlyArray<{ name: string; kept: 'value' | 'name'; reason: string }> = [
  { name: 'Path', kept: 'value', reason: "the documented scope of the cookie (/qcbin, /rest): the same for every user and deployment, and a changed one breaks the client's later requests" },
  { name: 'SameSite', kept: 'value', reason: 'Lax, Strict or None: a policy, not a secret, and a change alters which requests carry the cookie' },
  { name: 'Domain', kept: 'name', reason: "its value is the deployment's host (the vendor's, or loopback for an emulator), not the API's" },
  { name: 'Max-Age', kept: 'name', reason: 'its value is a lifetime of this one cookie; present or not says whether it outlives the browser session' },
  { name: 'Expires', kept: 'name', reason: 'its value is a date' },
  { name: 'Secure, HttpOnly', kept: 'name', reason: 'they have no value' },
];
