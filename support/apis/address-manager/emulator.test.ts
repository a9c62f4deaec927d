// Unit tests of the Address Manager v2 emulator (called without a socket) and of its schemas, which must
// accept the seed's own example response as printed and refuse its near misses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressManagerError, addressManagerLoggedOutSession, addressManagerSession } from './schemas';
import { createAddressManagerEmulator, TOKEN_LIFETIME_MS, type AddressManagerOptions } from './emulator';
import { ADDRESS_MANAGER_FAULTS as CATALOGUE } from './faults';
import { Clock } from '../../emulators/clock';
import { type EmuResponse, emuRequest } from '../../emulators/types';

type AddressManagerFault = NonNullable<AddressManagerOptions['fault']>;
/** The catalogue by name: what each fault says. */
const ADDRESS_MANAGER_FAULTS: Record<AddressManagerFault, string> = Object.fromEntries(CATALOGUE.map((fault) => [fault.name, fault.says]));

/** The seed's example response (001_860d5da1dc90ccf0.txt), verbatim. */
const SEED_EXAMPLE = `{
"id": 62,
"type": "UserSession",
"apiToken": "/LOcpzfqKXgvt3PH0xYNhFqTewfnF5SNz7Fh/ST8",
"apiTokenExpirationDateTime": "2023-01-21T21:40:48Z",
"basicAuthenticationCredentials": "YXBpOi9MT2NwemZxS1hndnQzUEgweFlOaEZxVGV3Zm5GNVNOejdGaC9TVDg=",
"state": "LOGGED_IN",
"remoteAddress": "192.168.217.248",
"readOnly": false,
"loginDateTime": "2023-01-20T21:40:48Z",
"logoutDateTime": null,
"response": null,
"user": {
"id": 100893,
"type": "User",
"name": "user1",
"_links": {
"self": {
"href": "/api/v2/users/100893"
}
}
},
"authenticator": {
"id": 2,
"type": "AddressManagerAuthenticator",
"name": "proteusAuthenticator",
"_links": {
"self": {
"href": "/api/v2/authenticators/2"
}
}
},
"_links": {
"self": {
"href": "/api/v2/sessions/62"
},
"collection": {
"href": "/api/v2/sessions"
}
}
}`;

const seedExample = (): Record<string, unknown> => JSON.parse(SEED_EXAMPLE) as Record<string, unknown>;

const request = (method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}) =>
  emuRequest({ method, rawPath: path, headers: options.headers, body: options.body, remoteAddress: '::ffff:127.0.0.1' })!;

const JSON_TYPE = { 'Content-Type': 'application/json' };
const body = (response: EmuResponse) => JSON.parse(String(response.body)) as Record<string, any>;
const header = (response: EmuResponse, name: string) => response.headers?.[name];

function setup(fault?: AddressManagerFault) {
  const clock = new Clock();
  const emulator = createAddressManagerEmulator({ username: 'user1', password: 'pass1', fault, clock });
  const login = (username = 'user1', password = 'pass1') =>
    emulator.handle(request('POST', '/api/v2/sessions', { headers: JSON_TYPE, body: JSON.stringify({ username, password }) }));
  const basic = (credentials: string) => ({ Authorization: `Basic ${credentials}` });
  return { clock, emulator, login, basic };
}

function assertError(response: EmuResponse, status: number, code?: string) {
  assert.equal(response.status, status);
  assert.equal(header(response, 'Content-Type'), 'application/json');
  const parsed = addressManagerError.safeParse(body(response));
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  assert.equal(body(response).status, status);
  if (code) assert.equal(body(response).code, code);
}

describe('address-manager session schema', () => {
  it('accepts the seed example response field for field', () => {
    const parsed = addressManagerSession.safeParse(seedExample());
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  });

  it('rejects the seed example with state changed', () => {
    assert.equal(addressManagerSession.safeParse({ ...seedExample(), state: 'LOGGED_OUT' }).success, false);
  });

  it('rejects the seed example with apiToken removed', () => {
    const { apiToken: _removed, ...rest } = seedExample();
    assert.equal(addressManagerSession.safeParse(rest).success, false);
  });

  it('rejects the seed example with logoutDateTime set', () => {
    assert.equal(addressManagerSession.safeParse({ ...seedExample(), logoutDateTime: '2023-01-20T22:00:00Z' }).success, false);
  });

  it('rejects date-times with milliseconds, a string readOnly and a self link of another id', () => {
    assert.equal(addressManagerSession.safeParse({ ...seedExample(), loginDateTime: '2023-01-20T21:40:48.000Z' }).success, false);
    assert.equal(addressManagerSession.safeParse({ ...seedExample(), readOnly: 'false' }).success, false);
    assert.equal(addressManagerSession.safeParse({ ...seedExample(), _links: { self: { href: '/api/v2/sessions/63' }, collection: { href: '/api/v2/sessions' } } }).success, false);
  });

  it('rejects credentials whose token half is not the apiToken', () => {
    const credentials = Buffer.from('user1:another-token').toString('base64');
    assert.equal(addressManagerSession.safeParse({ ...seedExample(), basicAuthenticationCredentials: credentials }).success, false);
  });

  it('accepts the logged-out form only with LOGGED_OUT and a logoutDateTime', () => {
    const loggedOut = { ...seedExample(), state: 'LOGGED_OUT', logoutDateTime: '2023-01-20T22:00:00Z' };
    assert.ok(addressManagerLoggedOutSession.safeParse(loggedOut).success);
    assert.equal(addressManagerLoggedOutSession.safeParse({ ...loggedOut, logoutDateTime: null }).success, false);
  });

  it('accepts the error body the vendor library documents', () => {
    const documented = { status: 401, reason: 'Unauthorized', code: 'InvalidAuthorizationCredentials', message: 'The request authorization credentials are either missing or invalid' };
    assert.ok(addressManagerError.safeParse(documented).success);
    assert.equal(addressManagerError.safeParse({ ...documented, code: undefined }).success, false);
  });
});

describe('address-manager emulator', () => {
  it('creates a session: 201, HAL+JSON, Location and the documented body', () => {
    const { login } = setup();
    const response = login();
    assert.equal(response.status, 201);
    assert.equal(header(response, 'Content-Type'), 'application/hal+json');
    const session = body(response);
    assert.equal(header(response, 'Location'), `/api/v2/sessions/${session.id}`);
    const parsed = addressManagerSession.safeParse(session);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    assert.equal(session.remoteAddress, '127.0.0.1');
    assert.equal(session.user.name, 'user1');
  });

  it('encodes the real username and the apiToken in basicAuthenticationCredentials', () => {
    const session = body(setup().login());
    assert.equal(Buffer.from(session.basicAuthenticationCredentials, 'base64').toString('utf8'), `user1:${session.apiToken}`);
  });

  it('writes date-times to the second with Z and expires the token 24 hours after login', () => {
    const session = body(setup().login());
    assert.match(session.loginDateTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(Date.parse(session.apiTokenExpirationDateTime) - Date.parse(session.loginDateTime), TOKEN_LIFETIME_MS);
  });

  it('authorises the current session and the session by id with the Basic credentials', () => {
    const { emulator, login, basic } = setup();
    const session = body(login());
    for (const path of ['/api/v2/sessions/current', `/api/v2/sessions/${session.id}`, session._links.self.href]) {
      const response = emulator.handle(request('GET', path, { headers: basic(session.basicAuthenticationCredentials) }));
      assert.equal(response.status, 200, path);
      assert.equal(body(response).id, session.id);
    }
  });

  it('answers the collection of the caller\'s sessions', () => {
    const { emulator, login, basic } = setup();
    login();
    const session = body(login());
    const response = emulator.handle(request('GET', '/api/v2/sessions', { headers: basic(session.basicAuthenticationCredentials) }));
    assert.equal(response.status, 200);
    assert.equal(body(response).count, 2);
  });

  it('refuses requests without or with bad credentials with 401 InvalidAuthorizationCredentials', () => {
    const { emulator, login } = setup();
    const session = body(login());
    const bad: Array<Record<string, string>> = [
      {},
      { Authorization: 'Basic' },
      { Authorization: 'Basic !!!' },
      { Authorization: `Basic ${Buffer.from('user1').toString('base64')}` },
      { Authorization: `Basic ${Buffer.from(`user1:pass1`).toString('base64')}` },
      { Authorization: `Basic ${Buffer.from(`user2:${session.apiToken}`).toString('base64')}` },
      { Authorization: `Basic ${Buffer.from(`üsér:${session.apiToken}`).toString('base64')}` },
      { Authorization: `Bearer ${session.apiToken}` },
    ];
    for (const headers of bad) assertError(emulator.handle(request('GET', '/api/v2/sessions/current', { headers })), 401, 'InvalidAuthorizationCredentials');
  });

  it('accepts Bearer apiToken only when asked to be lenient', () => {
    const emulator = createAddressManagerEmulator({ username: 'user1', password: 'pass1', acceptBearer: true });
    const session = body(emulator.handle(request('POST', '/api/v2/sessions', { headers: JSON_TYPE, body: '{"username":"user1","password":"pass1"}' })));
    assert.equal(emulator.handle(request('GET', '/api/v2/sessions/current', { headers: { Authorization: `Bearer ${session.apiToken}` } })).status, 200);
  });

  it('logs out with PATCH state LOGGED_OUT as JSON or merge-patch, then refuses the credentials', () => {
    for (const [path, type] of [['current', 'application/merge-patch+json'], ['id', 'application/json; charset=utf-8']] as const) {
      const { emulator, login, basic } = setup();
      const session = body(login());
      const target = path === 'current' ? '/api/v2/sessions/current' : `/api/v2/sessions/${session.id}`;
      const headers = { ...basic(session.basicAuthenticationCredentials), 'Content-Type': type };
      const response = emulator.handle(request('PATCH', target, { headers, body: '{"state":"LOGGED_OUT"}' }));
      assert.equal(response.status, 200);
      assert.ok(addressManagerLoggedOutSession.safeParse(body(response)).success, String(response.body));
      assertError(emulator.handle(request('GET', '/api/v2/sessions/current', { headers })), 401);
    }
  });

  it('refuses a PATCH to any state but LOGGED_OUT, and a PATCH that is not JSON', () => {
    const { emulator, login, basic } = setup();
    const session = body(login());
    const headers = { ...basic(session.basicAuthenticationCredentials), 'Content-Type': 'application/json' };
    assertError(emulator.handle(request('PATCH', '/api/v2/sessions/current', { headers, body: '{"state":"LOGGED_IN"}' })), 400);
    assertError(emulator.handle(request('PATCH', '/api/v2/sessions/current', { headers, body: '{}' })), 400);
    assertError(emulator.handle(request('PATCH', '/api/v2/sessions/current', { headers, body: '{"state":' })), 400);
    assertError(emulator.handle(request('PATCH', '/api/v2/sessions/current', { headers: { ...headers, 'Content-Type': 'text/plain' }, body: '{"state":"LOGGED_OUT"}' })), 415);
    assert.equal(emulator.handle(request('GET', '/api/v2/sessions/current', { headers })).status, 200);
  });

  it('expires the token once 24 hours have passed on its clock', () => {
    const { emulator, login, basic, clock } = setup();
    const headers = basic(body(login()).basicAuthenticationCredentials);
    clock.advance(TOKEN_LIFETIME_MS - 1_000);
    assert.equal(emulator.handle(request('GET', '/api/v2/sessions/current', { headers })).status, 200);
    clock.advance(1_000);
    assertError(emulator.handle(request('GET', '/api/v2/sessions/current', { headers })), 401);
  });

  it('gives two logins of one user two sessions, and logging one out leaves the other', () => {
    const { emulator, login, basic } = setup();
    const first = body(login());
    const second = body(login());
    assert.notEqual(first.id, second.id);
    assert.notEqual(first.apiToken, second.apiToken);
    const headers = { ...basic(first.basicAuthenticationCredentials), 'Content-Type': 'application/json' };
    assert.equal(emulator.handle(request('PATCH', '/api/v2/sessions/current', { headers, body: '{"state":"LOGGED_OUT"}' })).status, 200);
    assert.equal(emulator.handle(request('GET', '/api/v2/sessions/current', { headers: basic(second.basicAuthenticationCredentials) })).status, 200);
  });

  it('does not show a session of another id that does not exist', () => {
    const { emulator, login, basic } = setup();
    const headers = basic(body(login()).basicAuthenticationCredentials);
    assertError(emulator.handle(request('GET', '/api/v2/sessions/999999', { headers })), 404);
    assertError(emulator.handle(request('GET', '/api/v2/sessions/__proto__', { headers })), 404);
  });

  it('refuses wrong credentials alike for a wrong password and an unknown user, with no token or cookie', () => {
    const { login } = setup();
    const wrongPassword = login('user1', 'nope');
    const unknownUser = login('nobody', 'pass1');
    assertError(wrongPassword, 401, 'InvalidAuthorizationCredentials');
    assert.deepEqual(body(unknownUser), body(wrongPassword));
    assert.equal(header(wrongPassword, 'Set-Cookie'), undefined);
    assert.equal(body(wrongPassword).apiToken, undefined);
  });

  it('answers bad login bodies with 400 or 415 in its own error format and never throws', () => {
    const { emulator } = setup();
    const post = (body: string | Buffer, headers: Record<string, string> = JSON_TYPE) => emulator.handle(request('POST', '/api/v2/sessions', { headers, body }));
    for (const bad of ['', '{', '{"username":"user1","password":', 'null', '[]', '"x"', '{"username":"user1"}', '{"password":"pass1"}', '{"username":1,"password":"pass1"}', '{"__proto__":{"username":"user1","password":"pass1"}}', '{"constructor":{"prototype":{}}}']) {
      assertError(post(bad), 400);
    }
    assertError(post(Buffer.from([0xff, 0xfe, 0x00])), 400);
    assertError(post('{"username":"user1","password":"pass1"}', {}), 415);
    assertError(post('{"username":"user1","password":"pass1"}', { 'Content-Type': 'text/plain' }), 415);
    assertError(post('{"username":"ünïcødé","password":"pass1"}'), 401);
    assert.equal(post('{"username":"user1","password":"pass1","__proto__":{"x":1},"options":{}}').status, 201);
  });

  it('answers unknown paths 404 and unknown methods 405 with an Allow header', () => {
    const { emulator } = setup();
    assertError(emulator.handle(request('GET', '/api/v2/nothing')), 404);
    assertError(emulator.handle(request('GET', '/api/v2/sessions/1/x')), 404);
    const deleted = emulator.handle(request('DELETE', '/api/v2/sessions'));
    assertError(deleted, 405);
    assert.equal(header(deleted, 'Allow'), 'GET, POST');
    assertError(emulator.handle(request('__proto__', '/api/v2/sessions/current')), 405);
  });

  it('formats host errors (oversize body, crash) in its own error format', () => {
    const { emulator } = setup();
    assertError(emulator.error(413, 'too big'), 413);
    assertError(emulator.error(500, 'boom'), 500);
  });

  it('catalogues at least ten one-line faults, each changing what a client sees', () => {
    const names = Object.keys(ADDRESS_MANAGER_FAULTS) as AddressManagerFault[];
    assert.ok(names.length >= 10);
    for (const name of names) assert.match(ADDRESS_MANAGER_FAULTS[name]!, /^[^\n]+$/);
  });
});
