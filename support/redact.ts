// The one redaction path for everything recorded (attachments, failure messages, logs). Two layers:
// structural, by rule rather than by a list of vendors: headers, cookies, JSON keys, XML elements and
// attributes, form fields and URL query or path parameters whose name reads as a secret (secretName()),
// JWT-shaped values anywhere, DTD entity values and URL userinfo; and literal: every value ever masked,
// and every credential from the environment, in each of its written forms (forms() below), wherever it
// appears afterwards (a URL, an error message, a remembered value). Every pass is linear in the text:
// it scans every attachment.
import { inJsonString, inXml } from './escape';

export const MASK = '[REDACTED]';

/**
 * One word part of a name that names a secret: token, key, sid, cookie, ... alone or run together with
 * qualifiers (apikey, jsessionid, xsrftoken, clientsecret), plural or followed by "id".
 */
const SECRET_PART =
  /^(?:api|access|refresh|id|auth|session|sess|csrf|xsrf|client|private|secret|master|app|user|bearer|j|php|asp|x|sso|lwsso)*(?:token|secret|password|passwd|pwd|pass|passphrase|passcode|pin|key|auth|authorization|authentication|session|sess|sid|cookie|credential|jwt|otp|signature|sig)(?:id)?s?$/;
/**
 * Word parts that make a secret-named field a description of the secret rather than the secret itself:
 * tokenType, sessionTimeout, apiTokenExpirationDateTime, keySize, tokenUrl. Only after the last
 * secret part: "expires" in "expiresToken" does not count.
 */
const DESCRIPTOR =
  /^(?:type|kind|scheme|method|mode|format|name|names|label|description|expires|expiry|expiration|expire|expired|exp|timeout|ttl|lifetime|age|duration|interval|period|length|len|size|bits|count|max|min|limit|date|time|timestamp|created|updated|issued|valid|validity|enabled|required|supported|url|uri|endpoint|path|location|domain|policy|version|status|alg|algorithm|encoding|ms|seconds|minutes|hours|days|bytes|kb|mb)$/;
/** Generic carriers whose value is the secret when they stand in a secret-named one: {"token": {"value": …}}, <session id="…">. */
const HOLDER = /^(?:value|values|val|data|content|text|string|raw|encoded|id|hash|hex)$/i;
/** camelCase, PascalCase, ACRONYMCase, snake_case, kebab-case, dotted and digit boundaries. */
const WORD_PARTS = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g;

/**
 * Whether a header, cookie, field, element, attribute or parameter name reads as a secret: one of its
 * word parts is a secret word (case-insensitive) and no descriptor follows the last such part.
 * `X-Auth-Token`, `sessionToken`, `jwt`, `sid`, `JSESSIONID`, `access_token` do; `tokenType`,
 * `sessionTimeout`, `expires_in`, `idleTimeout`, `userName` do not.
 */
export function secretName(name: string): boolean {
  let known = NAMES_READ.get(name);
  if (known === undefined) {
    if (NAMES_READ.size >= 10_000) NAMES_READ.clear();
    known = readsAsSecret(name);
    NAMES_READ.set(name, known);
  }
  return known;
}

/** secretName()'s answers: a body repeats its field names, and every text is scanned for parameters. */
const NAMES_READ = new Map<string, boolean>();

function readsAsSecret(name: string): boolean {
  const parts = (name.match(WORD_PARTS) ?? []).map((part) => part.toLowerCase());
  for (let at = parts.length - 1; at >= 0; at -= 1) {
    if (parts[at]!.length <= 40 && SECRET_PART.test(parts[at]!)) return !parts.slice(at + 1).some((part) => DESCRIPTOR.test(part));
  }
  return false;
}

/**
 * Shorter literals are masked only as whole tokens (no letter or digit either side), and only when
 * configured as secrets: a short value seen on the wire (a cookie "lang=en", a "token": 1) would mask
 * every "en" or "1", and a short username "admin" every "/admin/login".
 */
const MIN_LITERAL = 6;
/** `scheme://userinfo@`: the last "@" before the path, so an unencoded "@" in a password is covered too. */
const URL_USERINFO = /:\/\/([^\s/?#"'<>]+)@/g;
/** `?sid=…`, `&token=…`, `;jsessionid=…` (a path parameter, or what follows an HTML "&amp;"): a URL parameter anywhere in text. */
const URL_PARAMETER = /([?&;])([^=&;#?\s"'<>\\]{1,80})=([^&;#?\s"'<>\\)]+)/g;
/** Three base64url parts, the header a JSON object (eyJ), the signature possibly empty; two parts: one cut short. Starts only at a boundary, so a long run is tried once. */
const JWT = /(?<![\w-])eyJ[\w-]{2,}\.[\w-]+(?:\.[\w-]*)?/g;

/**
 * The ways a value is written, as whole strings, where it could be recorded, each with its name: raw,
 * base64 (Basic credentials, also of Latin-1 bytes) and base64url (JWT parts), URL-encoded, and escaped
 * inside a JSON string or XML text. Character by character encodings, mixed as encoders mix them, are
 * echoes() below.
 */
export function writtenForms(value: string): Map<string, string> {
  const named = new Map<string, string>();
  const add = (form: string, text: string) => {
    if (text !== '' && !named.has(text)) named.set(text, form);
  };
  add('raw', value);
  add('base64', Buffer.from(value).toString('base64'));
  add('base64url', Buffer.from(value).toString('base64url'));
  add('URL-encoded', encodeURIComponent(value));
  add('JSON-escaped', inJsonString(value));
  add('XML-escaped', inXml(value));
  if (LATIN1_ONLY.test(value)) add('base64 of Latin-1 bytes', Buffer.from(value, 'latin1').toString('base64'));
  return named;
}

/** The written forms of a value (writtenForms() without their names). */
export function forms(value: string): string[] {
  return [...writtenForms(value).keys()];
}

/** Some character beyond ASCII, and none beyond Latin-1: the value has a Latin-1 byte form of its own. */
const LATIN1_ONLY = /^(?=.*[\u0080-\u00ff])[\u0000-\u00ff]*$/s;
const NAMED_REFERENCES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\u00a0': '&nbsp;' };

/**
 * A pattern (source, for the `u` flag) matching `value` with each character written raw or encoded:
 * percent-encoded (its UTF-8 bytes, or its Latin-1 byte, either case of hex), "+" for a space, an HTML
 * character reference (decimal, hex, named), a JSON escape, its Latin-1 byte as a UTF-8 reader shows it
 * (U+FFFD), or its UTF-8 bytes as a Latin-1 reader shows them. In any mix: encoders differ in which
 * characters they leave alone (encodeURIComponent, a form, Python's quote, escape()), so no list of
 * whole-string forms covers them. Groups in sequence, no quantifier over a group: linear in the text.
 */
export function echoes(value: string): string {
  return [...value]
    .map((char) => {
      const code = char.codePointAt(0)!;
      const ways = new Set<string>([literal(char), [...Buffer.from(char)].map((byte) => `%${anyCaseHex(byte, 2)}`).join('')]);
      if (code >= 0x80 && code <= 0xff) ways.add(`%${anyCaseHex(code, 2)}`).add('\ufffd');
      if (code >= 0x80) ways.add(literal(Buffer.from(char).toString('latin1')));
      if (char === ' ') ways.add('\\+');
      ways.add(`&#0*${code};`).add(`&#[xX]0*${anyCaseHex(code, 1)};`);
      if (NAMED_REFERENCES[char]) ways.add(NAMED_REFERENCES[char]);
      ways.add([...char.split('')].map((unit) => `\\\\u${anyCaseHex(unit.charCodeAt(0), 4)}`).join(''));
      if (char === '"' || char === '\\' || char === '/') ways.add(literal(`\\${char}`));
      return `(?:${[...ways].join('|')})`;
    })
    .join('');
}

/** How an echo that echoes() found is written, for a report that must not show it: "URL-encoded, lower-case hex", "HTML character references". */
export function echoForm(found: string, value: string): string {
  if (found === value) return 'raw';
  const ways: string[] = [];
  const percent = found.match(/%[0-9a-fA-F]{2}/g) ?? [];
  if (percent.length) ways.push(`URL-encoded${percent.some((hex) => /[a-f]/.test(hex)) ? ', lower-case hex' : ''}${utf8Percent(percent.join('')) ? '' : ', Latin-1 bytes'}`);
  if (value.includes(' ') && found.includes('+')) ways.push('"+" for a space');
  if (found.includes('&#')) ways.push('HTML character references');
  if (/&(?:amp|lt|gt|quot|apos|nbsp);/.test(found)) ways.push('HTML named references');
  if (/\\u[0-9a-fA-F]{4}|\\["\\/]/.test(found)) ways.push('JSON-escaped');
  if (found.includes('\ufffd')) ways.push('Latin-1 bytes read as UTF-8');
  if (/[\u0080-\u00ff]/.test(found) && !/[\u0080-\u00ff]/.test(value)) ways.push('UTF-8 bytes read as Latin-1');
  return ways.length ? ways.join(', ') : 'encoded';
}

function utf8Percent(encoded: string): boolean {
  try {
    decodeURIComponent(encoded);
    return true;
  } catch {
    return false;
  }
}

/** `value` in hex, at least `digits` long, each letter matching either case: 0xe9 → "[eE]9". */
function anyCaseHex(value: number, digits: number): string {
  return value
    .toString(16)
    .padStart(digits, '0')
    .replace(/[a-f]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);
}

/** A string as a pattern that matches it literally (valid under the `u` flag). */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export interface HeaderLine {
  name: string;
  value: string;
}

export class Redactor {
  /** Masked wherever they appear. */
  private readonly literals = new Set<string>();
  /** Short configured secrets: masked only as whole tokens. */
  private readonly tokens = new Set<string>();
  /** Values learnt already, and whether as configured: a body repeats its values, and forms cost. */
  private readonly learnt = new Map<string, boolean>();
  /** Credentials from the configuration (secrets, and identities from MIN_LITERAL up), also masked in their echoes(). */
  private readonly configured: string[] = [];
  private sorted: string[] | undefined;
  private tokenPattern: RegExp | null | undefined;
  private echoPattern: RegExp | null | undefined;

  /**
   * `secrets` (passwords, client secrets) are masked whatever their length; `identities` (usernames,
   * client IDs) from MIN_LITERAL characters up. Both in their echoes() too: a target writes back what
   * it was sent in its own encoding (a username in XML with its apostrophes left raw).
   */
  constructor(secrets: Iterable<string> = [], identities: Iterable<string> = []) {
    for (const secret of secrets) this.learn(secret, true);
    for (const identity of identities) if (identity.length >= MIN_LITERAL) this.learn(identity, true);
  }

  /** A redactor that knows what this one knows, and learns on its own from now on (one per scenario). */
  clone(): Redactor {
    const copy = new Redactor();
    for (const literal of this.literals) copy.literals.add(literal);
    for (const token of this.tokens) copy.tokens.add(token);
    for (const [value, configured] of this.learnt) copy.learnt.set(value, configured);
    copy.configured.push(...this.configured);
    this.prepare(); // once here rather than in every copy: the patterns compile slowly
    copy.sorted = this.sorted;
    copy.tokenPattern = this.tokenPattern;
    copy.echoPattern = this.echoPattern;
    return copy;
  }

  /** Treats a value as secret from now on, wherever it appears. */
  remember(value: string): void {
    this.learn(value, false);
  }

  private learn(value: string, configured: boolean): void {
    if (value === '' || (value.length < MIN_LITERAL && !configured) || value.includes(MASK)) return;
    if (this.learnt.get(value) === true || this.learnt.get(value) === configured) return;
    this.learnt.set(value, configured);
    if (configured) {
      this.configured.push(value);
      this.echoPattern = undefined;
    }
    for (const form of forms(value)) {
      const set = form.length >= MIN_LITERAL ? this.literals : this.tokens;
      if (set.has(form)) continue;
      set.add(form);
      this.sorted = undefined;
      this.tokenPattern = undefined;
    }
  }

  /** Replaces every remembered secret, the userinfo of every URL, secret-named URL parameters and every JWT, in free text. */
  text(input: string): string {
    let output = input.includes('://') ? this.userinfo(input) : input;
    if (output.includes('=')) output = this.parameters(output);
    if (output.includes('eyJ')) output = output.replace(JWT, (jwt) => (this.remember(jwt), MASK));
    this.prepare();
    for (const secret of this.sorted!) if (output.includes(secret)) output = output.split(secret).join(MASK);
    if (this.tokenPattern) output = output.replace(this.tokenPattern, MASK);
    return this.echoPattern ? output.replace(this.echoPattern, MASK) : output;
  }

  private prepare(): void {
    this.sorted ??= [...this.literals].sort((a, b) => b.length - a.length);
    this.tokenPattern ??= this.tokens.size === 0 ? null : wholeTokens([...this.tokens]);
    this.echoPattern ??= this.configured.length === 0 ? null : echoesOf(this.configured);
  }

  private userinfo(text: string): string {
    return text.replace(URL_USERINFO, (_whole, info: string) => {
      const colon = info.indexOf(':');
      for (const part of colon < 0 ? [info] : [info.slice(0, colon), info.slice(colon + 1)]) this.remember(safeDecode(part));
      return `://${MASK}@`;
    });
  }

  /** `?sid=…&jsessionid=…`, `;jsessionid=…`: the value of every URL parameter whose name reads as a secret. */
  private parameters(text: string): string {
    return text.replace(URL_PARAMETER, (whole, lead: string, name: string, value: string) => {
      if (value.startsWith(MASK) || !secretName(formDecode(name))) return whole;
      this.remember(value);
      this.remember(formDecode(value));
      return `${lead}${name}=${MASK}`;
    });
  }

  header(name: string, value: string): string {
    const lower = name.toLowerCase();
    if (lower === 'set-cookie') return this.setCookie(value);
    if (lower === 'cookie') return this.cookieList(value);
    if (secretName(name)) {
      const scheme = /^(Basic|Bearer|Digest|Token|LWSSO)\s+(.+)$/i.exec(value);
      this.remember(scheme ? scheme[2]! : value);
      if (scheme?.[2] && /^basic$/i.test(scheme[1]!)) this.rememberBasic(scheme[2]);
      return value === '' ? '' : scheme ? `${scheme[1]} ${MASK}` : MASK;
    }
    return this.text(value);
  }

  headers(lines: HeaderLine[]): HeaderLine[] {
    return lines.map(({ name, value }) => ({ name, value: this.header(name, value) }));
  }

  /** Masks secret fields of a JSON, XML or form body, then scrubs known secrets from what is left. */
  body(text: string, contentType = ''): string {
    const trimmed = text.trimStart();
    if (/json/i.test(contentType) || trimmed.startsWith('{') || trimmed.startsWith('[')) return this.text(this.json(text));
    if (/xml|html/i.test(contentType) || trimmed.startsWith('<')) return this.text(this.xml(text));
    if (/x-www-form-urlencoded/i.test(contentType)) return this.text(this.form(text));
    return this.text(text);
  }

  private json(text: string): string {
    try {
      return JSON.stringify(this.maskJson(JSON.parse(text), false), null, 2);
    } catch {
      return text.replace(/("([^"\\]*)"\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*)/g, (whole, head: string, key: string, value: string) => {
        if (!secretName(key) || value === '""') return whole;
        this.remember(value.startsWith('"') ? value.slice(1, -1) : value);
        return `${head}"${MASK}"`;
      });
    }
  }

  /**
   * `secret`: the name the value stands under reads as a secret (array items stand under their array's
   * name). Strings and numbers under such a name are masked; inside a secret-named object, a generic
   * holder ("value", "id", "data") is too.
   */
  private maskJson(value: unknown, secret: boolean): unknown {
    if (Array.isArray(value)) return value.map((item) => this.maskJson(item, secret));
    if (value === null || typeof value !== 'object') {
      if (!secret || (typeof value !== 'string' && typeof value !== 'number') || value === '') return value;
      this.remember(String(value));
      return MASK;
    }
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const named = secretName(key) || (secret && HOLDER.test(key));
      // defineProperty: a "__proto__" key from the wire must stay data, not become a prototype.
      Object.defineProperty(out, key, { value: this.maskJson(inner, named), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  /**
   * One pass over the tags and text of an XML or HTML body. The text of an element whose name reads as a
   * secret (or of a holder inside one: <token><value>) is masked, CDATA included; so are attributes named
   * like secrets, holders of a secret-named element (<session id="…">), and the value or content of an
   * HTML element named like one (<input name="csrf_token" value="…">, <meta name="csrf-token" content="…">).
   */
  private xml(input: string): string {
    const text = this.entities(input);
    const find = forwardFinder(text);
    const open: { name: string; secret: boolean }[] = [];
    const out: string[] = [];
    const content = (part: string) => {
      if (!open.at(-1)?.secret || part.trim() === '') return part;
      this.remember(part.trim());
      this.remember(decodeEntities(part.trim()));
      return MASK;
    };
    let at = 0;
    while (at < text.length) {
      const lt = find('<', at);
      if (lt < 0) {
        out.push(content(text.slice(at)));
        break;
      }
      if (lt > at) out.push(content(text.slice(at, lt)));
      if (text.startsWith('<![CDATA[', lt)) {
        const close = find(']]>', lt + 9);
        const end = close < 0 ? text.length : close;
        out.push('<![CDATA[', content(text.slice(lt + 9, end)), close < 0 ? '' : ']]>');
        at = close < 0 ? text.length : close + 3;
        continue;
      }
      if (text.startsWith('<!--', lt)) {
        const close = find('-->', lt + 4);
        at = close < 0 ? text.length : close + 3;
        out.push(text.slice(lt, at));
        continue;
      }
      const gt = find('>', lt + 1);
      const next = find('<', lt + 1);
      if (gt < 0 || (next >= 0 && next < gt)) {
        // A "<" that opens no tag ("a < b", the head of a DOCTYPE with an internal subset).
        out.push(content('<'));
        at = lt + 1;
        continue;
      }
      const tag = text.slice(lt, gt + 1);
      at = gt + 1;
      const head = /^<(\/?)([A-Za-z_][\w.:-]*)/.exec(tag);
      if (!head) {
        out.push(tag); // <?xml …?>, <!DOCTYPE …>, <!ENTITY …> (its value masked by entities())
        continue;
      }
      const name = head[2]!;
      if (head[1]) {
        // Close the innermost element of that name among the few innermost: a stray closing tag closes nothing.
        for (let depth = open.length - 1; depth >= Math.max(0, open.length - 16); depth -= 1) {
          if (open[depth]!.name === name) {
            open.length = depth;
            break;
          }
        }
        out.push(tag);
        continue;
      }
      const secret = secretName(name) || (!!open.at(-1)?.secret && HOLDER.test(name.slice(name.indexOf(':') + 1)));
      out.push(head[0] + this.attributes(tag.slice(head[0].length), secret));
      if (!tag.endsWith('/>') && !VOID_HTML.test(name)) open.push({ name, secret });
    }
    return out.join('');
  }

  /** The attributes of one tag (`rest`: what follows its name), masked as xml() says. */
  private attributes(rest: string, elementSecret: boolean): string {
    if (!rest.includes('=')) return rest;
    const found = [...rest.matchAll(ATTRIBUTE)];
    const namesASecret = found.some(([, name, , quoted]) => NAMING_ATTRIBUTE.test(name!) && secretName(unquote(quoted!)));
    let out = '';
    let from = 0;
    for (const { 0: whole, 1: name, 2: eq, 3: quoted, index } of found) {
      const value = unquote(quoted!);
      const secret = secretName(name!) || (elementSecret && HOLDER.test(name!)) || (namesASecret && /^(?:value|content)$/i.test(name!));
      if (!secret || value === '' || value === MASK) continue;
      this.remember(value);
      this.remember(decodeEntities(value));
      const quote = /^["']/.test(quoted!) ? quoted![0] : '"';
      out += `${rest.slice(from, index)}${name}${eq}${quote}${MASK}${quote}`;
      from = index + whole.length;
    }
    return from === 0 ? rest : out + rest.slice(from);
  }

  /** Internal entity values of a DTD (`<!ENTITY pw "s3cret">`), a classic carrier of a secret; an unclosed one is masked to the end. */
  private entities(text: string): string {
    const head = /<!ENTITY\s+(?:%\s+)?[^\s"'<>]+\s+(["'])/gi;
    let output = '';
    let from = 0;
    for (let match = head.exec(text); match; match = head.exec(text)) {
      const start = match.index + match[0].length;
      const found = text.indexOf(match[1]!, start);
      const end = found < 0 ? text.length : found;
      if (end > start) this.remember(text.slice(start, end));
      output += text.slice(from, start) + (end > start ? MASK : '');
      from = end;
      head.lastIndex = end;
    }
    return output + text.slice(from);
  }

  private form(text: string): string {
    return text
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0 || !secretName(formDecode(pair.slice(0, eq))) || eq === pair.length - 1) return pair;
        this.remember(pair.slice(eq + 1));
        this.remember(formDecode(pair.slice(eq + 1)));
        return `${pair.slice(0, eq)}=${MASK}`;
      })
      .join('&');
  }

  private setCookie(value: string): string {
    const [pair = '', ...attributes] = value.split(';');
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const cookie = eq < 0 ? '' : pair.slice(eq + 1).trim();
    const shown = cookie === '' || cookie === '""' ? cookie : MASK;
    if (shown === MASK) this.remember(cookie);
    return [`${name.trim()}=${shown}`, ...attributes.map((a) => a.trim())].join('; ');
  }

  private cookieList(value: string): string {
    return value
      .split(';')
      .map((part) => {
        const eq = part.indexOf('=');
        if (eq < 0) {
          // A bare value (SDM's Python example sends the session id alone).
          if (part.trim() !== '') this.remember(part.trim());
          return part.trim() === '' ? '' : MASK;
        }
        const cookie = part.slice(eq + 1).trim();
        if (cookie !== '') this.remember(cookie);
        return `${part.slice(0, eq).trim()}=${cookie === '' ? '' : MASK}`;
      })
      .join('; ');
  }

  private rememberBasic(encoded: string): void {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) this.remember(decoded.slice(colon + 1));
  }

  /** An Error whose message and stack carry no known secret. */
  error(error: unknown): Error {
    if (!(error instanceof Error)) return new Error(this.text(String(error)));
    error.message = this.text(error.message);
    if (error.stack) error.stack = this.text(error.stack);
    return error;
  }
}

/** One pattern for the echoes() of every configured secret, longest first; a short one only where no letter or digit adjoins it. */
function echoesOf(secrets: string[]): RegExp {
  const alternatives = [...new Set(secrets)].sort((a, b) => b.length - a.length).map((secret) => (secret.length < MIN_LITERAL ? `(?<![\\p{L}\\p{N}])${echoes(secret)}(?![\\p{L}\\p{N}])` : echoes(secret)));
  return new RegExp(alternatives.join('|'), 'gu');
}

/** One pattern for all short secrets: each only where no letter or digit adjoins it. */
function wholeTokens(tokens: string[]): RegExp {
  const alternatives = tokens.sort((a, b) => b.length - a.length).map((token) => token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

/** `indexOf` for a scan whose positions only move forward: each needle's answer is reused until passed, so each is searched for once over the whole text. */
function forwardFinder(text: string): (needle: string, from: number) => number {
  const found = new Map<string, number>();
  return (needle, from) => {
    const known = found.get(needle);
    if (known !== undefined && (known < 0 || known >= from)) return known;
    const at = text.indexOf(needle, from);
    found.set(needle, at);
    return at;
  };
}

/** name=value, name="value" or name='value' inside one tag. */
const ATTRIBUTE = /([^\s=<>/"']+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)/g;
/** Attributes whose value names the element (<input name="…">, <meta property="…">). */
const NAMING_ATTRIBUTE = /^(?:name|id|property|itemprop)$/i;
/** HTML elements that never close: they hold no text, so they are never the open element. */
const VOID_HTML = /^(?:area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)$/i;

function unquote(quoted: string): string {
  return /^["']/.test(quoted) ? quoted.slice(1, -1) : quoted;
}

/** XML's and HTML's character references, named ones only those XML knows. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos));/gi, (whole, dec?: string, hex?: string, name?: string) => {
    const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : undefined;
    if (code === undefined) return named[name!.toLowerCase()] ?? whole;
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** A form or query value as its sender meant it: "+" is a space, then percent-decoding. */
function formDecode(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text;
  return safeDecode(text.replace(/\+/g, ' '));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
