import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiTarget } from '../config';
import type { Exchange } from '../exchange';
import { interpolateTraced } from '../interpolate';
import { readJsonPath } from '../json-path';
import type { HeaderLine } from '../redact';
import { parseXml, readXmlPath } from '../xml';
import { joinTraced, originOf, Provenance } from './provenance';

const base = { name: 'X_BASE_URL', value: 'http://h:1/pre' };
const text = (segments: { text: string }[] | undefined) => segments?.map((segment) => segment.text).join('');

function answered(body: string, headers: HeaderLine[] = []): Exchange {
  return {
    session: 'default',
    request: { method: 'POST', url: 'http://h:1/pre/login', headers: [], jarCookies: '', body: undefined },
    response: { status: 201, statusText: 'Created', headers, body: Buffer.from(body), text: body },
    durationMs: 1,
  };
}

describe('request provenance', () => {
  it('joins the base URL variable and the path as joinUrl does, a leading value keeping its own slash', () => {
    const link = { text: '/api/v2/sessions/7', from: { remembered: 'session link' }, value: '/api/v2/sessions/7' };
    assert.deepEqual(joinTraced(base, [{ text: '//login' }], 'http://h:1/pre/login'), [{ text: 'http://h:1/pre', from: { variable: 'X_BASE_URL' }, value: 'http://h:1/pre' }, { text: '/login' }]);
    assert.deepEqual(joinTraced(base, [link], 'http://h:1/pre/api/v2/sessions/7')?.slice(1), [link]);
    assert.equal(text(joinTraced(base, [{ text: 'a/' }, { text: '42', from: { remembered: 'id' }, value: '42' }], 'http://h:1/pre/a/42')), 'http://h:1/pre/a/42');
    assert.deepEqual(joinTraced(base, [{ text: 'https://other/x' }], 'https://other/x'), [{ text: 'https://other/x' }]);
    // A value starting "//" loses a slash to joinUrl, which no shell variable can: shown as the URL it is.
    assert.equal(joinTraced(base, [{ text: '//x', from: { remembered: 'p' }, value: '//x' }], 'http://h:1/pre/x'), undefined);
    assert.equal(joinTraced(base, [{ text: '/login' }], 'http://elsewhere/login'), undefined);
  });

  it('says where a remembered value came from, as a path a step can read back', () => {
    const json = answered('{"a": {"b": [{"t": "v-1"}]}, "x-y": 5, "a b": 6, "token": "tok-123"}');
    assert.equal(originOf('v-1', json), 'the JSON value at $.a.b[0].t of the answer to POST /pre/login → 201');
    assert.equal(originOf(5, json), 'the JSON value at $.x-y of the answer to POST /pre/login → 201');
    assert.equal(originOf(6, json), "the JSON value at $['a b'] of the answer to POST /pre/login → 201");
    for (const value of ['v-1', 5, 6, 'tok-123']) {
      const path = /value at (.+) of the answer/.exec(originOf(value, json))![1]!;
      assert.deepEqual(readJsonPath(JSON.parse(json.response!.text), path), { found: true, value });
    }
    const xmlBody = '<session><idleTimeout>0</idleTimeout><sessionId>3736.tomcat1</sessionId></session>';
    const xml = answered(xmlBody);
    assert.equal(originOf('3736.tomcat1', xml), 'the XML value at /session/sessionId of the answer to POST /pre/login → 201');
    assert.deepEqual(readXmlPath(parseXml(xmlBody), '/session/sessionId'), { found: true, value: '3736.tomcat1' });
    const headed = answered('', [{ name: 'X-Token', value: 'h-1' }, { name: 'Set-Cookie', value: 'SID=c-1; Path=/' }]);
    assert.equal(originOf('h-1', headed), 'the response header x-token of the answer to POST /pre/login → 201');
    assert.equal(originOf('c-1', headed), 'the cookie SID set by the answer to POST /pre/login → 201');
    assert.equal(originOf('elsewhere', headed), 'remembered in the scenario, after the answer to POST /pre/login → 201');
    assert.equal(originOf('v', undefined), 'remembered in the scenario');
  });

  it('knows Basic credentials only when the header is the base64 of the two expansions before it', () => {
    const provenance = new Provenance(true);
    const expand = (template: string) => provenance.expanded(interpolateTraced(template, new Map(), { U: 'user1', P: 'pw-1' }));
    const target: ApiTarget = { id: 'o2g', product: 'O2G', baseUrl: 'http://h:1', vars: {} };
    const good: HeaderLine = { name: 'Authorization', value: expand(`Basic ${Buffer.from(`${expand('${U}')}:${expand('${P}')}`).toString('base64')}`) };
    provenance.basicAuth(good);
    const forged: HeaderLine = { name: 'Authorization', value: expand(`Basic ${Buffer.from('user1:other').toString('base64')}`) };
    provenance.basicAuth(forged);
    expand('/x');
    const request = provenance.request('http://h:1/x', [good, forged], target)!;
    assert.deepEqual(request.headers[0]?.basic, { user: [{ text: 'user1', from: { variable: 'U' }, value: 'user1' }], password: [{ text: 'pw-1', from: { variable: 'P' }, value: 'pw-1' }] });
    assert.equal(request.headers[1]?.basic, undefined);
    assert.equal(request.url[0]?.from && 'variable' in request.url[0].from && request.url[0].from.variable, 'O2G_BASE_URL');
  });

  it('forgets what was prepared once a request is sent, keeps it for the same request sent again, and keeps nothing when off', () => {
    const provenance = new Provenance(true);
    const target: ApiTarget = { id: 'o2g', product: 'O2G', baseUrl: 'http://h:1', vars: {} };
    provenance.lookedUp('O2G_USERNAME', 'user1');
    provenance.expanded(interpolateTraced('/x', new Map(), {}));
    const first = provenance.request('http://h:1/x', [], target)!;
    assert.deepEqual(first.values, [{ text: 'user1', from: { variable: 'O2G_USERNAME' }, value: 'user1' }]);
    assert.equal(provenance.request('http://h:1/x', [], target), first, 'a resend keeps the provenance of what it resends');
    provenance.expanded(interpolateTraced('/y', new Map(), {}));
    assert.deepEqual(provenance.request('http://h:1/y', [], target)!.values, []);
    const off = new Provenance(false);
    off.expanded(interpolateTraced('/x', new Map(), {}));
    assert.equal(off.request('http://h:1/x', [], target), undefined);
  });
});
