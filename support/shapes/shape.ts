// The shape of one exchange: what an answer looks like, never what it says. Method, the documented path
// (as the step wrote it, remembered values and settings still {{name}} and ${NAME}), status, content
// type, header names, each Set-Cookie's name and attributes, and the body's structure (JSON paths with
// their types, XML element and attribute paths). No value is kept: no secret, token, cookie value, id or
// date; the two attribute values kept (Path, SameSite) are the API's scope and policy, the same for every
// user. One pass over the body, no regular expression per value: it runs for every exchange of a
// recording run (support/shapes/collect.ts).
import { headerValues, type Exchange } from '../exchange';
import { parseXml } from '../xml';
import { COOKIE_ATTRIBUTES } from './volatile';

export interface CookieShape {
  name: string;
  /** `HttpOnly`, `Secure`, `Path=/rest`, `SameSite=Lax`, `Max-Age`, `Expires`, `Domain`: sorted. */
  attributes: string[];
}

export type BodyFormat = 'none' | 'empty' | 'text' | 'json' | 'xml' | 'malformed json' | 'malformed xml';

export interface Shape {
  method: string;
  path: string;
  /** null: no answer came (a transport error). */
  status: number | null;
  /** Media type, lower case, with `charset` (the one parameter whose value is not the answer's own). */
  contentType: string | null;
  /** Response header names, lower case, sorted; Set-Cookie is in `cookies`. */
  headers: string[];
  cookies: CookieShape[];
  body: { format: BodyFormat; fields?: string[] };
}

/** The shape of an exchange sent to `path` (the step's text before expansion). */
export function shapeOf(exchange: Exchange, path: string): Shape {
  const { response } = exchange;
  const method = exchange.request.method.toUpperCase();
  if (!response) return { method, path, status: null, contentType: null, headers: [], cookies: [], body: { format: 'none' } };
  const names = new Set<string>();
  for (const { name } of response.headers) names.add(name.toLowerCase());
  names.delete('set-cookie');
  const type = headerValues(response.headers, 'content-type')[0];
  return {
    method,
    path,
    status: response.status,
    contentType: type === undefined ? null : contentTypeShape(type),
    headers: [...names].sort(),
    cookies: headerValues(response.headers, 'set-cookie').map(cookieShape).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    body: bodyShape(response.text, type ?? ''),
  };
}

/** `Application/JSON;charset="UTF-8"` → `application/json; charset=utf-8`; other parameters by name only (a multipart boundary is a value). */
export function contentTypeShape(value: string): string {
  const [media, ...parameters] = value.split(';');
  const parts = [media!.trim().toLowerCase()];
  for (const parameter of parameters) {
    const at = parameter.indexOf('=');
    const name = (at < 0 ? parameter : parameter.slice(0, at)).trim().toLowerCase();
    if (!name) continue;
    parts.push(name === 'charset' ? `charset=${parameter.slice(at + 1).trim().replace(/^"|"$/g, '').toLowerCase()}` : name);
  }
  return parts.join('; ');
}

/** The attributes whose value is kept (support/shapes/volatile.ts says which, and why), by their lower-case name. */
const KEPT_VALUE: Record<string, string> = Object.fromEntries(COOKIE_ATTRIBUTES.filter((a) => a.kept === 'value').map((a) => [a.name.toLowerCase(), a.name]));
const CANONICAL: Record<string, string> = { domain: 'Domain', 'max-age': 'Max-Age', expires: 'Expires', secure: 'Secure', httponly: 'HttpOnly', partitioned: 'Partitioned', priority: 'Priority' };

/** `JSESSIONID=abc.tomcat1; Path=/rest; HttpOnly` → { name: JSESSIONID, attributes: [HttpOnly, Path=/rest] }. */
export function cookieShape(header: string): CookieShape {
  const [pair, ...attributes] = header.split(';');
  const at = pair!.indexOf('=');
  const kept = new Set<string>();
  for (const attribute of attributes) {
    const equals = attribute.indexOf('=');
    const raw = (equals < 0 ? attribute : attribute.slice(0, equals)).trim();
    if (!raw) continue;
    const lower = raw.toLowerCase();
    if (KEPT_VALUE[lower] !== undefined) {
      const value = equals < 0 ? '' : attribute.slice(equals + 1).trim();
      kept.add(`${KEPT_VALUE[lower]}=${lower === 'samesite' ? capitalised(value) : value}`);
    } else {
      kept.add(CANONICAL[lower] ?? nameShape(raw));
    }
  }
  return { name: nameShape((at < 0 ? '' : pair!.slice(0, at)).trim()), attributes: [...kept].sort() };
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

/**
 * A name as a shape may hold it. A key that is data, not a name (a map keyed by session id, a token used
 * as a key), would carry a value into the shape: a name of more than 64 characters, or with a run of six
 * digits or of sixteen hex digits, reads as `*`. One pass over its characters.
 */
export function nameShape(name: string): string {
  if (name.length > 64) return '*';
  let digits = 0;
  let hex = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    const isHex = digit || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 45; // 0-9 a-f A-F -
    digits = digit ? digits + 1 : 0;
    hex = isHex ? hex + 1 : 0;
    if (digits >= 6 || hex >= 16) return '*';
  }
  return name;
}

function bodyShape(text: string, contentType: string): Shape['body'] {
  if (text === '') return { format: 'empty' };
  const type = contentType.toLowerCase();
  const first = firstNonSpace(text);
  if (type.includes('json') || ((first === '{' || first === '[') && !type.includes('xml'))) {
    try {
      return { format: 'json', fields: jsonFields(JSON.parse(text)) };
    } catch {
      return { format: type.includes('json') ? 'malformed json' : 'text' };
    }
  }
  if (type.includes('xml') || first === '<') {
    try {
      return { format: 'xml', fields: xmlFields(parseXml(text)) };
    } catch {
      return { format: type.includes('xml') ? 'malformed xml' : 'text' };
    }
  }
  return { format: 'text' };
}

function firstNonSpace(text: string): string {
  for (let i = 0; i < text.length && i < 1024; i++) {
    const c = text[i]!;
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t' && c !== '\ufeff') return c;
  }
  return '';
}

/** Every JSON path with its type (`$.token string`); array elements merge into one `[]` (types joined by |). */
export function jsonFields(value: unknown): string[] {
  const types = new Map<string, Set<string>>();
  walkJson(value, '$', types);
  return joined(types);
}

function walkJson(value: unknown, path: string, types: Map<string, Set<string>>): void {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  let seen = types.get(path);
  if (!seen) types.set(path, (seen = new Set()));
  seen.add(type);
  if (type === 'array') {
    for (const item of value as unknown[]) walkJson(item, `${path}[]`, types);
  } else if (type === 'object') {
    for (const key of Object.keys(value as object)) walkJson((value as Record<string, unknown>)[key], `${path}${jsonStep(nameShape(key))}`, types);
  }
}

function jsonStep(key: string): string {
  if (key === '*') return '.*';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const word = (c >= 48 && c <= 57 && i > 0) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c === 64;
    if (!word) return `[${JSON.stringify(key)}]`;
  }
  return key === '' ? '[""]' : `.${key}`;
}

/**
 * Every XML element and attribute path (fast-xml-parser's mapping, support/xml.ts: attributes are `@name`
 * keys, an element with attributes keeps its text under `#text`, a repeated element is an array, whose
 * occurrences merge): `/session element`, `/session/sessionId text`, `/session/@id attribute`.
 */
export function xmlFields(document: Record<string, unknown>): string[] {
  const types = new Map<string, Set<string>>();
  for (const name of Object.keys(document)) walkXml(document[name], `/${nameShape(name)}`, types);
  return joined(types);
}

function walkXml(value: unknown, path: string, types: Map<string, Set<string>>): void {
  if (Array.isArray(value)) {
    for (const item of value) walkXml(item, path, types);
    return;
  }
  let seen = types.get(path);
  if (!seen) types.set(path, (seen = new Set()));
  if (value === null || typeof value !== 'object') {
    seen.add('text');
    return;
  }
  const element = value as Record<string, unknown>;
  let children = false;
  for (const key of Object.keys(element)) {
    if (key === '#text') continue;
    if (key.charCodeAt(0) === 64) {
      const attribute = `${path}/@${nameShape(key.slice(1))}`;
      if (!types.has(attribute)) types.set(attribute, new Set(['attribute']));
      continue;
    }
    children = true;
    walkXml(element[key], `${path}/${nameShape(key)}`, types);
  }
  seen.add(children || !('#text' in element) ? 'element' : 'text');
}

function joined(types: Map<string, Set<string>>): string[] {
  return [...types].map(([path, seen]) => `${path} ${[...seen].sort().join('|')}`).sort();
}
