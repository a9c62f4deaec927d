// Unit tests of the O2G emulator, called without a socket, and of its schemas: the seed's two requests,
// the session lifecycle on the injectable clock, bad input that must stay a well-formed O2G 4xx, faults.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSetCookie } from '../../cookies';
import { decodeJwt } from '../../jwt';
import { o2gAuthenticate, o2gDiscovery, o2gError, o2gSession } from './schemas';
import { Clock } from '../../emulators/clock';
import { createO2gEmulator, type O2gOptions } from './emulator';
import { O2G_FAULTS as CATALOGUE } from './faults';
import { type EmuResponse, type Emulator, emuRequest } from '../../emulators/types';

/** The catalogue as name → description, as these tests read it. */
const O2G_FAULTS = Object.fromEntries(CATALOGUE.map((fault) => [fault.name, fault.says]));
type O2gFault = string;

const USER = 'o2g-demo';
const PASSWORD = 'o2g-demo-password';

const request = (method: string, rawPath: string, headers: Record<string, string> = {}, body = '') =>
  emuRequest({ method, rawPath, headers: { host: '127.0.0.1:8080', ...headers }, body })!;

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const bodyOf = (response: EmuResponse) => JSON.parse(String(response.body)) as Record<string, unknown>;
const setCookies = (response: EmuResponse) => [response.headers?.['Set-Cookie'] ?? []].flat().map(parseSetCookie);

function emulator(options: Partial<O2gOptions> = {}): Emulator {
  return createO2gEmulator({ username: USER, password: PASSWORD, ...options });
}

function authenticate(emu: Emulator): string {
  const response = emu.handle(request('GET', '/api/rest/authenticate?version=1.0', { Authorization: basic(USER, PASSWORD) }));
  assert.equal(response.status, 200);
  return String(bodyOf(response).credential);
}

function openSession(emu: Emulator, credential: string, path = '/api/rest/1.0//sessions'): EmuResponse {
  return emu.handle(request('POST', path, { Cookie: `AlcUserId=${credential}`, 'Content-Type': 'application/json' }, '{"applicationName":"login-api-bdd"}'));
}

const withCookie = (method: string, path: string, credential: string) => request(method, path, { Cookie: `AlcUserId=${credential}` });

function assertO2gError(response: EmuResponse, status: number) {
  assert.equal(response.status, status);
  assert.match(String(response.headers?.['Content-Type']), /^application\/json/);
  const parsed = o2gError.safeParse(bodyOf(response));
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  assert.equal(parsed.data.code, status);
}

describe('o2g emulator', () => {
  it('answers discovery without credentials, naming the authenticate URL of the current version', () => {
    const response = emulator().handle(request('GET', '/api/rest'));
    assert.equal(response.status, 200);
    const body = o2gDiscovery.parse(bodyOf(response));
    assert.equal(body.versions[0]?.publicUrl, 'http://127.0.0.1:8080/api/rest/authenticate?version=1.0');
  });

  it('authenticates Basic credentials with a JSON body and an HttpOnly AlcUserId cookie equal to the credential', () => {
    const response = emulator().handle(request('GET', '/api/rest/authenticate?version=1.0', { Authorization: basic(USER, PASSWORD) }));
    assert.equal(response.status, 200);
    const body = o2gAuthenticate.parse(bodyOf(response));
    assert.equal(body.publicUrl, 'http://127.0.0.1:8080/api/rest/1.0/sessions');
    const [cookie] = setCookies(response);
    assert.equal(cookie?.name, 'AlcUserId');
    assert.equal(cookie?.value, body.credential);
    assert.equal(cookie?.attributes.get('path'), '/');
    assert.ok(cookie?.flags.has('httponly'));
  });

  it('issues an HS256 JWT whose payload is exactly sub and iat, different for every login', () => {
    const emu = emulator();
    const first = authenticate(emu);
    const second = authenticate(emu);
    const jwt = decodeJwt(first);
    assert.deepEqual(jwt.header, { alg: 'HS256' });
    assert.deepEqual(Object.keys(jwt.payload), ['sub', 'iat']);
    assert.equal(jwt.payload.sub, USER);
    assert.notEqual(first, second);
  });

  it('opens a session at the seed\'s 1.0//sessions spelling and at 1.0/sessions, with JSESSIONID', () => {
    const emu = emulator();
    for (const path of ['/api/rest/1.0//sessions', '/api/rest/1.0/sessions']) {
      const response = openSession(emu, authenticate(emu), path);
      assert.equal(response.status, 200);
      const session = o2gSession.parse(bodyOf(response));
      assert.equal(session.login, USER);
      assert.equal(session.timeToLive, 1800);
      assert.equal(Date.parse(session.expirationDate) - Date.parse(session.creationDate), 1800_000);
      assert.equal(setCookies(response)[0]?.name, 'JSESSIONID');
    }
  });

  it('lists the other sessions of the same login', () => {
    const emu = emulator();
    openSession(emu, authenticate(emu));
    const session = o2gSession.parse(bodyOf(openSession(emu, authenticate(emu))));
    assert.equal(session.otherSessions?.length, 1);
  });

  it('refuses a wrong password, an unknown user, no header and broken Basic headers with the same 401 and no cookie', () => {
    const emu = emulator();
    const answers = [basic(USER, 'wrong'), basic('nobody', PASSWORD), undefined, 'Basic bm8tY29sb24=', 'Basic !!!', 'Basic', 'Bearer x', basic('Zoë', 'ünïcode')].map((authorization) =>
      emu.handle(request('GET', '/api/rest/authenticate?version=1.0', authorization === undefined ? {} : { Authorization: authorization })),
    );
    for (const response of answers) {
      assertO2gError(response, 401);
      assert.equal(response.headers?.['Set-Cookie'], undefined);
      assert.deepEqual(bodyOf(response), bodyOf(answers[0]!));
    }
  });

  it('refuses the sessions call without the cookie, with an unknown one and with a tampered one', () => {
    const emu = emulator();
    const credential = authenticate(emu);
    for (const cookie of [undefined, 'AlcUserId=nope', `AlcUserId=${credential}x`, `AlcUserToken=${credential}`]) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) };
      assertO2gError(emu.handle(request('POST', '/api/rest/1.0/sessions', headers, '{"applicationName":"x"}')), 401);
    }
  });

  it('answers malformed bodies, wrong content types and missing applicationName with a 4xx O2G error', () => {
    const emu = emulator();
    const credential = authenticate(emu);
    const post = (body: string, contentType?: string) =>
      emu.handle(request('POST', '/api/rest/1.0/sessions', { Cookie: `AlcUserId=${credential}`, ...(contentType ? { 'Content-Type': contentType } : {}) }, body));
    assertO2gError(post('{"applicationName":"x"}'), 415);
    assertO2gError(post('{"applicationName":"x"}', 'text/plain'), 415);
    assertO2gError(post('{"applicationName": "x"', 'application/json'), 400);
    assertO2gError(post('[1,2]', 'application/json'), 400);
    assertO2gError(post('{}', 'application/json'), 400);
    assertO2gError(post('{"applicationName": 7}', 'application/json'), 400);
    assertO2gError(post('{"__proto__": {"applicationName": "x"}, "constructor": 1}', 'application/json'), 400);
    assert.equal(post('{"applicationName": "Zoë\'s app ✓"}', 'application/json; charset=utf-8').status, 200);
  });

  it('answers unknown paths 404, unknown methods 405 with Allow, and an unknown version 404', () => {
    const emu = emulator();
    assertO2gError(emu.handle(request('GET', '/api/rest/2.0/sessions')), 404);
    const put = emu.handle(request('PUT', '/api/rest/1.0/sessions'));
    assertO2gError(put, 405);
    assert.equal(put.headers?.Allow, 'POST, GET, HEAD, DELETE');
    assertO2gError(emu.handle(request('PATCH', '/api/rest/authenticate?version=1.0')), 405);
    assertO2gError(emu.handle(request('GET', '/api/rest/authenticate?version=9.9', { Authorization: basic(USER, PASSWORD) })), 404);
    assertO2gError(emulator().error(413, 'too big'), 413);
  });

  it('answers the probe 200 with the session, keepalive 204, logout 204 and then 401 everywhere', () => {
    const emu = emulator();
    const credential = authenticate(emu);
    assertO2gError(emu.handle(withCookie('GET', '/api/rest/1.0/sessions', credential)), 401);
    openSession(emu, credential);
    assert.equal(emu.handle(withCookie('GET', '/api/rest/1.0/sessions', credential)).status, 200);
    assert.equal(emu.handle(withCookie('POST', '/api/rest/1.0/sessions/keepalive', credential)).status, 204);
    const logout = emu.handle(withCookie('DELETE', '/api/rest/1.0/sessions', credential));
    assert.equal(logout.status, 204);
    assert.equal(logout.body, undefined);
    assertO2gError(emu.handle(withCookie('GET', '/api/rest/1.0/sessions', credential)), 401);
    assertO2gError(openSession(emu, credential), 401);
    assertO2gError(emu.handle(withCookie('DELETE', '/api/rest/1.0/sessions', credential)), 401);
  });

  it('logs one session out without touching another session of the same user', () => {
    const emu = emulator();
    const [alice, bob] = [authenticate(emu), authenticate(emu)];
    openSession(emu, alice);
    openSession(emu, bob);
    emu.handle(withCookie('DELETE', '/api/rest/1.0/sessions', alice));
    assert.equal(emu.handle(withCookie('GET', '/api/rest/1.0/sessions', alice)).status, 401);
    assert.equal(emu.handle(withCookie('GET', '/api/rest/1.0/sessions', bob)).status, 200);
  });

  it('expires a session idle longer than timeToLive, and a keepalive restarts the count', () => {
    const clock = new Clock();
    const emu = emulator({ clock, timeToLiveS: 60 });
    const [idle, kept] = [authenticate(emu), authenticate(emu)];
    openSession(emu, idle);
    openSession(emu, kept);
    clock.advance(40_000);
    assert.equal(emu.handle(withCookie('POST', '/api/rest/1.0/sessions/keepalive', kept)).status, 204);
    clock.advance(40_000);
    assert.equal(emu.handle(withCookie('GET', '/api/rest/1.0/sessions', idle)).status, 401);
    assert.equal(emu.handle(withCookie('GET', '/api/rest/1.0/sessions', kept)).status, 200);
  });

  it('never throws on hostile input', () => {
    const emu = emulator();
    const hostile = [
      request('GET', '/api/rest/authenticate?version=1.0', { Authorization: 'Basic ' + '='.repeat(4000), Host: 'évil host' }),
      request('POST', '/api/rest/1.0/sessions', { Cookie: 'AlcUserId=; ; ==; AlcUserId', 'Content-Type': 'application/json' }, '\u0000\uffff'),
      request('DELETE', '/api/rest/1.0/sessions/keepalive'),
      request('GET', '/%E2%9C%93'),
    ];
    for (const input of hostile) assert.ok(emu.handle(input).status >= 400);
  });
});

describe('o2g faults', () => {
  it('catalogues at least ten faults, each a one-line description', () => {
    assert.ok(Object.keys(O2G_FAULTS).length >= 10);
    for (const text of Object.values(O2G_FAULTS)) assert.doesNotMatch(text, /\n/);
  });

  it('changes what a client observes of the seed flow or the lifecycle under every fault', () => {
    const transcript = (fault?: O2gFault): string[] => {
      const clock = new Clock();
      const emu = emulator({ fault, clock });
      const lines: string[] = [];
      const note = (label: string, r: EmuResponse) => {
        const cookies = setCookies(r).map((c) => `${c.name} ${[...c.attributes].join(',')} ${[...c.flags].join(',')}`);
        const body = String(r.body ?? '').replace(/"(credential|creationDate|expirationDate|sessionId)":"[^"]*"/g, '"$1":"v"').replace(/"otherSessions":\[[^\]]*\]/, '');
        lines.push(`${label}: ${r.status} ${String(r.headers?.['Content-Type'] ?? '')} ${cookies.join('|')} ${body}`);
      };
      note('discovery', emu.handle(request('GET', '/api/rest')));
      const auth = emu.handle(request('GET', '/api/rest/authenticate?version=1.0', { Authorization: basic(USER, PASSWORD) }));
      note('authenticate', auth);
      const cookie = setCookies(auth)[0]?.value ?? '';
      const credential = String(bodyOf(auth).credential);
      const second = authenticate(emu);
      lines.push(`cookie is credential: ${cookie === credential}; credential is a JWT: ${/^[\w-]+\.[\w-]+\.[\w-]+$/.test(credential)}; logins differ: ${second !== cookie}`);
      note('wrong password', emu.handle(request('GET', '/api/rest/authenticate?version=1.0', { Authorization: basic(USER, 'wrong') })));
      note('unknown user', emu.handle(request('GET', '/api/rest/authenticate?version=1.0', { Authorization: basic('nobody', PASSWORD) })));
      note('no colon', emu.handle(request('GET', '/api/rest/authenticate?version=1.0', { Authorization: 'Basic bm8tY29sb24=' })));
      note('no cookie', emu.handle(request('POST', '/api/rest/1.0/sessions', { 'Content-Type': 'application/json' }, '{"applicationName":"x"}')));
      note('logout without cookie', emu.handle(request('DELETE', '/api/rest/1.0/sessions')));
      note('open', openSession(emu, cookie));
      note('tampered', emu.handle(withCookie('GET', '/api/rest/1.0/sessions', `${cookie}x`)));
      openSession(emu, second);
      clock.advance(20 * 60_000);
      note('keepalive', emu.handle(withCookie('POST', '/api/rest/1.0/sessions/keepalive', cookie)));
      emu.handle(withCookie('POST', '/api/rest/1.0/sessions/keepalive', second));
      clock.advance(20 * 60_000);
      note('probe after keepalive', emu.handle(withCookie('GET', '/api/rest/1.0/sessions', cookie)));
      note('logout', emu.handle(withCookie('DELETE', '/api/rest/1.0/sessions', cookie)));
      note('probe after logout', emu.handle(withCookie('GET', '/api/rest/1.0/sessions', cookie)));
      note('other session after logout', emu.handle(withCookie('GET', '/api/rest/1.0/sessions', second)));
      const third = authenticate(emu);
      openSession(emu, third);
      clock.advance(40 * 60_000);
      note('idle probe', emu.handle(withCookie('GET', '/api/rest/1.0/sessions', third)));
      return lines;
    };
    const healthy = transcript();
    for (const fault of Object.keys(O2G_FAULTS) as O2gFault[]) assert.notDeepEqual(transcript(fault), healthy, `fault ${fault} changes nothing a client sees`);
  });
});
