// The bad-input corpus: generators of hostile variations of one valid request (malformed and truncated
// JSON and XML, DOCTYPEs and entity bombs, prototype keys, oversize bodies, wrong Content-Types, broken
// Basic auth, duplicated, empty, non-ASCII and 8 KB headers, unknown methods and paths, broken framing).
// Shared generators cover the common shapes; each endpoint adds the ones for where its credentials sit.
import type { Credential, Endpoint } from './endpoints';
import { serialise, type WireRequest } from './wire';

export type Family = 'json' | 'xml' | 'body' | 'content-type' | 'header' | 'credential' | 'method' | 'path' | 'protocol';

export interface Built {
  request?: WireRequest;
  /** Bytes no well-behaved client would write; sent as they are. */
  raw?: Buffer;
  /** Pipelined requests: how many answers, and which are answers to HEAD. */
  answers?: number;
  heads?: boolean[];
}

export interface Mutation {
  family: Family;
  name: string;
  /** A server may accept it (2xx). False: only a documented 4xx is right. */
  mayPass: boolean;
  /** Only these statuses are right (413 for an oversize body, 400 for broken framing). */
  expect?: number[];
  /** The client hangs up after writing, so a missing answer is no dropped connection. */
  clientAborts?: boolean;
  build(base: WireRequest): Built;
}

const KB8 = 'k'.repeat(8 * 1024);
const NON_ASCII = 'Jörg Ångström 日本語 \u{1F600}';
const MB = 1024 * 1024;

// ---- helpers over a baseline request -----------------------------------------------------------

function copy(base: WireRequest): WireRequest {
  return { ...base, headers: base.headers.map(([n, v]) => [n, v] as [string, string]) };
}

/** Replaces every header of that name (case-insensitive) by the given values, in place of the first. */
export function withHeader(base: WireRequest, name: string, ...values: string[]): WireRequest {
  const request = copy(base);
  const at = request.headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
  const others = request.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
  const added = values.map((value) => [name, value] as [string, string]);
  others.splice(at < 0 ? others.length : at, 0, ...added);
  request.headers = others;
  return request;
}

export function headerOf(base: WireRequest, name: string): string | undefined {
  return base.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

function withBody(base: WireRequest, body: Buffer | string, contentType?: string): WireRequest {
  const request = contentType === undefined ? copy(base) : withHeader(base, 'Content-Type', contentType);
  request.body = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'DELETE') request.autoLength = true;
  return request;
}

/** Rewrites the serialised request head (request line and headers) as text; the body stays as it is. */
function rawHead(base: WireRequest, edit: (head: string) => string, body?: Buffer): Buffer {
  const bytes = serialise(base);
  const split = bytes.indexOf('\r\n\r\n') + 4;
  return Buffer.concat([Buffer.from(edit(bytes.subarray(0, split).toString('utf8')), 'utf8'), body ?? bytes.subarray(split)]);
}

function baseJson(base: WireRequest): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(base.body?.toString('utf8') ?? '');
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { probe: 1 };
  } catch {
    return { probe: 1 };
  }
}

function baseText(base: WireRequest, fallback: string): string {
  return base.body && base.body.length > 0 ? base.body.toString('utf8') : fallback;
}

const SAMPLE_XML = '<?xml version="1.0" encoding="UTF-8"?><session><userName>someone</userName><password>secret-ish</password></session>';

// ---- shared generators -------------------------------------------------------------------------

/** Broken or hostile JSON, sent as application/json. */
export function jsonBodies(readsJson: boolean): Mutation[] {
  const bodies: Array<[name: string, make: (base: WireRequest) => Buffer | string, mayPass?: boolean]> = [
    ['malformed object', () => '{"a":'],
    ['truncated baseline', (base) => baseText(base, '{"probe": 1}').slice(0, Math.max(1, Math.floor(baseText(base, '{"probe": 1}').length / 2)))],
    ['trailing garbage', (base) => `${baseText(base, '{}')}}}garbage`],
    ['an array', () => '[]'],
    ['null', () => 'null'],
    ['a bare string', () => '"just a string"'],
    ['a huge number', () => '1e999999'],
    ['unterminated string', () => '{"a": "never ends'],
    ['single quotes', () => "{'a': 'b'}"],
    ['comments', () => '{/* comment */ "a": 1}'],
    ['NaN and Infinity', () => '{"a": NaN, "b": Infinity}'],
    ['100 000 nested arrays', () => '['.repeat(100_000)],
    ['5 000 nested objects, well-formed', () => `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
    ['invalid UTF-8 bytes', () => Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])],
    ['NUL bytes', () => Buffer.from('{"a":\u0000\u0000"b"}', 'utf8')],
    ['empty body', () => ''],
    ['whitespace only', () => ' \r\n\t '],
    ['UTF-16LE encoded', (base) => Buffer.from(baseText(base, '{"probe": 1}'), 'utf16le')],
    ['lone surrogate escapes', () => '{"a": "\\ud800\\udc00\\ud800"}'],
    ['900 KB string value', () => JSON.stringify({ filler: 'x'.repeat(900 * 1024) })],
    ['__proto__ carrying the fields', (base) => `{"__proto__": ${JSON.stringify(baseJson(base))}}`],
    ['constructor.prototype carrying the fields', (base) => JSON.stringify({ constructor: { prototype: baseJson(base) } })],
  ];
  return bodies.map(([name, make, mayPass]) => ({
    family: 'json',
    name,
    mayPass: mayPass ?? !readsJson,
    build: (base) => ({ request: withBody(base, make(base), 'application/json') }),
  }));
}

/** Broken or hostile XML, sent as application/xml: entity bombs and external entities above all. */
export function xmlBodies(readsXml: boolean): Mutation[] {
  const laughs = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE lolz [<!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
    ']>',
    '<session><userName>&lol9;</userName><password>x</password></session>',
  ].join('');
  const bodies: Array<[name: string, make: (base: WireRequest) => string | Buffer]> = [
    ['malformed', () => '<session><userName>a</userName'],
    ['truncated baseline', (base) => { const text = baseText(base, SAMPLE_XML); return text.slice(0, Math.floor(text.length / 2)); }],
    ['external entity (XXE)', () => '<?xml version="1.0"?><!DOCTYPE session [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><session><userName>&xxe;</userName><password>x</password></session>'],
    ['billion laughs', () => laughs],
    ['quadratic blow-up', () => `<!DOCTYPE s [<!ENTITY a "${'a'.repeat(50_000)}">]><session><userName>${'&a;'.repeat(10_000)}</userName></session>`],
    ['external DTD', () => '<?xml version="1.0"?><!DOCTYPE session SYSTEM "http://127.0.0.1:9/evil.dtd"><session/>'],
    ['parameter entity', () => '<!DOCTYPE s [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]><session/>'],
    ['unclosed CDATA', () => '<session><userName><![CDATA[abc</userName></session>'],
    ['unclosed comment', () => '<session><!-- never closed <userName>a</userName></session>'],
    ['mismatched tags', () => '<session><userName>a</password></session>'],
    ['two root elements', () => '<session></session><session></session>'],
    ['50 000 nested elements', () => `${'<a>'.repeat(50_000)}${'</a>'.repeat(50_000)}`],
    ['10 000 attributes', () => `<session ${Array.from({ length: 10_000 }, (_, i) => `a${i}="${i}"`).join(' ')}/>`],
    ['unknown entity', () => '<session><userName>&nope;</userName><password>x</password></session>'],
    ['declaration only', () => '<?xml version="1.0" encoding="UTF-8"?>'],
    ['invalid UTF-8 bytes', () => Buffer.concat([Buffer.from('<session><userName>'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('</userName></session>')])],
    ['an HTML page', () => '<!doctype html><html><body><form><input name="password"></form></body></html>'],
  ];
  return bodies.map(([name, make]) => ({
    family: 'xml',
    name,
    mayPass: !readsXml,
    build: (base) => ({ request: withBody(base, make(base), 'application/xml') }),
  }));
}

/** Bodies of the wrong kind or size. Over 1 MB the host must answer 413, whatever the endpoint. */
export function otherBodies(readsBody: boolean): Mutation[] {
  return [
    { family: 'body', name: 'body of 1 MB + 1 byte', mayPass: false, expect: [413], build: (base) => ({ request: withBody(base, Buffer.alloc(MB + 1, 0x61)) }) },
    { family: 'body', name: 'body of 5 MB', mayPass: false, expect: [413], build: (base) => ({ request: withBody(base, Buffer.alloc(5 * MB, 0x7b)) }) },
    { family: 'body', name: 'chunked body over 1 MB', mayPass: false, expect: [413], build: (base) => ({ raw: chunked(withHeader(base, 'Transfer-Encoding', 'chunked'), Buffer.alloc(MB + 10, 0x61)) }) },
    { family: 'body', name: 'form-encoded body', mayPass: !readsBody, build: (base) => ({ request: withBody(base, 'username=a&password=b&__proto__[x]=1', 'application/x-www-form-urlencoded') }) },
    { family: 'body', name: 'multipart body', mayPass: !readsBody, build: (base) => ({ request: withBody(base, '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n', 'multipart/form-data; boundary=b') }) },
    { family: 'body', name: '64 KB of random bytes', mayPass: !readsBody, build: (base) => ({ request: withBody(base, randomish(64 * 1024), 'application/octet-stream') }) },
    { family: 'body', name: 'valid body sent chunked', mayPass: true, build: (base) => ({ raw: chunked(withHeader(base, 'Transfer-Encoding', 'chunked'), base.body ?? Buffer.alloc(0)) }) },
  ];
}

/** The baseline body with a missing, wrong, empty, duplicated or odd Content-Type. */
export function contentTypes(readsBody: boolean, own: string): Mutation[] {
  const other = /xml/.test(own) ? 'application/json' : 'application/xml';
  const types: Array<[name: string, values: string[], mayPass?: boolean]> = [
    ['missing', []],
    ['text/plain', ['text/plain']],
    ['the other format', [other]],
    ['empty', ['']],
    ['garbage', [';;;/=;']],
    ['wildcard', ['*/*']],
    ['the right one twice', [own, own], true],
    ['two different ones', [own, other]],
    ['upper case', [own.toUpperCase()], true],
    ['charset=utf-16 on a UTF-8 body', [`${own}; charset=utf-16`], true],
    ['an 8 KB parameter', [`${own}; x=${KB8}`], true],
    ['non-ASCII parameter', [`${own}; charset=${NON_ASCII}`], true],
  ];
  return types.map(([name, values, mayPass]) => ({
    family: 'content-type',
    name,
    mayPass: mayPass ?? !readsBody,
    build: (base) => ({ request: withHeader(base.body ? base : withBody(base, '{"probe": 1}'), 'Content-Type', ...values) }),
  }));
}

/** Headers that have nothing to do with the credentials. */
export function headers(): Mutation[] {
  const extra = (name: string, build: (base: WireRequest) => WireRequest, mayPass = true, expect?: number[]): Mutation => ({
    family: 'header',
    name,
    mayPass,
    ...(expect ? { expect } : {}),
    build: (base) => ({ request: build(base) }),
  });
  const add = (base: WireRequest, ...pairs: Array<[string, string]>) => ({ ...base, headers: [...base.headers, ...pairs] });
  return [
    extra('an 8 KB unknown header', (base) => add(base, ['X-Robustness', KB8])),
    extra('100 extra headers', (base) => add(base, ...Array.from({ length: 100 }, (_, i): [string, string] => [`X-Extra-${i}`, String(i)]))),
    extra('an empty unknown header', (base) => add(base, ['X-Empty', ''])),
    extra('a non-ASCII unknown header', (base) => add(base, ['X-Name', NON_ASCII])),
    extra('Accept garbage', (base) => withHeader(base, 'Accept', ';;;q=abc,,*/*;q=-1')),
    extra('Accept application/pdf', (base) => withHeader(base, 'Accept', 'application/pdf')),
    extra('Accept 8 KB', (base) => withHeader(base, 'Accept', `application/json;q=0.5, ${KB8}`)),
    extra('Host missing', (base) => withHeader(base, 'Host'), false, [400]),
    extra('Host garbage', (base) => withHeader(base, 'Host', '<script>:99999')),
    extra('Host twice', (base) => withHeader(base, 'Host', '127.0.0.1', 'evil.example')),
    extra('X-Forwarded-For junk', (base) => add(base, ['X-Forwarded-For', `${KB8.slice(0, 200)}, ::ffff:999.1.1.1`])),
    extra('header block over 16 KB', (base) => add(base, ['X-A', KB8], ['X-B', KB8], ['X-C', KB8]), false, [431]),
    extra('Expect: 100-continue', (base) => add(base, ['Expect', '100-continue'])),
    extra('Upgrade: websocket', (base) => add(base, ['Connection', 'Upgrade'], ['Upgrade', 'websocket'])),
    extra('Accept-Encoding gzip only', (base) => withHeader(base, 'Accept-Encoding', 'gzip;q=1, identity;q=0')),
  ];
}

/** Methods the path does not route, unknown and malformed ones, and HEAD. */
export function methods(endpoint: Endpoint): Mutation[] {
  const known = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE', 'SEARCH', 'MKCOL'];
  const routed = known.filter((m) => endpoint.methods.includes(m));
  const list: Mutation[] = known.map((method) => ({
    family: 'method',
    name: `${method} instead`,
    mayPass: routed.includes(method),
    build: (base) => ({ request: { ...copy(base), method }, heads: [method === 'HEAD'] }),
  }));
  const line = (name: string, method: string): Mutation => ({
    family: 'method',
    name,
    mayPass: false,
    expect: [400],
    build: (base) => ({ raw: rawHead(base, (head) => head.replace(/^\S+/, method)) }),
  });
  list.push(line('unknown method FOO', 'FOO'), line('lower-case method', 'get'), line('a 300-character method', 'X'.repeat(300)), line('method with a NUL', 'GE\u0000T'));
  return list;
}

/** Unknown, long, encoded and odd request targets. */
export function paths(): Mutation[] {
  const target = (name: string, edit: (path: string) => string, mayPass: boolean): Mutation => ({
    family: 'path',
    name,
    mayPass,
    build: (base) => ({ raw: rawHead(base, (head) => head.replace(/^(\S+) (\S+)/, (_, m: string, p: string) => `${m} ${edit(p)}`)) }),
  });
  const pathOnly = (p: string) => p.split('?')[0]!;
  const query = (p: string) => (p.includes('?') ? `?${p.split('?')[1]}` : '');
  return [
    target('unknown path', () => '/robustness/nowhere', false),
    target('root', () => '/', false),
    target('a trailing slash', (p) => `${pathOnly(p)}/${query(p)}`, true),
    target('dot segments', (p) => `/robustness/..${p}`, true),
    target('encoded dot segments', (p) => `/robustness/%2e%2e${p}`, true),
    target('an encoded NUL', (p) => `${pathOnly(p)}%00${query(p)}`, false),
    target('invalid percent-encoding', (p) => `${pathOnly(p)}%zz${query(p)}`, false),
    target('an 8 KB path', (p) => `${pathOnly(p)}/${KB8}`, false),
    target('an 8 KB query', (p) => `${p}${p.includes('?') ? '&' : '?'}q=${KB8}`, true),
    target('a repeated query parameter', (p) => `${p}${p.includes('?') ? '&' : '?'}version=9.9&version=`, true),
    target('non-ASCII bytes in the path', (p) => `${pathOnly(p)}/${NON_ASCII.replace(/ /g, '')}`, false),
    target('absolute-form target', (p) => `http://evil.example${p}`, true),
    target('asterisk-form target', () => '*', false),
    target('no leading slash', (p) => p.replace(/^\/+/, ''), false),
    target('a fragment', (p) => `${p}#fragment`, true),
    target('leading double slash', (p) => `//${p.replace(/^\/+/, '')}`, true),
    target('backslashes', (p) => p.replace(/\//g, '\\'), false),
    target('__proto__ as a path segment', () => `/__proto__/constructor/prototype`, false),
  ];
}

/** Broken HTTP framing, sent as raw bytes. */
export function protocol(readsBody: boolean): Mutation[] {
  const raw = (name: string, edit: (base: WireRequest) => Buffer, mayPass: boolean, expect?: number[], clientAborts?: boolean): Mutation => ({
    family: 'protocol',
    name,
    mayPass,
    ...(expect ? { expect } : {}),
    ...(clientAborts ? { clientAborts } : {}),
    build: (base) => ({ raw: edit(base) }),
  });
  return [
    raw('a garbage request line', () => Buffer.from('\u0001\u0002 garbage\r\n\r\n'), false, [400]),
    raw('HTTP/1.0 without Host', (base) => rawHead(withHeader(base, 'Host'), (h) => h.replace(/HTTP\/1\.1\r\n/, 'HTTP/1.0\r\n')), true),
    raw('HTTP/9.9', (base) => rawHead(base, (h) => h.replace(/HTTP\/1\.1\r\n/, 'HTTP/9.9\r\n')), false, [400]),
    raw('a header line without a colon', (base) => rawHead(base, (h) => h.replace(/\r\n\r\n$/, '\r\nNoColonHere\r\n\r\n')), false, [400]),
    raw('a space before the colon', (base) => rawHead(base, (h) => h.replace(/\r\n\r\n$/, '\r\nX-Bad : 1\r\n\r\n')), false, [400]),
    raw('an obsolete folded header', (base) => rawHead(base, (h) => h.replace(/\r\n\r\n$/, '\r\nX-Folded: a\r\n  b\r\n\r\n')), true),
    raw('a control character in a header value', (base) => rawHead(base, (h) => h.replace(/\r\n\r\n$/, '\r\nX-Ctl: a\u0001b\r\n\r\n')), false, [400]),
    raw('bare LF line endings', (base) => rawHead(base, (h) => h.replace(/\r\n/g, '\n')), true),
    raw('Content-Length and Transfer-Encoding (smuggling)', (base) => rawHead(withHeader(base, 'Content-Length', '4'), (h) => h.replace(/\r\n\r\n$/, '\r\nTransfer-Encoding: chunked\r\n\r\n'), Buffer.from('0\r\n\r\n')), false, [400]),
    raw('two different Content-Lengths', (base) => rawHead(withHeader(base, 'Content-Length', '1', '2'), (h) => h, Buffer.from('ab')), false, [400]),
    raw('a negative Content-Length', (base) => rawHead(withHeader(base, 'Content-Length', '-1'), (h) => h, Buffer.alloc(0)), false, [400]),
    raw('a non-numeric Content-Length', (base) => rawHead(withHeader(base, 'Content-Length', 'ten'), (h) => h, Buffer.alloc(0)), false, [400]),
    raw('a bad chunk size', (base) => rawHead(withHeader(base, 'Transfer-Encoding', 'chunked'), (h) => h, Buffer.from('zz\r\nabc\r\n0\r\n\r\n')), false, [400]),
    raw('Content-Length shorter than the body', (base) => rawHead(withHeader(base, 'Content-Length', '3'), (h) => h, Buffer.concat([base.body ?? Buffer.from('{"probe": 1}'), Buffer.from('GARBAGE')])), !readsBody),
    raw('Content-Length longer than the body, then the client hangs up', (base) => rawHead(withHeader(base, 'Content-Length', '100000'), (h) => h, base.body ?? Buffer.from('{}')), true, undefined, true),
    {
      family: 'protocol',
      name: 'the valid request pipelined twice',
      mayPass: true,
      build: (base) => ({ raw: Buffer.concat([serialise(withHeader(base, 'Connection', 'keep-alive')), serialise(base)]), answers: 2 }),
    },
  ];
}

// ---- credentials: where each endpoint keeps its secret -----------------------------------------

function cookiePairs(header: string | undefined): Array<[string, string]> {
  return (header ?? '').split(';').map((part) => part.trim()).filter(Boolean).map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
  });
}

function withCookie(base: WireRequest, name: string, value: string | undefined): WireRequest {
  const pairs = cookiePairs(headerOf(base, 'Cookie'));
  const kept = pairs.filter(([n]) => n !== name);
  const next = value === undefined ? kept : [...kept, [name, value] as [string, string]];
  return next.length ? withHeader(base, 'Cookie', next.map(([n, v]) => `${n}=${v}`).join('; ')) : withHeader(base, 'Cookie');
}

function withJsonField(base: WireRequest, edit: (fields: Record<string, unknown>) => string): WireRequest {
  return withBody(base, edit({ ...baseJson(base) }));
}

function withXmlField(base: WireRequest, field: string, element: string | undefined): WireRequest {
  const text = baseText(base, SAMPLE_XML);
  const pattern = new RegExp(`<${field}>[\\s\\S]*?</${field}>`);
  return withBody(base, text.replace(pattern, element ?? ''));
}

const changed = (value: string) => `${value}-not-it`;

export function credentialMutations(credential: Credential, refuses: boolean): Mutation[] {
  const m = (name: string, build: (base: WireRequest) => WireRequest, mayPass = !refuses): Mutation => ({ family: 'credential', name, mayPass: mayPass || !refuses, build: (base) => ({ request: build(base) }) });
  switch (credential.where) {
    case 'header': {
      const h = credential.name;
      const value = (base: WireRequest) => headerOf(base, h) ?? '';
      return [
        m(`${h}: missing`, (base) => withHeader(base, h)),
        m(`${h}: empty`, (base) => withHeader(base, h, '')),
        m(`${h}: wrong`, (base) => withHeader(base, h, changed(value(base)))),
        m(`${h}: non-ASCII`, (base) => withHeader(base, h, NON_ASCII)),
        m(`${h}: 8 KB`, (base) => withHeader(base, h, KB8)),
        m(`${h}: twice, the same`, (base) => withHeader(base, h, value(base), value(base)), true),
        m(`${h}: twice, a wrong one first`, (base) => withHeader(base, h, changed(value(base)), value(base))),
        m(`${h}: name in lower case`, (base) => ({ ...withHeader(base, h), headers: [...withHeader(base, h).headers, [h.toLowerCase(), value(base)]] }), true),
        m(`${h}: padded with spaces`, (base) => withHeader(base, h, `   ${value(base)}   `), true),
        m(`${h}: a JWT with alg none`, (base) => withHeader(base, h, `${b64url('{"alg":"none","typ":"JWT"}')}.${b64url('{"user":"user_test","exp":9999999999}')}.`)),
        m(`${h}: its last character changed`, (base) => withHeader(base, h, `${value(base).slice(0, -1)}${value(base).endsWith('A') ? 'B' : 'A'}`)),
        m(`${h}: three dots`, (base) => withHeader(base, h, '...')),
        m(`${h}: JWT-shaped, the payload not JSON`, (base) => withHeader(base, h, `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('not json')}.${b64url('sig')}`)),
        m(`${h}: JWT-shaped, the header a JSON array`, (base) => withHeader(base, h, `${b64url('[1,2]')}.${b64url('{"exp":"soon","user":{"__proto__":{"admin":true}}}')}.x`)),
      ];
    }
    case 'basic': {
      const auth = (base: WireRequest) => headerOf(base, 'Authorization') ?? '';
      const encoded = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;
      return [
        m('Authorization: missing', (base) => withHeader(base, 'Authorization')),
        m('Authorization: empty', (base) => withHeader(base, 'Authorization', '')),
        m('Authorization: the scheme alone', (base) => withHeader(base, 'Authorization', 'Basic')),
        m('Authorization: "Basic " and nothing', (base) => withHeader(base, 'Authorization', 'Basic ')),
        m('Basic without a colon', (base) => withHeader(base, 'Authorization', encoded('userwithoutcolon'))),
        m('Basic with broken base64', (base) => withHeader(base, 'Authorization', 'Basic !!!not*base64!!!')),
        m('Basic with bad padding', (base) => withHeader(base, 'Authorization', 'Basic YWJjOmRlZg=')),
        m('Basic of a colon alone', (base) => withHeader(base, 'Authorization', encoded(':'))),
        m('Basic with a wrong password', (base) => withHeader(base, 'Authorization', encoded(`${decodeBasic(auth(base)).user}:${changed(decodeBasic(auth(base)).password)}`))),
        m('Basic with a non-ASCII user', (base) => withHeader(base, 'Authorization', encoded(`${NON_ASCII}:${decodeBasic(auth(base)).password}`))),
        m('Basic with a NUL in the user', (base) => withHeader(base, 'Authorization', encoded(`${decodeBasic(auth(base)).user}\u0000:${decodeBasic(auth(base)).password}`))),
        m('Basic of 8 KB', (base) => withHeader(base, 'Authorization', encoded(`${KB8.slice(0, 6000)}:x`))),
        m('Bearer instead of Basic', (base) => withHeader(base, 'Authorization', `Bearer ${auth(base).replace(/^Basic /i, '')}`)),
        m('another scheme', (base) => withHeader(base, 'Authorization', 'Digest username="a", realm="b", nonce="c", response="d"')),
        m('the scheme in lower case', (base) => withHeader(base, 'Authorization', auth(base).replace(/^Basic/, 'basic')), true),
        m('Authorization twice, the same', (base) => withHeader(base, 'Authorization', auth(base), auth(base)), true),
        m('Authorization twice, a wrong one first', (base) => withHeader(base, 'Authorization', encoded('nobody:nothing'), auth(base))),
      ];
    }
    case 'cookie': {
      const c = credential.name;
      const value = (base: WireRequest) => cookiePairs(headerOf(base, 'Cookie')).find(([n]) => n === c)?.[1] ?? '';
      return [
        m(`${c}: missing`, (base) => withCookie(base, c, undefined)),
        m(`${c}: empty`, (base) => withCookie(base, c, '')),
        m(`${c}: wrong`, (base) => withCookie(base, c, changed(value(base)))),
        m(`${c}: 8 KB`, (base) => withCookie(base, c, KB8)),
        m(`${c}: non-ASCII`, (base) => withCookie(base, c, NON_ASCII)),
        m(`${c}: quoted`, (base) => withCookie(base, c, `"${value(base)}x"`)),
        m(`${c}: name in lower case`, (base) => withCookie(withCookie(base, c, undefined), c.toLowerCase(), value(base))),
        m('Cookie: garbage', (base) => withHeader(base, 'Cookie', ';;; = ;=;==;')),
        m('Cookie: a bare value without a name', (base) => withHeader(base, 'Cookie', 'not-a-session-id')),
        m('Cookie: 300 other cookies before it', (base) => withHeader(base, 'Cookie', `${Array.from({ length: 300 }, (_, i) => `c${i}=${i}`).join('; ')}; ${headerOf(base, 'Cookie') ?? ''}`), true),
        m('Cookie header twice, the same', (base) => withHeader(base, 'Cookie', headerOf(base, 'Cookie') ?? '', headerOf(base, 'Cookie') ?? ''), true),
        m(`Cookie header twice, a wrong ${c} first`, (base) => withHeader(base, 'Cookie', `${c}=${changed(value(base))}`, headerOf(base, 'Cookie') ?? '')),
        m('Cookie: __proto__ and constructor', (base) => withHeader(base, 'Cookie', `__proto__=${value(base)}; constructor=${value(base)}`)),
      ];
    }
    case 'json': {
      const f = credential.field;
      const set = (value: unknown) => (base: WireRequest) => withJsonField(base, (fields) => JSON.stringify({ ...fields, [f]: value }));
      const current = (base: WireRequest) => String(baseJson(base)[f] ?? '');
      return [
        m(`${f}: missing`, (base) => withJsonField(base, (fields) => { delete fields[f]; return JSON.stringify(fields); })),
        m(`${f}: null`, set(null)),
        m(`${f}: a number`, set(12345)),
        m(`${f}: an object`, set({ $ne: null })),
        m(`${f}: an array`, set(['a', 'b'])),
        m(`${f}: true`, set(true)),
        m(`${f}: empty`, set('')),
        m(`${f}: wrong`, (base) => set(changed(current(base)))(base)),
        m(`${f}: non-ASCII`, set(NON_ASCII)),
        m(`${f}: 8 KB`, set(KB8)),
        m(`${f}: with a NUL`, (base) => set(`${current(base)}\u0000`)(base)),
        m(`${f}: only under __proto__`, (base) => withJsonField(base, (fields) => { const value = fields[f]; delete fields[f]; return `{${Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}, `).join('')}"__proto__": {${JSON.stringify(f)}: ${JSON.stringify(value)}}}`; })),
        m(`${f}: only under constructor.prototype`, (base) => withJsonField(base, (fields) => { const value = fields[f]; delete fields[f]; return JSON.stringify({ ...fields, constructor: { prototype: { [f]: value } } }); })),
        m(`${f}: twice, the wrong one last`, (base) => withJsonField(base, (fields) => `${JSON.stringify(fields).slice(0, -1)}, ${JSON.stringify(f)}: ${JSON.stringify(changed(current(base)))}}`)),
        m(`${f}: twice, the right one last`, (base) => withJsonField(base, (fields) => `{${JSON.stringify(f)}: "wrong", ${JSON.stringify(fields).slice(1)}`), true),
        m(`${f}: written with \\u escapes`, (base) => withJsonField(base, (fields) => JSON.stringify(fields).replace(JSON.stringify(current(base)), `"${[...current(base)].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`)), true),
        m('valid fields plus a __proto__ key', (base) => withJsonField(base, (fields) => `${JSON.stringify(fields).slice(0, -1)}, "__proto__": {"admin": true, "polluted": "yes"}}`), true),
        m('valid fields plus a constructor key', (base) => withJsonField(base, (fields) => JSON.stringify({ ...fields, constructor: { prototype: { polluted: 'yes' } } })), true),
      ];
    }
    case 'xml': {
      const f = credential.field;
      const current = (base: WireRequest) => new RegExp(`<${f}>([\\s\\S]*?)</${f}>`).exec(baseText(base, SAMPLE_XML))?.[1] ?? '';
      return [
        m(`<${f}>: missing`, (base) => withXmlField(base, f, undefined)),
        m(`<${f}>: empty`, (base) => withXmlField(base, f, `<${f}></${f}>`)),
        m(`<${f}>: self-closing`, (base) => withXmlField(base, f, `<${f}/>`)),
        m(`<${f}>: wrong`, (base) => withXmlField(base, f, `<${f}>${changed(current(base))}</${f}>`)),
        m(`<${f}>: non-ASCII`, (base) => withXmlField(base, f, `<${f}>${NON_ASCII}</${f}>`)),
        m(`<${f}>: 8 KB`, (base) => withXmlField(base, f, `<${f}>${KB8}</${f}>`)),
        m(`<${f}>: twice`, (base) => withXmlField(base, f, `<${f}>${current(base)}</${f}><${f}>other</${f}>`)),
        m(`<${f}>: as an attribute`, (base) => withXmlField(base, f, `<x ${f}="${current(base)}"/>`)),
        m(`<${f}>: nested element`, (base) => withXmlField(base, f, `<${f}><b>${current(base)}</b></${f}>`)),
        m(`<${f}>: an unknown entity`, (base) => withXmlField(base, f, `<${f}>&secret;</${f}>`)),
        m(`<${f}>: character references`, (base) => withXmlField(base, f, `<${f}>${[...current(base)].map((ch) => `&#${ch.codePointAt(0)};`).join('')}</${f}>`), true),
        m(`<${f}>: in CDATA`, (base) => withXmlField(base, f, `<${f}><![CDATA[${current(base)}]]></${f}>`), true),
        m(`<${f}>: an attribute on the element`, (base) => withXmlField(base, f, `<${f} xmlns:x="urn:x" x:a="1">${current(base)}</${f}>`), true),
      ];
    }
  }
}

/** Every bad input for one endpoint. */
export function corpusFor(endpoint: Endpoint): Mutation[] {
  const readsBody = endpoint.reads !== 'nothing';
  const own = endpoint.reads === 'xml' ? 'application/xml' : endpoint.reads === 'json' ? 'application/json' : 'application/json';
  return [
    ...jsonBodies(endpoint.reads === 'json' || endpoint.reads === 'xml'),
    ...xmlBodies(readsBody),
    ...otherBodies(readsBody),
    ...contentTypes(readsBody, own),
    ...headers(),
    ...endpoint.credentials.flatMap((credential) => credentialMutations(credential, endpoint.refusesBadCredentials)),
    ...methods(endpoint),
    ...paths(),
    ...protocol(readsBody),
  ];
}

// ---- small utilities ---------------------------------------------------------------------------

function chunked(base: WireRequest, body: Buffer): Buffer {
  const head = serialise({ ...base, body: undefined, autoLength: false });
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += 64 * 1024) {
    const part = body.subarray(offset, offset + 64 * 1024);
    chunks.push(Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n'));
  }
  return Buffer.concat([head, ...chunks, Buffer.from('0\r\n\r\n')]);
}

function randomish(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  let x = 0x2545f491;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

function b64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

function decodeBasic(header: string): { user: string; password: string } {
  const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? { user: decoded, password: '' } : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
