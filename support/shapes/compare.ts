// Compares two runs' shapes, scenario by scenario and exchange by exchange (the n-th request of a
// scenario with the n-th of the same scenario on the other side). A difference is one part that is not
// the same: a status, a content type, a header or cookie only one side has, a cookie attribute, a body
// format, a field only one side has or whose type changed. The same difference seen in several
// scenarios is one entry listing each (scenario, exchange). Scenarios only one side ran, and exchanges
// only one side reached (a scenario that failed or was skipped there), are listed apart: they are not drift.
import type { CookieShape, Shape } from './shape';
import type { ShapeFile } from './collect';
import { ignoredField, ignoredHeader } from './volatile';

export type DifferenceKind = 'status' | 'content type' | 'body format' | 'header' | 'cookie' | 'cookie attribute' | 'field' | 'field type';

export interface Sighting {
  scenario: string;
  /** 1-based: the scenario's n-th request. */
  exchange: number;
}

export interface Difference {
  kind: DifferenceKind;
  /** `POST /rest/${SDM_API_VERSION}/admin/login → 200` (the status only when both sides agree on it). */
  request: string;
  /** The header, cookie, `cookie attribute` or field path; empty for a status, content type or body format. */
  subject: string;
  /** What each side has: `401`, `string`, `present`, `absent`. */
  left: string;
  right: string;
  seenIn: Sighting[];
}

export interface Comparison {
  left: string;
  right: string;
  differences: Difference[];
  compared: { scenarios: number; exchanges: number };
  onlyLeft: string[];
  onlyRight: string[];
  /** Scenarios where one side sent more requests than the other (it stopped early: failed, or skipped a step). */
  unequal: Array<{ scenario: string; left: number; right: number }>;
  /** Where the two sides sent different requests: the rest of that scenario is not compared. */
  misaligned: Array<{ scenario: string; exchange: number; left: string; right: string }>;
  /** Exchanges one side got no answer to (unreachable, timed out): they say nothing about its shape. */
  unanswered: Array<{ scenario: string; exchange: number; side: string }>;
}

/** `left` and `right` label the sides in every sentence: vendor, emulator, baseline. */
export function compareShapes(a: ShapeFile, b: ShapeFile, left: string, right: string): Comparison {
  const result: Comparison = { left, right, differences: [], compared: { scenarios: 0, exchanges: 0 }, onlyLeft: [], onlyRight: [], unequal: [], misaligned: [], unanswered: [] };
  const grouped = new Map<string, Difference>();
  const add = (kind: DifferenceKind, request: string, subject: string, l: string, r: string, seen: Sighting) => {
    const key = `${kind}\n${request}\n${subject}\n${l}\n${r}`;
    let difference = grouped.get(key);
    if (!difference) grouped.set(key, (difference = { kind, request, subject, left: l, right: r, seenIn: [] }));
    difference.seenIn.push(seen);
  };
  for (const scenario of Object.keys(a.scenarios).sort()) if (!(scenario in b.scenarios)) result.onlyLeft.push(scenario);
  for (const scenario of Object.keys(b.scenarios).sort()) if (!(scenario in a.scenarios)) result.onlyRight.push(scenario);
  for (const scenario of Object.keys(a.scenarios).sort()) {
    const ours = a.scenarios[scenario]!;
    const theirs = b.scenarios[scenario];
    if (!theirs) continue;
    result.compared.scenarios += 1;
    const both = Math.min(ours.length, theirs.length);
    if (ours.length !== theirs.length) result.unequal.push({ scenario, left: ours.length, right: theirs.length });
    for (let i = 0; i < both; i++) {
      const x = ours[i]!;
      const y = theirs[i]!;
      if (x.method !== y.method || x.path !== y.path) {
        result.misaligned.push({ scenario, exchange: i + 1, left: `${x.method} ${x.path}`, right: `${y.method} ${y.path}` });
        break;
      }
      if (x.status === null || y.status === null) {
        result.unanswered.push({ scenario, exchange: i + 1, side: x.status === null ? left : right });
        continue;
      }
      result.compared.exchanges += 1;
      compareExchange(a.api, x, y, { scenario, exchange: i + 1 }, add);
    }
  }
  result.differences = [...grouped.values()];
  return result;
}

type Add = (kind: DifferenceKind, request: string, subject: string, left: string, right: string, seen: Sighting) => void;

function compareExchange(api: string, x: Shape, y: Shape, seen: Sighting, add: Add): void {
  const request = `${x.method} ${x.path}`;
  const status = (s: number | null) => (s === null ? 'no answer' : String(s));
  if (x.status !== y.status) {
    // Two different answers (a refusal against a success): their parts would only repeat that.
    add('status', request, '', status(x.status), status(y.status), seen);
    return;
  }
  const answer = `${request} → ${status(x.status)}`;
  if (x.contentType !== y.contentType) add('content type', answer, '', x.contentType ?? 'none', y.contentType ?? 'none', seen);
  presence(x.headers.filter((h) => !ignoredHeader(h)), y.headers.filter((h) => !ignoredHeader(h)), (name, l, r) => add('header', answer, name, l, r, seen));
  compareCookies(x.cookies, y.cookies, (kind, subject, l, r) => add(kind, answer, subject, l, r, seen));
  if (x.body.format !== y.body.format) {
    add('body format', answer, '', x.body.format, y.body.format, seen);
    return;
  }
  const ours = fieldTypes(api, x.body.fields);
  const theirs = fieldTypes(api, y.body.fields);
  for (const [path, type] of ours) {
    const other = theirs.get(path);
    if (other === undefined) {
      if (!emptyArrayOn(theirs, path)) add('field', answer, path, type, 'absent', seen);
    } else if (other !== type) add('field type', answer, path, type, other, seen);
  }
  for (const [path, type] of theirs) if (!ours.has(path) && !emptyArrayOn(ours, path)) add('field', answer, path, 'absent', type, seen);
}

/** `$.items[].name` against a side whose `$.items` was an empty array: an empty array says nothing about its items. */
function emptyArrayOn(fields: Map<string, string>, path: string): boolean {
  for (let at = path.indexOf('[]'); at >= 0; at = path.indexOf('[]', at + 2)) {
    const array = path.slice(0, at);
    if (fields.get(array)?.split('|').includes('array') && !fields.has(`${array}[]`)) return true;
  }
  return false;
}

function presence(ours: string[], theirs: string[], differ: (name: string, left: string, right: string) => void): void {
  const other = new Set(theirs);
  const mine = new Set(ours);
  for (const name of mine) if (!other.has(name)) differ(name, 'present', 'absent');
  for (const name of other) if (!mine.has(name)) differ(name, 'absent', 'present');
}

/** Cookies by name (a second cookie of the same name in one answer as `name (2)`); valued attributes (Path, SameSite) by name. */
function compareCookies(ours: CookieShape[], theirs: CookieShape[], differ: (kind: DifferenceKind, subject: string, left: string, right: string) => void): void {
  const x = byName(ours);
  const y = byName(theirs);
  for (const name of x.keys()) if (!y.has(name)) differ('cookie', name, 'set', 'not set');
  for (const name of y.keys()) if (!x.has(name)) differ('cookie', name, 'not set', 'set');
  for (const [name, mine] of x) {
    const other = y.get(name);
    if (!other) continue;
    const a = attributeMap(mine.attributes);
    const b = attributeMap(other.attributes);
    for (const [attribute, value] of a) if (b.get(attribute) !== value) differ('cookie attribute', `${name} ${attribute}`, value, b.get(attribute) ?? 'absent');
    for (const [attribute, value] of b) if (!a.has(attribute)) differ('cookie attribute', `${name} ${attribute}`, 'absent', value);
  }
}

function byName(cookies: CookieShape[]): Map<string, CookieShape> {
  const named = new Map<string, CookieShape>();
  for (const cookie of cookies) {
    let name = cookie.name;
    for (let n = 2; named.has(name); n++) name = `${cookie.name} (${n})`;
    named.set(name, cookie);
  }
  return named;
}

/** `Path=/rest` → Path: /rest; `HttpOnly` → HttpOnly: present. */
function attributeMap(attributes: string[]): Map<string, string> {
  return new Map(attributes.map((attribute) => {
    const at = attribute.indexOf('=');
    return at < 0 ? [attribute, 'present'] : [attribute.slice(0, at), attribute.slice(at + 1) || '(empty)'];
  }));
}

/** `$.token string` → $.token: string (the path may hold spaces: the type is after the last); volatile fields left out. */
function fieldTypes(api: string, fields: string[] | undefined): Map<string, string> {
  const types = new Map<string, string>();
  for (const field of fields ?? []) {
    const at = field.lastIndexOf(' ');
    const path = field.slice(0, at);
    if (!ignoredField(api, path)) types.set(path, field.slice(at + 1));
  }
  return types;
}
