import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSetCookie } from './cookies';
import { escapeFor, interpolate } from './interpolate';
import { readJsonPath } from './json-path';
import { decodeJwt, signHs256, verifyHs256 } from './jwt';
import { buildXml, parseXml, readXmlPath } from './xml';
import { classifyTransportError } from './errors';
import { joinUrl } from './join-url';

describe('interpolation', () => {
  const remembered = new Map<string, unknown>([['token', 'abc'], ['wrong password message', 'Data not found.'], ['n', 3]]);
  it('replaces remembered values and configuration variables', () => {
    assert.equal(interpolate('{{token}}:${USER}', remembered, { USER: 'u1' }), 'abc:u1');
    assert.equal(interpolate('{{ wrong password message }}', remembered, {}), 'Data not found.');
    assert.equal(interpolate('{{n}}', remembered, {}), '3');
  });
  it('says what was remembered when a name is unknown', () => {
    assert.throws(() => interpolate('{{tokn}}', remembered, {}), /Nothing was remembered as "tokn".*token/);
  });
  it('names the variable to set when a configuration value is missing', () => {
    assert.throws(() => interpolate('${ALM_INACTIVE_CLIENT_ID}', remembered, {}), /set ALM_INACTIVE_CLIENT_ID in \.env/);
  });
  it('writes values into a JSON or XML body so that a quote, backslash, & or < stays part of the value', () => {
    const secret = { SECRET: 'a"b\\c&d<e' };
    const json = '{"secret": "${SECRET}", "n": {{n}}}';
    assert.deepEqual(JSON.parse(interpolate(json, remembered, secret, escapeFor(undefined, json))), { secret: 'a"b\\c&d<e', n: 3 });
    const xml = '<s><p>${SECRET}</p></s>';
    assert.equal(readXmlPath(parseXml(interpolate(xml, remembered, secret, escapeFor('application/xml'))), '/s/p').found, true);
    assert.deepEqual(readXmlPath(parseXml(interpolate(xml, remembered, secret, escapeFor(undefined, xml))), '/s/p'), { found: true, value: 'a"b\\c&d<e' });
    assert.equal(interpolate('user=${SECRET}', remembered, secret, escapeFor(undefined, 'user=')), 'user=a"b\\c&d<e');
  });
});

describe('JSON paths', () => {
  const body = { user: { name: 'user1', _links: { self: { href: '/u/1' } } }, versions: [{ id: '1.0' }], 'x-y': 1 };
  it('read dotted, indexed and quoted paths', () => {
    assert.deepEqual(readJsonPath(body, '$.user.name'), { found: true, value: 'user1' });
    assert.deepEqual(readJsonPath(body, 'user._links.self.href'), { found: true, value: '/u/1' });
    assert.deepEqual(readJsonPath(body, '$.versions[0].id'), { found: true, value: '1.0' });
    assert.deepEqual(readJsonPath(body, "$['x-y']"), { found: true, value: 1 });
  });
  it('report the first missing step', () => {
    assert.deepEqual(readJsonPath(body, '$.user.email.domain'), { found: false, missing: '$.user.email' });
    assert.deepEqual(readJsonPath(body, '$.versions[3]'), { found: false, missing: '$.versions[3]' });
  });
  it('do not walk into the prototype', () => {
    assert.equal(readJsonPath({}, '$.constructor').found, false);
  });
});

describe('XML', () => {
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<session><idleTimeout>0</idleTimeout><sessionId>37366B7E.tomcat1</sessionId></session>';
  it('parses element text as strings and reads paths', () => {
    const doc = parseXml(xml);
    assert.deepEqual(readXmlPath(doc, '/session/idleTimeout'), { found: true, value: '0' });
    assert.deepEqual(readXmlPath(doc, '/session/userName'), { found: false, missing: '/session/userName' });
  });
  it('refuses a DOCTYPE and says why malformed XML is malformed', () => {
    assert.throws(() => parseXml('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'), /DOCTYPE/);
    assert.throws(() => parseXml('<session><userName>admin</session>'), /not well-formed XML \(line 1/);
    assert.throws(() => parseXml(''), /empty/);
  });
  it('builds a request body from a record', () => {
    const built = buildXml('session', { userName: 'admin', password: 'a<b' });
    assert.match(built, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<session>/);
    assert.equal(readXmlPath(parseXml(built), '/session/userName').found, true);
    assert.match(built, /a&lt;b/);
  });
});

describe('cookies', () => {
  it('parse names, values, attributes and flags', () => {
    const c = parseSetCookie('JSESSIONID=node0ogi.node0; Path=/qcbin; HttpOnly');
    assert.equal(c.name, 'JSESSIONID');
    assert.equal(c.value, 'node0ogi.node0');
    assert.equal(c.attributes.get('path'), '/qcbin');
    assert.ok(c.flags.has('httponly'));
    assert.equal(c.expiresSession, false);
  });
  it('recognise a cookie being deleted', () => {
    assert.equal(parseSetCookie('QCSession=""; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/').expiresSession, true);
    assert.equal(parseSetCookie('JSESSIONID=; Path=/rest; Max-Age=0').expiresSession, true);
  });
});

describe('JWT', () => {
  it('signs, verifies and decodes HS256', () => {
    const token = signHs256({ user: 'user_test', exp: 1628605206 }, 'key');
    assert.ok(verifyHs256(token, 'key'));
    assert.ok(!verifyHs256(`${token}x`, 'key'));
    for (const last of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') {
      if (last !== token.at(-1)) assert.ok(!verifyHs256(token.slice(0, -1) + last, 'key'), `last character ${last} accepted`);
    }
    assert.deepEqual(decodeJwt(token), { header: { typ: 'JWT', alg: 'HS256' }, payload: { user: 'user_test', exp: 1628605206 } });
  });
  it('decodes the seed example token', () => {
    const seed = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoidXNlcl90ZXN0IiwiZXhwIjoxNjI4NjA1MjA2fQ.sFG8WK8b509wAKSilBylyavIQr_yBuz4vueyzogMjZo';
    assert.deepEqual(decodeJwt(seed).payload, { user: 'user_test', exp: 1628605206 });
  });
  it('says why a value is not a JWT', () => {
    assert.throws(() => decodeJwt('abc'), /3/);
  });
});

describe('URLs and transport errors', () => {
  it('join a base URL with a path prefix and a documented path without resolving it', () => {
    assert.equal(joinUrl('https://gw.example.com/alm', '/qcbin/rest/oauth2/login'), 'https://gw.example.com/alm/qcbin/rest/oauth2/login');
    assert.equal(joinUrl('http://127.0.0.1:1/', '/api/rest/1.0//sessions'), 'http://127.0.0.1:1/api/rest/1.0//sessions');
  });
  it('classify network failures by code', () => {
    assert.equal(classifyTransportError(new Error('apiRequestContext.fetch: connect ECONNREFUSED 127.0.0.1:9\nCall log:\n  - Authorization: Basic x')).kind, 'refused');
    assert.equal(classifyTransportError(new Error('getaddrinfo ENOTFOUND nowhere.invalid')).kind, 'dns');
    assert.equal(classifyTransportError(new Error('Request timed out after 100ms')).kind, 'timeout');
    assert.equal(classifyTransportError(new Error('read ECONNRESET')).kind, 'reset');
  });
});
