// Where each value of a request came from, so that its recorded exchange can show it as a curl line
// with `${VARIABLE}`s instead of values (support/curl.ts): which `${VAR}` or `{{name}}` produced which
// part of the URL and of each header, the user and password of Basic credentials, which values the body
// may hold (steps serialise bodies from values they expanded), and what each remembered value is. Kept
// only when the profile records: the quiet profile pays nothing for it.
import { isDeepStrictEqual } from 'node:util';
import { CONTRACT, type ApiTarget } from '../config';
import { exchangeTitle, headerValues, type Exchange } from '../exchange';
import type { Expanded, Segment } from '../interpolate';
import { joinUrl } from '../join-url';
import type { HeaderLine } from '../redact';
import { baseUrlOf } from '../runtime';
import { parseXml } from '../xml';

export interface HeaderProvenance {
  segments: Segment[];
  /** Set when the header is `Basic <base64 of user:password>` built from two expansions. */
  basic?: { user: Segment[]; password: Segment[] };
}

export interface RequestProvenance {
  url: Segment[];
  /** One per header line of the request, in order. */
  headers: HeaderProvenance[];
  /** The body in segments, when one expansion produced all of it (a doc string body). */
  body?: Segment[];
  /** Every expansion made while the request was prepared: else the body is searched for their values. */
  values: Segment[];
  /** What each remembered value this request may use is (where it was remembered from), by name. */
  remembered: Record<string, string>;
}

export class Provenance {
  /** What was expanded (or looked up) since the last request was sent, in order. */
  private prepared: Expanded[] = [];
  private readonly headerSources = new WeakMap<HeaderLine, HeaderProvenance>();
  private readonly origins = new Map<string, string>();
  private deriving = false;
  private last: { sent: string; provenance: RequestProvenance } | undefined;

  constructor(readonly enabled: boolean) {}

  /** Notes an expansion the World made; returns its text. */
  expanded(expanded: Expanded): string {
    if (this.enabled) this.prepared.push(expanded);
    return expanded.text;
  }

  /** A configuration value a step read itself (and may have put into a body). */
  lookedUp(name: string, value: string | undefined): void {
    if (this.enabled && value !== undefined) this.prepared.push({ text: value, segments: [{ text: value, from: { variable: name }, value }] });
  }

  /** The header line's value is the expansion just made. */
  header(line: HeaderLine): void {
    const last = this.prepared.at(-1);
    if (this.enabled && last?.text === line.value) this.headerSources.set(line, { segments: last.segments });
  }

  /** The header line is Basic credentials of the two expansions made before its own: user, then password. */
  basicAuth(line: HeaderLine): void {
    const [user, password] = this.prepared.slice(-3, -1);
    if (!this.enabled || !user || !password) return;
    if (line.value !== `Basic ${Buffer.from(`${user.text}:${password.text}`).toString('base64')}`) return;
    this.headerSources.set(line, { segments: [{ text: line.value }], basic: { user: user.segments, password: password.segments } });
  }

  /** The next remembered value is computed from the last expansion (base64 of it, a part of it...). */
  derive(): void {
    this.deriving = this.enabled;
  }

  remembered(name: string, value: unknown, after: Exchange | undefined): void {
    if (!this.enabled) return;
    const template = this.deriving ? this.prepared.at(-1) : undefined;
    this.deriving = false;
    this.origins.set(name, template ? `computed in the scenario from "${templateOf(template)}"` : originOf(value, after));
  }

  /** The provenance of the request about to be sent to `url`; forgets what was prepared for it. */
  request(url: string, headers: HeaderLine[], target: ApiTarget, body?: string): RequestProvenance | undefined {
    if (!this.enabled) return undefined;
    const path = this.prepared.at(-1); // send() expands the path last
    const base = { name: `${CONTRACT[target.id].prefix}BASE_URL`, value: baseUrlOf(target) };
    const joined = path && joinTraced(base, path.segments, url);
    const sent = JSON.stringify([url, headers.map((line) => [line.name, line.value])]);
    const values = this.prepared.flatMap((expanded) => expanded.segments.filter((segment) => segment.from));
    const whole = body === undefined || body === '' ? undefined : this.prepared.find((expanded) => expanded.text === body);
    this.prepared = [];
    // The same request again without a path expanded for it (World.resend): the same values, from the same places.
    if (!joined && this.last?.sent === sent) return this.last.provenance;
    const provenance: RequestProvenance = {
      url: joined ?? [{ text: url }],
      headers: headers.map((line) => this.headerSources.get(line) ?? { segments: [{ text: line.value }] }),
      ...(whole && { body: whole.segments }),
      values,
      remembered: Object.fromEntries(this.origins),
    };
    this.last = { sent, provenance };
    return provenance;
  }
}

/** The template an expansion was made from, as the feature wrote it: `${VAR}` and `{{name}}` kept. */
function templateOf(expanded: Expanded): string {
  return expanded.segments.map(({ text, from }) => (!from ? text : 'variable' in from ? `\${${from.variable}}` : `{{${from.remembered}}}`)).join('');
}

/**
 * The URL as joinUrl builds it, in segments: the base URL as its `${<PREFIX>BASE_URL}`, then the path's;
 * undefined when the result would not be `url` (then the URL is shown as it is).
 */
export function joinTraced(base: { name: string; value: string }, path: Segment[], url: string): Segment[] | undefined {
  const pathText = path.map((segment) => segment.text).join('');
  if (joinUrl(base.value, pathText) !== url) return undefined;
  if (/^https?:\/\//i.test(pathText)) return path;
  const baseSegment: Segment = { text: base.value.replace(/\/+$/, ''), from: { variable: base.name }, value: base.value.replace(/\/+$/, '') };
  // joinUrl strips the path's leading slashes and puts one back: a leading value keeps its own slash.
  const rest = [...path];
  while (rest[0] && !rest[0].from && /^\/*$/.test(rest[0].text)) rest.shift();
  const first = rest[0];
  if (first && !first.from) rest[0] = { text: `/${first.text.replace(/^\/+/, '')}` };
  else if (!first || !first.text.startsWith('/') || first.text.startsWith('//')) rest.unshift({ text: '/' });
  const joined: Segment[] = [baseSegment, ...rest];
  return joined.map((segment) => segment.text).join('') === url ? joined : undefined;
}

/** Where a remembered value was found in the answer it was remembered after, said as a step would. */
export function originOf(value: unknown, after: Exchange | undefined): string {
  const response = after?.response;
  if (!after || !response) return 'remembered in the scenario';
  const answer = `the answer to ${exchangeTitle(after)}`;
  if (typeof value === 'string' && value === response.text && value !== '') return `the body of ${answer}`;
  const json = parsed(() => JSON.parse(response.text) as unknown);
  const jsonPath = json.ok ? pathTo(json.value, value, '$', jsonStep) : undefined;
  if (jsonPath) return `the JSON value at ${jsonPath} of ${answer}`;
  const xml = !json.ok && response.text.trimStart().startsWith('<') ? parsed(() => parseXml(response.text)) : undefined;
  const xmlPath = xml?.ok ? pathTo(xml.value, value, '', xmlStep) : undefined;
  if (xmlPath) return `the XML value at ${xmlPath} of ${answer}`;
  for (const name of new Set(response.headers.map((line) => line.name.toLowerCase()))) {
    if (name !== 'set-cookie' && headerValues(response.headers, name).join(', ') === value) return `the response header ${name} of ${answer}`;
  }
  for (const cookie of headerValues(response.headers, 'set-cookie')) {
    const pair = cookie.split(';', 1)[0]!;
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(eq + 1).trim() === value) return `the cookie ${pair.slice(0, eq).trim()} set by ${answer}`;
  }
  return `remembered in the scenario, after ${answer}`;
}

function parsed<T>(read: () => T): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: read() };
  } catch {
    return { ok: false };
  }
}

type Step = (path: string, key: string | number) => string;

const jsonStep: Step = (path, key) => (typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_$@-][\w$@-]*$/.test(key) ? `${path}.${key}` : `${path}['${key}']`);
/** XML paths as readXmlPath reads them: `/session/sessionId`, `/a/b[1]`, `/a/@id`; `#text` is the element's own text. */
const xmlStep: Step = (path, key) => (typeof key === 'number' ? `${path}[${key}]` : key === '#text' ? path : `${path}/${key}`);

/** The path of the first node equal to `value`, depth first; undefined when none is. */
function pathTo(node: unknown, value: unknown, path: string, step: Step): string | undefined {
  if (value === undefined) return undefined;
  if (isDeepStrictEqual(node, value)) return path || undefined;
  if (node === null || typeof node !== 'object') return undefined;
  const array = Array.isArray(node);
  for (const [key, child] of Object.entries(node)) {
    const found = pathTo(child, value, step(path, array ? Number(key) : key), step);
    if (found) return found;
  }
  return undefined;
}
