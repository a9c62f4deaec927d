// Unit tests of the ALM emulator's pure handler and of the ALM schemas: no socket, a fake EmuRequest and
// a tiny cookie jar built from the Set-Cookie lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSetCookie } from '../../cookies';
import { ALM_SCHEMAS } from './schemas';
import { parseXml } from '../../xml';
import { createAlmEmulator, IDLE_TIMEOUT_MS } from './emulator';
import { ALM_FAULTS } from './faults';
import { Clock } from '../../emulators/clock';
import { type EmuRequest, type EmuResponse, emuRequest } from '../../emulators/types';

const ACTIVE = { clientId: 'oauth2-wySfthjk8uGi4Kdj4DFH@MyCompany.com', secret: 'etUgyeKdMvftoO8dI3CW', active: true };
const INACTIVE = { clientId: 'oauth2-inactiveKey0000@MyCompany.com', secret: 'inactiveSecret0000000', active: false };
const LOGIN = '/qcbin/rest/oauth2/login';
const PROBE = '/qcbin/rest/is-authenticated';

function emulator(fault?: string, clock = new Clock()) {
  return createAlmEmulator({ apiKeys: [ACTIVE, INACTIVE], fault, clock });
}

const request = (method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}) =>
  emuRequest({ method, rawPath: path, headers: options.headers, body: options.body })!;

function loginRequest(clientId = ACTIVE.clientId, secret = ACTIVE.secret, headers: Record<string, string> = {}): EmuRequest {
  return request('POST', LOGIN, { headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ clientId, secret }) });
}

function setCookies(response: EmuResponse) {
  const raw = response.headers?.['Set-Cookie'];
  return (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]).map(parseSetCookie);
}

/** The Cookie header a client sends back after this response. */
function cookieHeader(response: EmuResponse): string {
  return setCookies(response).map((c) => `${c.name}=${c.value}`).join('; ');
}

function cookie(response: EmuResponse, name: string): string {
  const found = setCookies(response).find((c) => c.name === name);
  assert.ok(found, `no ${name} cookie`);
  return found.value;
}

function schema(name: string) {
  const found = ALM_SCHEMAS.find((entry) => entry.name === name);
  assert.ok(found);
  return found.schema;
}

const xmlOf = (response: EmuResponse) => parseXml(String(response.body));

describe('ALM login (POST /qcbin/rest/oauth2/login)', () => {
  it('logs the seed example in with an empty 200, its headers and five cookies on Path=/qcbin', () => {
    const response = emulator().handle(loginRequest());
    assert.equal(response.status, 200);
    assert.equal(response.body, undefined);
    assert.equal(response.headers?.['X-Content-Type-Options'], 'nosniff');
    assert.equal(response.headers?.Expires, 'Thu, 01 Jan 1970 00:00:00 GMT');
    assert.equal(response.headers?.['X-XSS-protection'], '1; mode=block');
    const cookies = setCookies(response);
    assert.deepEqual(cookies.map((c) => c.name), ['JSESSIONID', 'LWSSO_COOKIE_KEY', 'QCSession', 'ALM_USER', 'XSRF-TOKEN']);
    assert.deepEqual(cookies.map((c) => c.flags.has('httponly')), [true, true, true, false, false]);
    assert.ok(cookies.every((c) => c.attributes.get('path') === '/qcbin' && c.value !== ''));
    assert.match(cookie(response, 'ALM_USER'), /^[0-9a-f]{64}$/);
    assert.match(cookie(response, 'XSRF-TOKEN'), /^[0-9a-f]{64}$/);
    assert.match(cookie(response, 'QCSession'), /^[A-Za-z0-9_-]+\.$/);
  });

  it('refuses a wrong secret with 401 and sets no cookie', () => {
    const response = emulator().handle(loginRequest(ACTIVE.clientId, 'wrong'));
    assert.equal(response.status, 401);
    assert.equal(setCookies(response).length, 0);
    assert.equal(schema('alm exception').safeParse(xmlOf(response)).success, true);
  });

  it('refuses an inactive key and an unknown client ID with 403', () => {
    const alm = emulator();
    assert.equal(alm.handle(loginRequest(INACTIVE.clientId, INACTIVE.secret)).status, 403);
    assert.equal(alm.handle(loginRequest('nobody@example.com', ACTIVE.secret)).status, 403);
  });

  it('offers only POST on the login', () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'BREW']) {
      const response = emulator().handle(request(method, LOGIN));
      assert.equal(response.status, 405, method);
      assert.equal(response.headers?.Allow, 'POST');
    }
  });

  it('refuses an XML body, a missing Content-Type and text/plain with 415', () => {
    const alm = emulator();
    const xml = `<login><clientId>${ACTIVE.clientId}</clientId><secret>${ACTIVE.secret}</secret></login>`;
    assert.equal(alm.handle(request('POST', LOGIN, { headers: { 'Content-Type': 'application/xml' }, body: xml })).status, 415);
    assert.equal(alm.handle(request('POST', LOGIN, { body: JSON.stringify(ACTIVE) })).status, 415);
    assert.equal(alm.handle(request('POST', LOGIN, { headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(ACTIVE) })).status, 415);
  });

  it('logs an XML body in, with the five cookies, when the media-type-not-checked fault is on', () => {
    const alm = emulator('media-type-not-checked');
    const xml = `<?xml version="1.0"?><login><clientId>${ACTIVE.clientId}</clientId><secret>${ACTIVE.secret}</secret></login>`;
    const accepted = alm.handle(request('POST', LOGIN, { headers: { 'Content-Type': 'application/xml' }, body: xml }));
    assert.equal(accepted.status, 200);
    assert.equal(setCookies(accepted).length, 5);
    const wrong = xml.replace(ACTIVE.secret, 'wrong');
    assert.equal(alm.handle(request('POST', LOGIN, { headers: { 'Content-Type': 'application/xml' }, body: wrong })).status, 401);
    assert.equal(alm.handle(request('POST', LOGIN, { headers: { 'Content-Type': 'application/xml' }, body: '<login><clientId>' })).status, 400);
  });

  it('accepts application/json with a charset parameter', () => {
    assert.equal(emulator().handle(loginRequest(ACTIVE.clientId, ACTIVE.secret, { 'Content-Type': 'application/json; charset=UTF-8' })).status, 200);
  });

  it('answers malformed, truncated, hostile or mistyped JSON with a well-formed 400 and never throws', () => {
    const alm = emulator();
    const bodies: Array<string | Buffer> = [
      '', '{', '{"clientId":"a"', 'null', '[]', '"text"', '42', '{"clientId":1,"secret":2}', '{"secret":"x"}',
      '{"__proto__":{"clientId":"x","secret":"y"}}', '{"constructor":{"prototype":{"clientId":"x"}}}',
      Buffer.from([0xff, 0xfe, 0x00, 0x7b]), JSON.stringify({ clientId: 'ümlaut-日本', secret: 'ß' }),
    ];
    for (const body of bodies) {
      const response = alm.handle(request('POST', LOGIN, { headers: { 'Content-Type': 'application/json' }, body }));
      assert.ok([400, 403].includes(response.status), `${String(body)} → ${response.status}`);
      assert.equal(schema('alm exception').safeParse(xmlOf(response)).success, true);
    }
  });

  it('answers unknown paths with a 404 QCRestException', () => {
    const response = emulator().handle(request('GET', '/qcbin/rest/nothing/here'));
    assert.equal(response.status, 404);
    assert.equal(schema('alm exception').safeParse(xmlOf(response)).success, true);
  });

  it('answers errors in JSON when the client accepts application/json', () => {
    const response = emulator().handle(loginRequest(ACTIVE.clientId, 'wrong', { Accept: 'application/json' }));
    assert.equal(response.headers?.['Content-Type'], 'application/json');
    assert.equal(schema('alm exception JSON').safeParse(JSON.parse(String(response.body))).success, true);
  });

  it('formats host errors (500, 413) in its own format', () => {
    const alm = emulator();
    const xml = alm.error(500, 'Internal server error');
    assert.equal(xml.status, 500);
    assert.equal((xmlOf(xml).QCRestException as Record<string, string>).Id, 'qccore.general-error');
    const asJson = alm.error(413, 'too big', request('POST', LOGIN, { headers: { Accept: 'application/json' } }));
    assert.equal(schema('alm exception JSON').safeParse(JSON.parse(String(asJson.body))).success, true);
  });
});

describe('ALM session', () => {
  function loggedIn(alm = emulator(), headers: Record<string, string> = {}) {
    const login = alm.handle(loginRequest(ACTIVE.clientId, ACTIVE.secret, headers));
    assert.equal(login.status, 200);
    return { alm, login, cookies: cookieHeader(login), xsrf: cookie(login, 'XSRF-TOKEN') };
  }

  it('answers the probe with the user in XML, or JSON when asked, given the cookies', () => {
    const { alm, cookies } = loggedIn();
    const asXml = alm.handle(request('GET', PROBE, { headers: { Cookie: cookies } }));
    assert.equal(asXml.status, 200);
    assert.equal(schema('alm is-authenticated').safeParse(xmlOf(asXml)).success, true);
    const asJson = alm.handle(request('GET', PROBE, { headers: { Cookie: cookies, Accept: 'application/json' } }));
    assert.equal(schema('alm is-authenticated JSON').safeParse(JSON.parse(String(asJson.body))).success, true);
  });

  it('refuses the probe without cookies with an LWSSO challenge', () => {
    const response = emulator().handle(request('GET', PROBE, { headers: { Host: 'alm.example.com:8080' } }));
    assert.equal(response.status, 401);
    assert.equal(response.headers?.['WWW-Authenticate'], 'LWSSO realm=http://alm.example.com:8080/qcbin/authentication-point');
  });

  it('refuses a non-GET request without or with a wrong X-XSRF-TOKEN, and passes it with the cookie value', () => {
    const { alm, cookies, xsrf } = loggedIn();
    assert.equal(alm.handle(request('PUT', '/qcbin/rest/site-session', { headers: { Cookie: cookies } })).status, 401);
    assert.equal(alm.handle(request('PUT', '/qcbin/rest/site-session', { headers: { Cookie: cookies, 'X-XSRF-TOKEN': 'forged' } })).status, 401);
    assert.equal(alm.handle(request('PUT', '/qcbin/rest/site-session', { headers: { Cookie: cookies, 'X-XSRF-TOKEN': xsrf } })).status, 200);
  });

  it('ends the site session on DELETE /qcbin/rest/site-session', () => {
    const { alm, cookies, xsrf } = loggedIn();
    const ended = alm.handle(request('DELETE', '/qcbin/rest/site-session', { headers: { Cookie: cookies, 'X-XSRF-TOKEN': xsrf } }));
    assert.equal(ended.status, 200);
    assert.ok(setCookies(ended).some((c) => c.name === 'QCSession' && c.expiresSession));
    assert.equal(alm.handle(request('GET', '/qcbin/rest/site-session', { headers: { Cookie: cookies } })).status, 401);
  });

  it('logs out one session, expires its cookies and leaves another session of the same key alive', () => {
    const alm = emulator();
    const first = loggedIn(alm);
    const second = loggedIn(alm);
    assert.notEqual(cookie(first.login, 'LWSSO_COOKIE_KEY'), cookie(second.login, 'LWSSO_COOKIE_KEY'));
    const logout = alm.handle(request('POST', '/qcbin/authentication-point/logout', { headers: { Cookie: first.cookies } }));
    assert.equal(logout.status, 200);
    assert.deepEqual(setCookies(logout).filter((c) => c.expiresSession).map((c) => c.name), ['LWSSO_COOKIE_KEY', 'QCSession']);
    assert.equal(alm.handle(request('GET', PROBE, { headers: { Cookie: first.cookies } })).status, 401);
    assert.equal(alm.handle(request('GET', PROBE, { headers: { Cookie: second.cookies } })).status, 200);
  });

  it('refuses GET logout unless allowed', () => {
    assert.equal(emulator().handle(request('GET', '/qcbin/authentication-point/logout')).status, 405);
    const lenient = createAlmEmulator({ apiKeys: [ACTIVE], allowGetLogout: true });
    assert.equal(lenient.handle(request('GET', '/qcbin/authentication-point/logout')).status, 200);
  });

  it('expires a session idle longer than 60 minutes, and each request restarts the idle clock', () => {
    const clock = new Clock();
    const { alm, cookies } = loggedIn(emulator(undefined, clock));
    clock.advance(IDLE_TIMEOUT_MS - 60_000);
    assert.equal(alm.handle(request('GET', PROBE, { headers: { Cookie: cookies } })).status, 200);
    clock.advance(IDLE_TIMEOUT_MS - 60_000);
    assert.equal(alm.handle(request('GET', PROBE, { headers: { Cookie: cookies } })).status, 200);
    clock.advance(IDLE_TIMEOUT_MS + 60_000);
    const expired = alm.handle(request('GET', PROBE, { headers: { Cookie: cookies } }));
    assert.equal(expired.status, 401);
    assert.equal((xmlOf(expired).QCRestException as Record<string, string>).Id, 'qccore.session-has-expired');
  });

  it('suffixes the QCSession of a client-typed login with base64 of the type and restricts it to that type', () => {
    const { alm, login, cookies } = loggedIn(emulator(), { 'ALM-CLIENT-TYPE': 'webadmin' });
    assert.match(cookie(login, 'QCSession'), /\.-d2ViYWRtaW4$/);
    assert.equal(alm.handle(request('GET', PROBE, { headers: { Cookie: cookies } })).status, 401);
    assert.equal(alm.handle(request('GET', PROBE, { headers: { Cookie: cookies, 'ALM-CLIENT-TYPE': 'REST client' } })).status, 401);
    assert.equal(alm.handle(request('GET', PROBE, { headers: { Cookie: cookies, 'ALM-CLIENT-TYPE': 'webadmin' } })).status, 200);
  });
});

describe('ALM faults and schemas', () => {
  it('names at least ten faults, each with a one-line description', () => {
    assert.ok(Object.keys(ALM_FAULTS).length >= 10);
    for (const { says: description } of ALM_FAULTS) assert.match(description, /^[^\n]{10,}$/);
  });

  it('keeps every fault from throwing on the basic requests', () => {
    for (const { name: fault } of ALM_FAULTS) {
      const alm = emulator(fault);
      const login = alm.handle(loginRequest());
      alm.handle(request('GET', PROBE, { headers: { Cookie: cookieHeader(login), Accept: 'application/json' } }));
      alm.handle(request('DELETE', '/qcbin/rest/site-session', { headers: { Cookie: cookieHeader(login) } }));
      alm.handle(request('POST', '/qcbin/authentication-point/logout', { headers: { Cookie: cookieHeader(login) } }));
      alm.handle(loginRequest(ACTIVE.clientId, 'wrong'));
    }
  });

  it('rejects a renamed Username and an exception without Title', () => {
    assert.equal(schema('alm is-authenticated').safeParse({ AuthenticationInfo: { UserName: 'joe' } }).success, false);
    assert.equal(schema('alm exception').safeParse({ QCRestException: { Id: 'qccore.general-error' } }).success, false);
    assert.equal(schema('alm exception JSON').safeParse({ Id: 'general-error', Title: 'x' }).success, false);
  });
});
