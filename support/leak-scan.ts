// The leak scan of a run's artifacts, shared by `npm run leak-scan` and tests/leak-scan.test.ts: every
// file below a folder is searched for each given secret (in the forms its caller looks for: the test
// keeps its own list, so that it does not check the redactor with the redactor's code) and for every
// recognisable token: a JWT, and the unmasked value of a header, cookie, JSON field, XML element or
// attribute, HTML form field or URL parameter whose name reads as a secret (support/redact.ts
// secretName(), the one rule of what a secret's name is). JSON and ndjson are read as JSON, their
// strings as text again (an Allure message, an exchange), and base64 bodies (attachments inside
// messages.ndjson, Allure messages, any long base64 run) are decoded and read too. A finding names the
// file, the line when known and what was found; never the value. Every pass is linear in the text.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MASK, secretName } from './redact';

/** One secret to look for: `find` names the form a text holds it in (raw, base64, …), or undefined. */
export interface SoughtSecret {
  name: string;
  find(text: string): string | undefined;
}

export interface ScanOptions {
  secrets: SoughtSecret[];
  /** Texts the run was given (its Gherkin): a secret-named value also found there is the scenario's own input, not a leak. */
  published?: string[];
}

export interface Leak {
  /** The file (relative to the scanned folder's parent) or stream, with `:line` when known. */
  where: string;
  /** What was found, never the value: "ALM_SECRET (base64)", "a JWT", "the value of the header \"X-Auth-Token\"". */
  what: string;
}

export interface ScanResult {
  leaks: Leak[];
  scanned: number;
}

/** Every file below `dir`, each leak once per file and finding. */
export function scanFolder(dir: string, options: ScanOptions): ScanResult {
  const files = filesBelow(dir);
  const published = [...(options.published ?? []), ...publishedIn(dir)];
  const scanner = new Scanner({ ...options, published });
  const base = join(dir, '..');
  for (const file of files) scanner.file(file, relative(base, file) || file);
  return { leaks: scanner.leaks, scanned: files.length };
}

/** One text (a process's stdout, say), named `where`. */
export function scanText(where: string, text: string, options: ScanOptions): Leak[] {
  const scanner = new Scanner(options);
  scanner.text(text, { where, lines: lineIndex(text), offset: 0, depth: 0, via: '' });
  return scanner.leaks;
}

/** A finder of a secret's literal forms (text → form name), as `text.includes` finds them. */
export function literalForms(name: string, forms: Map<string, string>): SoughtSecret {
  const sorted = [...forms].sort(([a], [b]) => b.length - a.length);
  return { name, find: (text) => sorted.find(([form]) => text.includes(form))?.[1] };
}

export function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? filesBelow(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : []));
}

/** The Gherkin the run that wrote `dir` read: the `source` envelopes of its cucumber messages. */
export function publishedIn(dir: string): string[] {
  return filesBelow(dir)
    .filter((file) => file.endsWith('.ndjson'))
    .flatMap(gherkinSources);
}

function gherkinSources(file: string): string[] {
  const sources: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('{"source"')) continue;
    try {
      const data = (JSON.parse(line) as { source?: { data?: unknown } }).source?.data;
      if (typeof data === 'string') sources.push(data);
    } catch {
      // a cut line: nothing to learn from it
    }
  }
  return sources;
}

/** Where a piece of text sits: its file, where in the file it starts, and how it was reached (decoded, unescaped). */
interface Layer {
  where: string;
  /** Line starts of the file's text, when `offset` is a position in it. */
  lines: number[] | undefined;
  offset: number;
  depth: number;
  /** " in a base64 body", appended to what is found here. */
  via: string;
}

/** A decoded body or nested JSON string is read again, up to this depth (an exchange inside an Allure message inside an ndjson line). */
const MAX_DEPTH = 4;
/** Files searched for the given secrets only: images, fonts, archives. */
const BINARY = /\.(?:png|jpe?g|gif|ico|webp|woff2?|ttf|eot|zip|gz|br)$/i;
/** Code the report viewers ship: searched for the given secrets and JWTs, not read as data (its identifiers are not fields). */
const CODE = /\.(?:js|mjs|cjs|css|map)$/i;

const JWT = /(?<![\w-])eyJ[\w-]{5,}\.[\w-]{2,}(?:\.[\w-]*)?/g;
/** `Name: value` as an exchange shows a header (a space after the colon: "token-login:token-on-error" is a fault's name). */
const HEADER_LINE = /^[ \t]*([A-Za-z][\w-]{0,80}):(?:[ \t]+(.*))?$/gm;
/** A URL parameter: its name as URLs write names (not `e.key` in inline code). */
const URL_PARAMETER = /[?&;]([\w.\-[\]%+]{1,80})=([^&;#?\s"'<>\\)]+)/g;
/** Where inline code of an HTML page (the report viewers') starts: it is searched like CODE files. */
const SCRIPT = /<(script|style)\b[^<>]*>/gi;
/** A string field: numbers under a secret's name are masked by the redactor but not sought here (reports count and measure in numbers). */
const JSON_FIELD = /"([^"\\]{1,80})"\s*:\s*("(?:[^"\\]|\\.)*")/g;
/** A leaf element (no child element inside): `[^<>]*` keeps each attempt within one tag. */
const XML_LEAF = /<([A-Za-z_][\w.:-]{0,80})(\s[^<>]*)?>([^<]*)<\/\1\s*>/g;
const XML_CDATA = /<([A-Za-z_][\w.:-]{0,80})(?:\s[^<>]*)?><!\[CDATA\[([^\]]*)\]\]><\/\1\s*>/g;
const TAG = /<[A-Za-z][\w.:-]*(\s[^<>]*)>/g;
const ATTRIBUTE = /([^\s=<>/"']+)\s*=\s*("[^"]*"|'[^']*')/g;
/** Long enough to be an encoded body rather than a word; standard alphabet (base64url runs are JWT parts). */
const BASE64_RUN = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{24,}={0,2}/g;
/** What a masked or placeholder value looks like: the mask, a scheme and the mask, a `${VAR}` or `$VAR` (a curl replay's, shell-quoted), a `{{remembered}}`, an `<outline>` parameter. */
const NOT_A_VALUE = /^(?:|\[REDACTED\]|[A-Za-z]+ \[REDACTED\]|\$\{[A-Z0-9_]+\}|\$[A-Z][A-Z0-9_]*|\{\{[^{}]+\}\}|<[\w -]+>|null|true|false)$/;

class Scanner {
  readonly leaks: Leak[] = [];
  private readonly seen = new Set<string>();
  private readonly published: string;

  constructor(private readonly options: ScanOptions) {
    this.published = (options.published ?? []).join('\n');
  }

  file(path: string, where: string): void {
    const bytes = readFileSync(path);
    const latin1 = bytes.toString('latin1');
    if (BINARY.test(path) || bytes.subarray(0, 8192).includes(0)) {
      this.secrets(latin1, { where, lines: undefined, offset: 0, depth: 0, via: '' }, 0);
      return;
    }
    const text = bytes.toString('utf8');
    const layer: Layer = { where, lines: lineIndex(text), offset: 0, depth: 0, via: '' };
    this.read(path, text, layer);
    // A secret written as Latin-1 bytes reads as U+FFFD in UTF-8: the byte-for-byte view finds it raw
    // (reported only when the UTF-8 view did not find that secret already).
    if (latin1 !== text) this.secrets(latin1, { ...layer, lines: lineIndex(latin1), via: ' (its Latin-1 bytes)' }, 0);
  }

  private read(path: string, text: string, layer: Layer): void {
    if (CODE.test(path)) {
      this.secrets(text, layer, 0);
      this.jwts(text, layer, 0);
    } else if (/\.json$/i.test(path) && this.json(text, layer)) {
      // read as JSON
    } else if (/\.ndjson$/i.test(path)) {
      let start = 0;
      for (const line of text.split('\n')) {
        const at = { ...layer, offset: start };
        if (line.trim() !== '' && !this.json(line, at)) this.text(line, at);
        start += line.length + 1;
      }
    } else {
      this.text(text, layer);
    }
  }

  /** Parses `text` as JSON and reads it: keys named like secrets, and every string as text. False when it is not JSON. */
  private json(text: string, layer: Layer): boolean {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return false;
    }
    this.secrets(text, layer, 0);
    this.jwts(text, layer, 0);
    this.walk(value, { ...layer, depth: layer.depth + 1 });
    return true;
  }

  private walk(value: unknown, layer: Layer): void {
    if (typeof value === 'string') {
      if (value.length >= 8) this.nested(value, layer, '');
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) this.walk(item, layer);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    for (const [key, inner] of Object.entries(object)) {
      if (secretName(key)) {
        for (const leaf of Array.isArray(inner) ? inner : [inner]) if (typeof leaf === 'string') this.value(leaf, `the JSON field "${key}"`, layer, 0);
      }
    }
    // {"name": "password", "value": "…"}: an Allure parameter, a cookie in a storage state.
    if (typeof object.name === 'string' && secretName(object.name) && typeof object.value === 'string') this.value(object.value, `"${object.name}" (a name and value pair)`, layer, 0);
    // Bodies the messages carry base64-encoded: a cucumber attachment, an Allure attachment's content.
    const encoded = /^base64$/i.test(String(object.contentEncoding ?? '')) ? object.body : /^base64$/i.test(String(object.encoding ?? '')) ? object.content : undefined;
    if (typeof encoded === 'string') this.decoded(encoded, layer);
    for (const inner of Object.values(object)) this.walk(inner, layer);
  }

  /** A string found inside something else (a JSON string, a decoded body): JSON again, or text. */
  private nested(text: string, layer: Layer, via: string): void {
    if (layer.depth > MAX_DEPTH) return;
    const inner = { ...layer, via: layer.via + via };
    const trimmed = text.trimStart();
    if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && this.json(text, inner)) return;
    this.text(text, inner);
  }

  private decoded(encoded: string, layer: Layer): void {
    const text = Buffer.from(encoded, 'base64').toString('utf8');
    if (readable(text)) this.nested(text, { ...layer, depth: layer.depth + 1 }, ' in a base64-encoded body');
  }

  text(input: string, layer: Layer): void {
    this.secrets(input, layer, 0);
    this.jwts(input, layer, 0);
    // Inline code is not data (its identifiers are no fields), but the bodies it embeds base64-encoded are.
    const text = input.includes('<') ? this.withoutCode(input, layer) : input;
    for (const match of text.matchAll(HEADER_LINE)) this.header(match[1]!, (match[2] ?? '').trim(), layer, match.index);
    if (text.includes('=')) {
      for (const match of text.matchAll(URL_PARAMETER)) if (secretName(safeDecode(match[1]!))) this.value(safeDecode(match[2]!), `the URL parameter "${match[1]}"`, layer, match.index);
    }
    if (text.includes('"')) {
      for (const match of text.matchAll(JSON_FIELD)) {
        if (!secretName(match[1]!)) continue;
        this.value(unescapeJson(match[2]!), `the JSON field "${match[1]}"`, layer, match.index);
      }
    }
    if (text.includes('<')) this.markup(text, layer);
    // Markup escaped inside markup: an exchange in a JUnit failure, in an HTML page.
    if (layer.depth <= MAX_DEPTH && /&(?:lt|quot|#34|#x22);/i.test(text)) this.nested(decodeEntities(text), { ...layer, depth: layer.depth + 1 }, ' in escaped markup');
    this.base64Runs(text, layer);
  }

  /** `text` with each inline script or style blanked out (positions kept), once the bodies it embeds are read. */
  private withoutCode(text: string, layer: Layer): string {
    const lower = text.toLowerCase();
    let out = '';
    let from = 0;
    for (const open of text.matchAll(SCRIPT)) {
      if (open.index < from) continue;
      const start = open.index + open[0].length;
      const close = lower.indexOf(`</${open[1]!.toLowerCase()}`, start);
      const end = close < 0 ? text.length : close;
      this.base64Runs(text.slice(start, end), { ...layer, offset: layer.offset + start });
      out += text.slice(from, start) + ' '.repeat(end - start);
      from = end;
    }
    return from === 0 ? text : out + text.slice(from);
  }

  private base64Runs(text: string, layer: Layer): void {
    if (layer.depth > MAX_DEPTH) return;
    for (const match of text.matchAll(BASE64_RUN)) {
      const decoded = Buffer.from(match[0], 'base64').toString('utf8');
      if (readable(decoded)) this.nested(decoded, { ...layer, depth: layer.depth + 1, offset: layer.offset + match.index }, ' in a base64-encoded body');
    }
  }

  private markup(text: string, layer: Layer): void {
    for (const match of text.matchAll(XML_LEAF)) {
      if (secretName(match[1]!)) this.value(decodeEntities(match[3]!.trim()), `the XML element <${match[1]}>`, layer, match.index);
    }
    for (const match of text.matchAll(XML_CDATA)) {
      if (secretName(match[1]!)) this.value(match[2]!.trim(), `the XML element <${match[1]}>`, layer, match.index);
    }
    for (const tag of text.matchAll(TAG)) {
      const attributes = [...tag[1]!.matchAll(ATTRIBUTE)].map(([, name, quoted]) => [name!, decodeEntities(quoted!.slice(1, -1))] as const);
      // <input name="csrf_token" value="…">, <meta name="csrf-token" content="…">
      const namedSecret = attributes.find(([name, value]) => /^(?:name|id|property)$/i.test(name) && secretName(value))?.[1];
      for (const [name, value] of attributes) {
        if (secretName(name)) this.value(value, `the attribute ${name}=`, layer, tag.index);
        else if (namedSecret && /^(?:value|content)$/i.test(name)) this.value(value, `the ${name} of "${namedSecret}"`, layer, tag.index);
      }
    }
  }

  private header(name: string, value: string, layer: Layer, at: number): void {
    const lower = name.toLowerCase();
    if (lower === 'set-cookie' || lower === 'cookie') {
      const pairs = lower === 'set-cookie' ? [value.split(';')[0]!] : value.split(';');
      for (const pair of pairs) {
        const eq = pair.indexOf('=');
        this.value(eq < 0 ? pair.trim() : pair.slice(eq + 1).trim(), `a cookie of the ${name} header`, layer, at);
      }
    } else if (secretName(name)) {
      this.value(value, `the header "${name}"`, layer, at);
    }
  }

  /** A value that stands under a secret's name: a leak unless masked, empty, a placeholder, or the run's own Gherkin. */
  private value(value: string, what: string, layer: Layer, at: number): void {
    const shown = value.trim().replace(/^['"]+|['"]+$/g, '');
    if (NOT_A_VALUE.test(shown) || shown.includes(MASK) || this.published.includes(shown)) return;
    this.report(layer, at, `the value of ${what}`);
  }

  private secrets(text: string, layer: Layer, at: number): void {
    for (const secret of this.options.secrets) {
      const form = secret.find(text);
      // Once per file and secret: a base64 body holds it raw when decoded, escaped markup when unescaped.
      if (form) this.report(layer, at, `${secret.name} (${form})`, `secret ${secret.name}`);
    }
  }

  private jwts(text: string, layer: Layer, at: number): void {
    if (!text.includes('eyJ')) return;
    JWT.lastIndex = 0;
    const match = JWT.exec(text);
    if (match) this.report(layer, at + match.index, 'a JWT');
  }

  private report(layer: Layer, at: number, what: string, once = `${what}${layer.via}`): void {
    const line = layer.lines ? lineOf(layer.lines, layer.offset + at) : undefined;
    const where = line === undefined ? layer.where : `${layer.where}:${line}`;
    const key = `${layer.where}\0${once}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.leaks.push({ where, what: `${what}${layer.via}` });
  }
}

function lineIndex(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** Decoded base64 worth reading as text: valid UTF-8, and mostly printable (not an image or random bytes). */
function readable(text: string): boolean {
  if (text.length < 4 || text.includes('\ufffd')) return false;
  let printable = 0;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if ((code >= 0x20 && code !== 0x7f) || code === 0x0a || code === 0x0d || code === 0x09) printable += 1;
  }
  return printable >= text.length * 0.95;
}

function unescapeJson(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos));/gi, (whole, dec?: string, hex?: string, name?: string) => {
    if (name) return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name.toLowerCase()]!;
    const code = dec ? Number(dec) : parseInt(hex!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
