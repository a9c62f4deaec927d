// The one redaction path for everything recorded (attachments, failure messages, logs). Two layers:
// structural (secret headers, cookie values, JSON keys and XML elements named like secrets, DTD entity
// values, URL userinfo) and literal (every value ever masked, and every credential from the environment,
// in each of its written forms (forms() below), wherever it appears afterwards: a URL, an error message,
// a remembered value).
import { inJsonString, inXml } from './escape';

export const MASK = '[REDACTED]';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'password', 'token', 'x-xsrf-token', 'x-api-key', 'api-key', 'secret']);
const SECRET_KEY = /^(password|passwd|pwd|secret|client_?secret|token|api_?token|access_?token|refresh_?token|id_?token|credentials?|basic_?authentication_?credentials|session_?id|jsessionid)$/i;
/**
 * Shorter literals are masked only as whole tokens (no letter or digit either side), and only when
 * configured as secrets: a short value seen on the wire (a cookie "lang=en", a "token": 1) would mask
 * every "en" or "1", and a short username "admin" every "/admin/login".
 */
const MIN_LITERAL = 6;
/** `scheme://userinfo@`: the last "@" before the path, so an unencoded "@" in a password is covered too. */
const URL_USERINFO = /:\/\/([^\s/?#"'<>]+)@/g;

/**
 * The ways a value is written where it could be recorded: raw, base64 (Basic credentials), base64url
 * (JWT parts), URL-encoded, and escaped inside a JSON string or XML text (a secret holding `"` or `&`).
 */
export function forms(value: string): string[] {
  return [...new Set([value, Buffer.from(value).toString('base64'), Buffer.from(value).toString('base64url'), encodeURIComponent(value), inJsonString(value), inXml(value)])];
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
  private sorted: string[] | undefined;
  private tokenPattern: RegExp | null | undefined;

  /**
   * `secrets` (passwords, client secrets) are masked whatever their length; `identities` (usernames,
   * client IDs) like values seen on the wire, from MIN_LITERAL characters up.
   */
  constructor(secrets: Iterable<string> = [], identities: Iterable<string> = []) {
    for (const secret of secrets) this.learn(secret, true);
    for (const identity of identities) this.learn(identity, false);
  }

  /** A redactor that knows what this one knows, and learns on its own from now on (one per scenario). */
  clone(): Redactor {
    const copy = new Redactor();
    for (const literal of this.literals) copy.literals.add(literal);
    for (const token of this.tokens) copy.tokens.add(token);
    copy.sorted = this.sorted;
    copy.tokenPattern = this.tokenPattern;
    return copy;
  }

  /** Treats a value as secret from now on, wherever it appears. */
  remember(value: string): void {
    this.learn(value, false);
  }

  private learn(value: string, configured: boolean): void {
    if (value === '' || (value.length < MIN_LITERAL && !configured)) return;
    for (const form of forms(value)) {
      const set = form.length >= MIN_LITERAL ? this.literals : this.tokens;
      if (set.has(form)) continue;
      set.add(form);
      this.sorted = undefined;
      this.tokenPattern = undefined;
    }
  }

  /** Replaces every remembered secret, and the userinfo of every URL, in free text. */
  text(input: string): string {
    let output = input.includes('://') ? this.userinfo(input) : input;
    this.sorted ??= [...this.literals].sort((a, b) => b.length - a.length);
    for (const secret of this.sorted) if (output.includes(secret)) output = output.split(secret).join(MASK);
    this.tokenPattern ??= this.tokens.size === 0 ? null : wholeTokens([...this.tokens]);
    return this.tokenPattern ? output.replace(this.tokenPattern, MASK) : output;
  }

  private userinfo(text: string): string {
    return text.replace(URL_USERINFO, (_whole, info: string) => {
      const colon = info.indexOf(':');
      for (const part of colon < 0 ? [info] : [info.slice(0, colon), info.slice(colon + 1)]) this.remember(safeDecode(part));
      return `://${MASK}@`;
    });
  }

  header(name: string, value: string): string {
    const lower = name.toLowerCase();
    if (lower === 'set-cookie') return this.setCookie(value);
    if (lower === 'cookie') return this.cookieList(value);
    if (SECRET_HEADERS.has(lower)) {
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
    if (/xml/i.test(contentType) || trimmed.startsWith('<')) return this.text(this.xml(text));
    if (/x-www-form-urlencoded/i.test(contentType)) return this.text(this.form(text));
    return this.text(text);
  }

  private json(text: string): string {
    try {
      return JSON.stringify(this.maskObject(JSON.parse(text)), null, 2);
    } catch {
      return text.replace(/("([^"\\]*)"\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (whole, head: string, key: string, value: string) =>
        SECRET_KEY.test(key) ? (this.remember(value), `${head}"${MASK}"`) : whole,
      );
    }
  }

  private maskObject(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.maskObject(item));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const secret = SECRET_KEY.test(key) && (typeof inner === 'string' || typeof inner === 'number');
      if (secret) this.remember(String(inner));
      // defineProperty: a "__proto__" key from the wire must stay data, not become a prototype.
      Object.defineProperty(out, key, { value: secret ? MASK : this.maskObject(inner), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  private xml(text: string): string {
    // [^<>]* keeps every attempt within one tag: a page of unclosed tags stays linear, not quadratic.
    return this.entities(text).replace(/<([A-Za-z_][\w.-]*)(\s[^<>]*)?>([^<]*)<\/\1\s*>/g, (whole, tag: string, attrs: string | undefined, value: string) => {
      if (!SECRET_KEY.test(tag) || value === '') return whole;
      this.remember(value.trim());
      return `<${tag}${attrs ?? ''}>${MASK}</${tag}>`;
    });
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
        const [key = '', value] = pair.split('=', 2);
        if (value === undefined || !SECRET_KEY.test(decodeURIComponent(key))) return pair;
        this.remember(decodeURIComponent(value));
        return `${key}=${MASK}`;
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

/** One pattern for all short secrets: each only where no letter or digit adjoins it. */
function wholeTokens(tokens: string[]): RegExp {
  const alternatives = tokens.sort((a, b) => b.length - a.length).map((token) => token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
