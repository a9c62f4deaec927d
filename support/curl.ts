// An exchange's request as a curl command to paste into a POSIX shell (or import into Hurl, Bruno,
// Postman): every part a `${VAR}` produced written as that `${VAR}`, the base URL as
// `${<PREFIX>BASE_URL}` so that it replays against any target, each remembered value and each cookie of
// the jar as a shell variable the comment lines above it explain. Everything else is shown as the
// redactor shows it, so a secret with no variable of its own is masked, never written.
//
// How a value stays out while its place is kept: each expansion is swapped for a two-character
// placeholder (private-use characters no request carries, too short for the redactor to learn), the
// redactor masks the text around them, and the placeholders become shell variables. Where the redactor's
// structural masking (a secret header, a JSON key, an XML element) would hide more than the literal
// masking does, the part is shown as the redactor shows it.
import { headerValues, type Exchange } from './exchange';
import type { Origin, Segment } from './interpolate';
import { MASK, type Redactor } from './redact';
import type { HeaderProvenance } from './world/provenance';

type Part = { text: string } | { variable: string };

/** What Playwright sends as the Content-Type of a string body when a step set none (curl's default would be a form's). */
const PLAYWRIGHT_BODY_TYPE = 'application/octet-stream';

/** The curl command replaying the exchange's request, with a comment line per shell variable it uses. */
export function curlCommand(exchange: Exchange, redactor: Redactor, cookieSetter: (name: string) => string | undefined = () => undefined): string {
  const render = new Rendering(exchange, redactor.clone(), cookieSetter);
  const text = render.text();
  // Never rewritten in practice (every part was put to the redactor before it was quoted): a last guard.
  return redactor.text(text);
}

class Rendering {
  private readonly placeholders: string[] = [];
  private readonly names = new Map<string, string>();
  private readonly comments = new Map<string, string>();
  private readonly configuration: string[] = [];

  constructor(
    private readonly exchange: Exchange,
    /** A copy of the scenario's redactor: what it learns from the placeholders stays here. */
    private readonly scrub: Redactor,
    private readonly cookieSetter: (name: string) => string | undefined,
  ) {}

  text(): string {
    const { request } = this.exchange;
    const provenance = request.provenance;
    const options: string[] = [];
    const method = request.method.toUpperCase() === 'HEAD' ? '--head' : `-X ${word([{ text: request.method }])}`;
    const url = this.word(this.parts(this.shown(this.sentinels(provenance?.url ?? [{ text: request.url }]), (text) => this.scrub.text(text))));
    request.headers.forEach((line, index) => options.push(this.header(line.name, line.value, provenance?.headers[index])));
    if (request.jarCookies) options.push(`-H ${this.cookies(request.jarCookies)}`);
    if (request.body !== undefined) {
      if (!headerValues(request.headers, 'content-type').length) options.push(`-H ${word([{ text: `Content-Type: ${PLAYWRIGHT_BODY_TYPE}` }])}`);
      const segments = provenance?.body ?? searched(request.body, provenance?.values ?? []);
      options.push(this.body(request.body, headerValues(request.headers, 'content-type')[0] ?? '', segments));
    }
    const command = [`curl -g -i ${method} ${url}`, ...options].join(' \\\n  ');
    // Only what the command kept: a part shown as the redactor shows it may have dropped a variable.
    const uses = (variable: string) => command.includes(`\${${variable}}`);
    const configuration = this.configuration.filter(uses);
    const target = configuration.some((name) => name.endsWith('BASE_URL')) ? ' (the base URL names the target to replay against)' : '';
    const lines = [`# As curl${configuration.length ? `: export ${list(configuration)} as in .env${target}` : ''}`];
    for (const [variable, comment] of this.comments) if (uses(variable)) lines.push(`# ${variable}: ${comment}`);
    if (this.comments.has('body')) lines.push(`# the body: ${this.comments.get('body')}`);
    if (command.includes(MASK)) lines.push(`# ${MASK}: a secret with no variable of its own, masked as in the report, so the replay differs there`);
    return [...lines, command].join('\n');
  }

  private header(name: string, value: string, provenance: HeaderProvenance | undefined): string {
    const basic = provenance?.basic && this.basic(provenance.basic.user, provenance.basic.password);
    if (basic) return `-u ${this.word(basic)}`;
    const shownName = this.scrub.text(name);
    const shown = this.shown(this.sentinels(provenance?.segments ?? [{ text: value }]), (text) => this.scrub.header(name, text));
    // curl drops a header given as "Name:" and sends an empty one given as "Name;".
    return `-H ${this.word(shown === '' ? [{ text: `${shownName};` }] : [{ text: `${shownName}: ` }, ...this.parts(shown)])}`;
  }

  /** `-u user:password`, or undefined when curl could not rebuild the same header (a user holding ":"). */
  private basic(user: Segment[], password: Segment[]): Part[] | undefined {
    if (user.some((segment) => segment.text.includes(':'))) return undefined;
    const userParts = this.parts(this.shown(this.sentinels(user), (text) => this.scrub.text(text)));
    // A password is a secret whole: any part of it without a variable of its own masks all of it.
    const replayable = password.every((segment) => segment.from && segment.text === segment.value);
    const passwordParts = replayable ? this.parts(this.sentinels(password)) : password.length ? [{ text: MASK }] : [];
    return [...userParts, { text: ':' }, ...passwordParts];
  }

  /** The jar's cookies: every value is a secret to the redactor, so each becomes a shell variable. */
  private cookies(line: string): string {
    const parts: Part[] = [{ text: 'Cookie: ' }];
    line.split('; ').forEach((pair, index) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      if (index > 0) parts.push({ text: '; ' });
      parts.push({ text: `${this.scrub.text(name)}=` });
      if (value === '') return;
      const setter = this.cookieSetter(name);
      parts.push({ variable: this.name(`cookie\n${name}`, 'cookie_', name, `the cookie ${name} in the session's jar${setter ? `, set by ${setter}` : ''}`) });
    });
    return this.word(parts);
  }

  private body(body: string, contentType: string, segments: Segment[]): string {
    if (body.includes('\0')) {
      this.comments.set('body', 'it holds NUL bytes, which no shell word can carry, so it is left out');
      return "--data-binary ''";
    }
    const shown = this.shown(this.sentinels(segments), (text) => this.scrub.body(text, contentType), (text) => asTheRedactorLaysItOut(text, contentType));
    const parts = this.parts(shown);
    // --data-binary would read a file for a body starting with "@"; --data-raw sends the same bytes without that.
    const first = parts[0];
    const option = first && 'text' in first && !first.text.startsWith('@') ? '--data-binary' : '--data-raw';
    return `${option} ${this.word(parts)}`;
  }

  /** The segments' text with each replayable expansion swapped for a placeholder. */
  private sentinels(segments: Segment[]): string {
    return segments
      .map((segment) => {
        // An escaped value (a `"` written as `\"` in JSON) is not what the shell variable holds: shown as written.
        if (!segment.from || segment.value === undefined || segment.text !== segment.value) return segment.text.replace(/\uE000/g, '\uFFFD');
        return this.placeholder(this.variableOf(segment.from));
      })
      .join('');
  }

  private placeholder(variable: string): string {
    let index = this.placeholders.indexOf(variable);
    if (index < 0) index = this.placeholders.push(variable) - 1;
    return `\uE000${String.fromCharCode(0xe100 + index)}`;
  }

  /** Text with placeholders cut into literal parts and shell variables. */
  private parts(text: string): Part[] {
    const parts: Part[] = [];
    let from = 0;
    for (const match of text.matchAll(/\uE000([\uE100-\uF8FF])/g)) {
      if (match.index > from) parts.push({ text: text.slice(from, match.index) });
      parts.push({ variable: this.placeholders[match[1]!.charCodeAt(0) - 0xe100]! });
      from = match.index + match[0].length;
    }
    if (from < text.length || parts.length === 0) parts.push({ text: text.slice(from) });
    return parts;
  }

  /**
   * The text with its placeholders when the redactor, given it with every placeholder already masked,
   * changes nothing (but the layout): then nothing else in it is secret. Else with the literal masking
   * alone (bytes and layout kept), when that leaves the structural masking nothing to do; else as the
   * redactor shows it (placeholders it kept stay variables).
   */
  private shown(text: string, redact: (text: string) => string, layout: (text: string) => string = (same) => same): string {
    const untouched = (candidate: string) => {
      const masked = candidate.replace(/\uE000[\uE100-\uF8FF]/g, MASK);
      return redact(masked) === layout(masked);
    };
    if (untouched(text)) return text;
    const literal = this.scrub.text(text); // after redact(): it has learnt what the structure hid
    return untouched(literal) ? literal : redact(text);
  }

  /** A shell word the redactor leaves as it is: double quotes around variables only when that holds. */
  private word(parts: Part[]): string {
    return word(parts, (text) => this.scrub.text(text) === text);
  }

  private variableOf(origin: Origin): string {
    if ('variable' in origin) {
      if (!this.configuration.includes(origin.variable)) this.configuration.push(origin.variable);
      return origin.variable;
    }
    const name = origin.remembered;
    const remembered = this.exchange.request.provenance?.remembered[name] ?? 'remembered in the scenario';
    return this.name(`remembered\n${name}`, 'remembered_', name, `{{${name}}}, ${remembered}`);
  }

  /** A shell variable name for a remembered value or a cookie, unique in this command, with its comment. */
  private name(key: string, prefix: string, name: string, comment: string): string {
    const known = this.names.get(key);
    if (known) return known;
    const slug = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
    // A name carrying a secret word is numbered instead: no variable name may need masking.
    let base = slug !== '' && this.scrub.text(slug) === slug ? `${prefix}${slug}` : `${prefix}${this.names.size + 1}`;
    const taken = new Set(this.names.values());
    for (let n = 2; taken.has(base); n++) base = `${base.replace(/_\d+$/, '')}_${n}`;
    this.names.set(key, base);
    this.comments.set(base, this.scrub.text(comment).replace(/\s+/g, ' '));
    return base;
  }
}

/**
 * The body with the values the request was prepared from cut out as segments: steps serialise bodies
 * from values they expanded (JSON.stringify, buildXml), so only a search can find them. Longest first,
 * and only whole (no letter or digit either side), as the redactor masks short values.
 */
export function searched(body: string, values: Segment[]): Segment[] {
  const byValue = new Map<string, Segment>();
  // A value with no letter or digit ("/", "{") is structure far more often than it is that value.
  for (const value of values) if (value.from && value.value && /[\p{L}\p{N}]/u.test(value.value) && !byValue.has(value.value)) byValue.set(value.value, value);
  const candidates = [...byValue.values()].sort((a, b) => b.value!.length - a.value!.length);
  let segments: Segment[] = [{ text: body }];
  for (const candidate of candidates) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${candidate.value!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    segments = segments.flatMap((segment) => {
      if (segment.from) return [segment];
      const out: Segment[] = [];
      let from = 0;
      for (const match of segment.text.matchAll(pattern)) {
        if (match.index > from) out.push({ text: segment.text.slice(from, match.index) });
        out.push({ text: candidate.value!, from: candidate.from, value: candidate.value });
        from = match.index + match[0].length;
      }
      if (from < segment.text.length) out.push({ text: segment.text.slice(from) });
      return out;
    });
  }
  return segments;
}

/** The body laid out as Redactor.body lays it out (JSON pretty-printed), so that the two maskings compare. */
function asTheRedactorLaysItOut(text: string, contentType: string): string {
  const trimmed = text.trimStart();
  if (!/json/i.test(contentType) && !trimmed.startsWith('{') && !trimmed.startsWith('[')) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * One POSIX sh word: bare when plain; double quotes around variables when the text allows and `accept`
 * takes it (the redactor reads `?token=${x}` inside double quotes as a secret parameter); else single
 * quotes around the literal parts, which end every pattern the redactor looks for.
 */
export function word(parts: Part[], accept: (word: string) => boolean = () => true): string {
  const merged: Part[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if ('text' in part && last && 'text' in last) merged[merged.length - 1] = { text: last.text + part.text };
    else merged.push(part);
  }
  const literals = merged.filter((part): part is { text: string } => 'text' in part);
  if (literals.length === merged.length) {
    const text = literals.map((part) => part.text).join('');
    return /^[A-Za-z0-9_@%+=:,./-]+$/.test(text) ? text : singleQuoted(text);
  }
  // `!` is history expansion in interactive bash and zsh even inside double quotes.
  if (literals.every((part) => /^[^"$`\\!\n]*$/.test(part.text))) {
    const quoted = `"${merged.map((part) => ('text' in part ? part.text : `\${${part.variable}}`)).join('')}"`;
    if (accept(quoted)) return quoted;
  }
  return merged.map((part) => ('text' in part ? (part.text === '' ? '' : singleQuoted(part.text)) : `"\${${part.variable}}"`)).join('');
}

function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function list(names: string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
