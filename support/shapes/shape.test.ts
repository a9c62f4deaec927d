// A shape keeps the parts of an answer and none of its values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Exchange } from '../exchange';
import { contentTypeShape, cookieShape, jsonFields, nameShape, shapeOf, xmlFields } from './shape';
import { parseXml } from '../xml';

function exchange(status: number, headers: Array<[string, string]>, text: string, method = 'POST'): Exchange {
  return {
    session: 'default',
    request: { method, url: 'http://127.0.0.1:1/api/v2/sessions/12345', headers: [], jarCookies: '', body: undefined },
    response: { status, statusText: '', headers: headers.map(([name, value]) => ({ name, value })), body: Buffer.from(text), text },
    durationMs: 1,
  };
}

const SECRET_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoieCJ9.c2lnbmF0dXJlLXZhbHVl';
const COOKIE_VALUE = 'A1B2C3D4E5F6.tomcat1';

describe('the shape of an exchange', () => {
  it('keeps method, documented path, status, content type, header names, cookies and fields, and no value', () => {
    const shape = shapeOf(
      exchange(201, [
        ['Content-Type', 'application/hal+json;charset=UTF-8'],
        ['Location', 'http://127.0.0.1:1/api/v2/sessions/12345'],
        ['Set-Cookie', `JSESSIONID=${COOKIE_VALUE}; Path=/rest; HttpOnly; SameSite=lax; Max-Age=1800; Expires=Wed, 02 Dec 2026 15:00:00 GMT; Domain=vendor.example.com`],
        ['Date', 'Wed, 02 Dec 2026 14:00:00 GMT'],
      ], JSON.stringify({ id: 12345, apiToken: SECRET_TOKEN, loginDateTime: '2026-12-02T14:00:00Z', readOnly: false, logoutDateTime: null, _links: { self: { href: '/api/v2/sessions/12345' } }, roles: [{ name: 'a' }, { name: 'b', level: 2 }] })),
      '/api/v2/sessions/{{sessionId}}',
    );
    assert.deepEqual(shape, {
      method: 'POST',
      path: '/api/v2/sessions/{{sessionId}}',
      status: 201,
      contentType: 'application/hal+json; charset=utf-8',
      headers: ['content-type', 'date', 'location'],
      cookies: [{ name: 'JSESSIONID', attributes: ['Domain', 'Expires', 'HttpOnly', 'Max-Age', 'Path=/rest', 'SameSite=Lax'] }],
      body: {
        format: 'json',
        fields: [
          '$ object',
          '$._links object',
          '$._links.self object',
          '$._links.self.href string',
          '$.apiToken string',
          '$.id number',
          '$.loginDateTime string',
          '$.logoutDateTime null',
          '$.readOnly boolean',
          '$.roles array',
          '$.roles[] object',
          '$.roles[].level number',
          '$.roles[].name string',
        ],
      },
    });
    const text = JSON.stringify(shape);
    for (const value of [SECRET_TOKEN, COOKIE_VALUE, '12345', '2026', 'vendor.example.com', '1800']) assert.ok(!text.includes(value), `the shape holds ${value}`);
  });

  it('reads XML as element, text and attribute paths, repeated elements merged (fast-xml-parser via support/xml.ts)', () => {
    const xml = '<?xml version="1.0"?><session id="7"><userName>admin</userName><group><member role="x">a</member><member>b</member></group><empty/></session>';
    assert.deepEqual(xmlFields(parseXml(xml)), [
      '/session element',
      '/session/@id attribute',
      '/session/empty text',
      '/session/group element',
      '/session/group/member text',
      '/session/group/member/@role attribute',
      '/session/userName text',
    ]);
    assert.equal(shapeOf(exchange(200, [['Content-Type', 'application/xml']], xml), '/x').body.format, 'xml');
  });

  it('says what a body is when it is not JSON or XML, or is broken', () => {
    const format = (type: string, text: string) => shapeOf(exchange(200, type ? [['Content-Type', type]] : [], text), '/x').body.format;
    assert.equal(format('application/json', ''), 'empty');
    assert.equal(format('text/html', '<html><body>hi'), 'text');
    assert.equal(format('application/json', '{"a":'), 'malformed json');
    assert.equal(format('application/xml', '<a><b></a>'), 'malformed xml');
    assert.equal(format('', '  {"a": 1}'), 'json');
    assert.equal(format('text/plain', 'OK'), 'text');
  });

  it('mixes types of one path into one entry, and keys that are data read as *', () => {
    assert.deepEqual(jsonFields([1, 'a', null]), ['$ array', '$[] null|number|string']);
    assert.deepEqual(jsonFields({ '4f1c2a9e8b7d6c5a': { ok: true }, 'a.b': 1, s123456: 2 }), ['$ object', '$.* number|object', '$.*.ok boolean', '$["a.b"] number']);
    assert.equal(nameShape('userName'), 'userName');
    assert.equal(nameShape('x'.repeat(65)), '*');
    assert.equal(nameShape('550e8400-e29b-41d4-a716-446655440000'), '*');
  });

  it('keeps a cookie attribute value only for Path and SameSite, and the charset of a content type only', () => {
    assert.deepEqual(cookieShape('QCSession=abc; path=/qcbin; secure; httponly; samesite=None'), { name: 'QCSession', attributes: ['HttpOnly', 'Path=/qcbin', 'SameSite=None', 'Secure'] });
    assert.deepEqual(cookieShape('LWSSO_COOKIE_KEY=; Max-Age=0'), { name: 'LWSSO_COOKIE_KEY', attributes: ['Max-Age'] });
    assert.equal(contentTypeShape('multipart/form-data; boundary=----abc123'), 'multipart/form-data; boundary');
    assert.equal(contentTypeShape('Text/HTML; Charset="ISO-8859-1"'), 'text/html; charset=iso-8859-1');
  });

  it('records an exchange that got no answer as such', () => {
    const failed: Exchange = { session: 'default', request: { method: 'get', url: 'http://x/', headers: [], jarCookies: '', body: undefined }, error: 'refused', durationMs: 1 };
    assert.deepEqual(shapeOf(failed, '/login'), { method: 'GET', path: '/login', status: null, contentType: null, headers: [], cookies: [], body: { format: 'none' } });
  });
});
