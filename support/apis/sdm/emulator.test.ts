// Unit tests of the Oracle SDM emulator's pure handler (no socket) and of the SDM schemas: every branch of
// SDM-01..08 and the security baseline, bad input that must stay a well-formed 4xx, and the idle timeout.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sdmDeviceGroupsXml, sdmSessionJson, sdmSessionXml } from './schemas';
import { parseXml } from '../../xml';
import { Clock } from '../../emulators/clock';
import { SDM_MESSAGES, createSdmEmulator, type SdmOptions } from './emulator';
import { SDM_FAULTS } from './faults';
import { type EmuResponse, emuRequest } from '../../emulators/types';

const SEED_XML = '<?xml version="1.0" encoding="UTF-8"?>\n<session>\n<userName>admin</userName>\n<password>password</password>\n</session>';
const SEED_JSON = '{\n"userName": "admin",\n"password": "password"\n}';
const XML = 'application/xml';
const JSON_TYPE = 'application/json';

function emulator(options: Partial<SdmOptions> = {}) {
  return createSdmEmulator({ username: 'admin', password: 'password', ...options });
}

const req = (method: string, path: string, headers: Record<string, string> = {}, body = '') => emuRequest({ method, rawPath: path, headers, body })!;

function login(emu: ReturnType<typeof emulator>, body: string, contentType: string | undefined, accept?: string, version = 'v1.3'): EmuResponse {
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers['Content-Type'] = contentType;
  if (accept !== undefined) headers.Accept = accept;
  return emu.handle(req('POST', `/rest/${version}/admin/login`, headers, body));
}

function probe(emu: ReturnType<typeof emulator>, cookie?: string, accept?: string): EmuResponse {
  const headers = { ...(cookie === undefined ? {} : { Cookie: cookie }), ...(accept === undefined ? {} : { Accept: accept }) };
  return emu.handle(req('GET', '/rest/v1.3/inventory/deviceMgmt/deviceGroups', headers));
}

function logout(emu: ReturnType<typeof emulator>, cookie?: string): EmuResponse {
  return emu.handle(req('POST', '/rest/v1.3/admin/logout', cookie === undefined ? {} : { Cookie: cookie }));
}

const header = (response: EmuResponse, name: string): string | undefined => {
  const entry = Object.entries(response.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return entry === undefined ? undefined : Array.isArray(entry[1]) ? entry[1].join('\n') : entry[1];
};
const text = (response: EmuResponse): string => String(response.body ?? '');
const xmlSession = (response: EmuResponse) => sdmSessionXml.parse(parseXml(text(response))).session;
const cookieId = (response: EmuResponse): string => /^JSESSIONID=([^;]*)/.exec(header(response, 'Set-Cookie') ?? '')?.[1] ?? '';

/** A well-formed error in the format negotiated: XML <error> or JSON {code, message}. */
function assertWellFormedError(response: EmuResponse, status: number): void {
  assert.equal(response.status, status);
  const type = header(response, 'Content-Type');
  if (type === JSON_TYPE) assert.equal((JSON.parse(text(response)) as { code: number }).code, status);
  else assert.equal(readError(response).code, String(status));
}
const readError = (response: EmuResponse) => (parseXml(text(response)) as { error: { code: string; message: string } }).error;

describe('SDM login (SDM-01, SDM-02, SDM-03, SDM-08)', () => {
  test('answers the seed XML login with the six documented elements in a standalone XML document', () => {
    const response = login(emulator(), SEED_XML, XML, XML);
    assert.equal(response.status, 200);
    assert.equal(header(response, 'Content-Type'), XML);
    assert.match(text(response), /^<\?xml version="1\.0" encoding="UTF-8" standalone="yes"\?><session><idleTimeout>0<\/idleTimeout><serverInfo>/);
    const session = xmlSession(response);
    assert.deepEqual(Object.keys(session), ['idleTimeout', 'serverInfo', 'sessionId', 'userGroup', 'userName', 'validUntil']);
    assert.equal(session.idleTimeout, 0);
    assert.equal(session.userName, 'admin');
    assert.equal(session.userGroup, 'administrators');
    assert.equal(session.validUntil, 'valid until logout');
    assert.match(session.sessionId, /^[0-9A-F]{32}\.tomcat1$/);
  });

  test('answers the seed JSON login (no root element) with the same fields as JSON', () => {
    const response = login(emulator(), SEED_JSON, JSON_TYPE, JSON_TYPE);
    assert.equal(response.status, 200);
    assert.equal(header(response, 'Content-Type'), JSON_TYPE);
    const session = sdmSessionJson.parse(JSON.parse(text(response)));
    assert.equal(session.idleTimeout, 0);
    assert.equal(session.serverInfo, 'NNC82_5');
  });

  test('sets JSESSIONID = sessionId with Path=/rest and HttpOnly, and X-Frame-Options: SAMEORIGIN', () => {
    const response = login(emulator(), SEED_XML, XML, XML);
    const session = xmlSession(response);
    assert.equal(header(response, 'Set-Cookie'), `JSESSIONID=${session.sessionId}; Path=/rest; HttpOnly`);
    assert.equal(header(response, 'X-Frame-Options'), 'SAMEORIGIN');
  });

  test('accepts an XML body without the declaration, with text/xml, a charset and a byte order mark', () => {
    const emu = emulator();
    assert.equal(login(emu, '<session><userName>admin</userName><password>password</password></session>', XML).status, 200);
    assert.equal(login(emu, SEED_XML, 'text/xml; charset=UTF-8').status, 200);
    assert.equal(login(emu, `\uFEFF${SEED_XML}`, XML).status, 200);
    assert.equal(login(emu, '{"userName":"admin","password":"password"}', 'application/json; charset=utf-8').status, 200);
  });

  test('answers in the Accept format for both mixed pairs', () => {
    const emu = emulator();
    assert.equal(header(login(emu, SEED_XML, XML, JSON_TYPE), 'Content-Type'), JSON_TYPE);
    assert.equal(header(login(emu, SEED_JSON, JSON_TYPE, XML), 'Content-Type'), XML);
  });

  test('answers in the request format when Accept is missing, empty or a wildcard', () => {
    const emu = emulator();
    for (const accept of [undefined, '', '*/*', 'application/*']) {
      assert.equal(header(login(emu, SEED_XML, XML, accept), 'Content-Type'), XML, `XML with Accept ${accept}`);
      assert.equal(header(login(emu, SEED_JSON, JSON_TYPE, accept), 'Content-Type'), JSON_TYPE, `JSON with Accept ${accept}`);
    }
  });

  test('follows Accept quality values and answers 406 when it accepts neither format', () => {
    const emu = emulator();
    assert.equal(header(login(emu, SEED_XML, XML, 'application/xml;q=0.4, application/json'), 'Content-Type'), JSON_TYPE);
    assert.equal(header(login(emu, SEED_JSON, JSON_TYPE, 'application/json;q=0, text/xml'), 'Content-Type'), XML);
    assertWellFormedError(login(emu, SEED_XML, XML, 'text/html'), 406);
  });

  test('gives two logins of the same user two sessions', () => {
    const emu = emulator();
    assert.notEqual(cookieId(login(emu, SEED_XML, XML)), cookieId(login(emu, SEED_XML, XML)));
  });

  test('resolves the predefined XML entities and character references in credentials, and nothing else', () => {
    const emu = createSdmEmulator({ username: 'Zoë', password: 'p&ss<1>' });
    assert.equal(login(emu, '<session><userName>Zo&#xEB;</userName><password>p&amp;ss&lt;1&gt;</password></session>', XML).status, 200);
    assert.equal(login(emu, '<session><userName>Zoë</userName><password>p&amp;ss&lt;1&gt;</password></session>', XML).status, 200);
    assert.equal(login(emu, '<session><userName>Zoë</userName><password>p&amp;ss&lt;1&gt;x</password></session>', XML).status, 401);
  });

  test('knows the versions v1.0 to v1.3', () => {
    const emu = emulator();
    for (const version of ['v1.0', 'v1.1', 'v1.2', 'v1.3']) assert.equal(login(emu, SEED_XML, XML, XML, version).status, 200);
  });
});

describe('SDM refusals (SDM-05, SDM-06, SDM-07, SEC-01, SEC-02)', () => {
  const badBodies: Array<[string, string, string]> = [
    ['truncated XML', XML, '<session><userName>admin</userName><password>'],
    ['text that is not XML', XML, 'userName=admin&password=password'],
    ['an empty XML body', XML, ''],
    ['a DOCTYPE with an entity', XML, '<!DOCTYPE session [<!ENTITY pw "password">]><session><userName>admin</userName><password>&pw;</password></session>'],
    ['an external entity', XML, '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><session><userName>&x;</userName></session>'],
    ['a __proto__ element', XML, '<session><__proto__><admin>1</admin></__proto__><userName>admin</userName><password>password</password></session>'],
    ['a constructor element', XML, '<session><constructor>1</constructor><userName>admin</userName><password>password</password></session>'],
    ['another root element', XML, '<login><userName>admin</userName><password>password</password></login>'],
    ['a repeated userName', XML, '<session><userName>admin</userName><userName>root</userName><password>password</password></session>'],
    ['a nested password', XML, '<session><userName>admin</userName><password><value>password</value></password></session>'],
    ['truncated JSON', JSON_TYPE, '{"userName": "admin", "password":'],
    ['a JSON array', JSON_TYPE, '["admin", "password"]'],
    ['a JSON string', JSON_TYPE, '"admin"'],
    ['an empty JSON body', JSON_TYPE, ''],
    ['a numeric password', JSON_TYPE, '{"userName": "admin", "password": 12345}'],
    ['a null userName', JSON_TYPE, '{"userName": null, "password": "password"}'],
  ];
  for (const [name, type, body] of badBodies) {
    test(`refuses ${name} with a well-formed 400 and no cookie`, () => {
      const response = login(emulator(), body, type);
      assertWellFormedError(response, 400);
      assert.equal(header(response, 'Set-Cookie'), undefined);
    });
  }

  test('refuses a body without userName or password, an empty <session> and a wrapped JSON body with 400', () => {
    const emu = emulator();
    for (const [type, body] of [
      [XML, '<session><userName>admin</userName></session>'],
      [XML, '<session/>'],
      [JSON_TYPE, '{"password": "password"}'],
      [JSON_TYPE, '{"session": {"userName": "admin", "password": "password"}}'],
      [JSON_TYPE, '{"__proto__": {"userName": "admin"}, "constructor": 1, "password": "password"}'],
    ] as const) {
      const response = login(emu, body, type);
      assertWellFormedError(response, 400);
      assert.equal(readErrorMessage(response), SDM_MESSAGES.invalidInput);
    }
  });

  test('answers a form-encoded body or a missing Content-Type 415', () => {
    const emu = emulator();
    assertWellFormedError(login(emu, 'userName=admin&password=password', 'application/x-www-form-urlencoded'), 415);
    assertWellFormedError(login(emu, SEED_XML, undefined), 415);
  });

  test('answers a wrong password and an unknown user with the same 401 and no cookie', () => {
    const emu = emulator();
    const wrongPassword = login(emu, '{"userName":"admin","password":"nope"}', JSON_TYPE);
    const unknownUser = login(emu, '{"userName":"nobody","password":"password"}', JSON_TYPE);
    const nonAscii = login(emu, '{"userName":"Ädmin ☃","password":"password"}', JSON_TYPE);
    for (const response of [wrongPassword, unknownUser, nonAscii]) {
      assertWellFormedError(response, 401);
      assert.equal(header(response, 'Set-Cookie'), undefined);
    }
    assert.equal(text(wrongPassword), text(unknownUser));
    assert.equal(readErrorMessage(wrongPassword), SDM_MESSAGES.badCredentials);
  });

  test('answers an unknown version 404 before it looks at the credentials', () => {
    const emu = emulator();
    for (const version of ['v9.9', 'v1.4', '1.3', 'latest']) {
      const response = login(emu, '{"userName":"x","password":"y"}', JSON_TYPE, undefined, version);
      assertWellFormedError(response, 404);
      assert.equal(readErrorMessage(response), SDM_MESSAGES.unknownVersion);
    }
  });

  test('answers unknown paths 404 and other methods 405 with Allow', () => {
    const emu = emulator();
    assertWellFormedError(emu.handle(req('GET', '/')), 404);
    assertWellFormedError(emu.handle(req('GET', '/rest/v1.3/admin/nothing')), 404);
    const wrongMethod = emu.handle(req('GET', '/rest/v1.3/admin/login'));
    assertWellFormedError(wrongMethod, 405);
    assert.equal(header(wrongMethod, 'Allow'), 'POST');
    assertWellFormedError(emu.handle(req('BREW', '/rest/v1.3/inventory/deviceMgmt/deviceGroups')), 405);
  });

  test('formats host errors like its own: XML by default, JSON for a JSON client', () => {
    const emu = emulator();
    assertWellFormedError(emu.error(413, 'Request body exceeds 1048576 bytes.'), 413);
    const json = emu.error(500, 'Internal error', req('POST', '/rest/v1.3/admin/login', { 'content-type': JSON_TYPE }));
    assert.equal(header(json, 'Content-Type'), JSON_TYPE);
    assertWellFormedError(json, 500);
  });
});

function readErrorMessage(response: EmuResponse): string {
  return header(response, 'Content-Type') === JSON_TYPE ? (JSON.parse(text(response)) as { message: string }).message : readError(response).message;
}

describe('SDM session (SDM-03, SDM-04, SDM-08, SEC-03, SEC-05)', () => {
  test('opens the deviceGroups probe with JSESSIONID, among other cookies, and refuses it without', () => {
    const emu = emulator();
    const id = cookieId(login(emu, SEED_XML, XML));
    const ok = probe(emu, `theme=dark; JSESSIONID=${id}`);
    assert.equal(ok.status, 200);
    sdmDeviceGroupsXml.parse(parseXml(text(ok)));
    assertWellFormedError(probe(emu), 401);
    assertWellFormedError(probe(emu, 'JSESSIONID=0123456789ABCDEF0123456789ABCDEF.tomcat1'), 401);
    assert.equal(readErrorMessage(probe(emu, 'JSESSIONID=')), SDM_MESSAGES.badSession);
  });

  test('accepts the bare sessionId as the whole Cookie header, as the seed\'s Python example sends it', () => {
    const emu = emulator();
    const session = xmlSession(login(emu, SEED_XML, XML));
    assert.equal(probe(emu, session.sessionId).status, 200);
    assert.equal(probe(emu, `${session.sessionId}x`).status, 401);
  });

  test('answers the probe in JSON when asked', () => {
    const emu = emulator();
    const response = probe(emu, `JSESSIONID=${cookieId(login(emu, SEED_XML, XML))}`, JSON_TYPE);
    assert.equal(header(response, 'Content-Type'), JSON_TYPE);
    assert.ok(Array.isArray((JSON.parse(text(response)) as { deviceGroup: unknown }).deviceGroup));
  });

  test('logs out with 204, an expiring HttpOnly cookie and a dead session; a second logout is 401', () => {
    const emu = emulator();
    const cookie = `JSESSIONID=${cookieId(login(emu, SEED_XML, XML))}`;
    const response = logout(emu, cookie);
    assert.equal(response.status, 204);
    assert.equal(response.body, undefined);
    assert.match(header(response, 'Set-Cookie') ?? '', /^JSESSIONID=; Path=\/rest; Max-Age=0; .*HttpOnly/);
    assert.equal(probe(emu, cookie).status, 401);
    assertWellFormedError(logout(emu, cookie), 401);
    assertWellFormedError(logout(emu), 401);
  });

  test('logging one session out leaves the other session of the same user working', () => {
    const emu = emulator();
    const first = `JSESSIONID=${cookieId(login(emu, SEED_XML, XML))}`;
    const second = `JSESSIONID=${cookieId(login(emu, SEED_XML, XML))}`;
    assert.equal(logout(emu, first).status, 204);
    assert.equal(probe(emu, first).status, 401);
    assert.equal(probe(emu, second).status, 200);
  });

  test('keeps a session with idleTimeout 0 valid until logout, hours later', () => {
    const clock = new Clock();
    const emu = emulator({ clock });
    const cookie = `JSESSIONID=${cookieId(login(emu, SEED_XML, XML))}`;
    clock.advance(72 * 3_600_000);
    assert.equal(probe(emu, cookie).status, 200);
  });

  test('ends an idle session after the configured idle timeout, and reports that timeout', () => {
    const clock = new Clock();
    const emu = emulator({ clock, idleTimeoutMinutes: 30 });
    const response = login(emu, SEED_XML, XML);
    assert.equal(xmlSession(response).idleTimeout, 30);
    const cookie = `JSESSIONID=${cookieId(response)}`;
    clock.advance(29 * 60_000);
    assert.equal(probe(emu, cookie).status, 200, 'a request 29 minutes later keeps it alive');
    clock.advance(29 * 60_000);
    assert.equal(probe(emu, cookie).status, 200);
    clock.advance(30 * 60_000);
    assert.equal(probe(emu, cookie).status, 401);
  });
});

describe('SDM faults and schemas', () => {
  test('catalogues at least ten faults, each with a one-line description', () => {
    const entries = SDM_FAULTS.map((fault) => [fault.name, fault.says] as const);
    assert.ok(entries.length >= 10);
    for (const [name, description] of entries) {
      assert.match(name, /^[a-z0-9-]+$/);
      assert.ok(description.length > 10 && !description.includes('\n'));
    }
  });

  test('every fault changes the answer to some request of a small fixed script', () => {
    const script = (fault?: string): string => {
      const clock = new Clock();
      const emu = emulator({ fault, clock });
      const scrub = (value: string) => value.replace(/[0-9A-F]{32}/g, 'ID');
      const show = (r: EmuResponse) => scrub(`${r.status} ${JSON.stringify(r.headers)} ${text(r)}`);
      const out: string[] = [];
      const a = login(emu, SEED_XML, XML, XML);
      const aId = cookieId(a);
      const aBody = /<sessionId>([^<]*)</.exec(text(a))?.[1] ?? '';
      out.push(show(a), show(login(emu, SEED_XML, XML, JSON_TYPE)), show(login(emu, SEED_JSON, JSON_TYPE, XML)));
      out.push(show(login(emu, SEED_JSON, JSON_TYPE)), show(login(emu, SEED_JSON, JSON_TYPE, JSON_TYPE)), show(login(emu, SEED_JSON, JSON_TYPE, '*/*')));
      out.push(show(login(emu, '<session><userName>admin</userName><password>password</password></session>', XML)));
      out.push(show(login(emu, '{"userName":"admin","password":"x"}', JSON_TYPE)), show(login(emu, '{"userName":"nobody","password":"password"}', JSON_TYPE)));
      out.push(show(login(emu, '<session><userName>admin</userName>', XML)), show(login(emu, '{"password":"password"}', JSON_TYPE)));
      out.push(show(login(emu, '{"session":{"userName":"admin","password":"password"}}', JSON_TYPE)));
      out.push(show(login(emu, '<login><userName>admin</userName><password>password</password></login>', XML)));
      out.push(show(login(emu, '<!DOCTYPE session [<!ENTITY pw "password">]><session><userName>admin</userName><password>&pw;</password></session>', XML)));
      out.push(show(login(emu, 'userName=admin', 'application/x-www-form-urlencoded')));
      out.push(show(login(emu, SEED_XML, XML, XML, 'v9.9')), show(login(emu, SEED_XML, XML, XML, 'v1.0')));
      out.push(show(probe(emu)), show(probe(emu, aBody)), show(probe(emu, `JSESSIONID=${aId}`)));
      const b = `JSESSIONID=${cookieId(login(emu, SEED_XML, XML))}`;
      out.push(show(logout(emu)), show(logout(emu, 'JSESSIONID=0123456789ABCDEF0123456789ABCDEF')));
      clock.advance(31 * 60_000);
      out.push(show(probe(emu, b)));
      out.push(show(logout(emu, `JSESSIONID=${aId}`)), show(probe(emu, `JSESSIONID=${aId}`)), show(probe(emu, b)));
      return out.join('\n');
    };
    const baseline = script();
    for (const fault of SDM_FAULTS.map((f) => f.name)) assert.notEqual(script(fault), baseline, fault);
  });

  test('the XML session schema reads the seed\'s example answer and types idleTimeout as an integer', () => {
    const seedAnswer =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<session>\n<idleTimeout>0</idleTimeout>\n<serverInfo>NNC82</serverInfo>\n<sessionId>37366B7ECFF47D540C87705CF7584AD9.tomcat1</sessionId>\n<userGroup>administrators</userGroup>\n<userName>admin</userName>\n<validUntil>valid until logout</validUntil>\n</session>';
    assert.equal(sdmSessionXml.parse(parseXml(seedAnswer)).session.idleTimeout, 0);
    assert.equal(sdmSessionXml.safeParse(parseXml(seedAnswer.replace('<idleTimeout>0', '<idleTimeout>zero'))).success, false);
    assert.equal(sdmSessionXml.safeParse(parseXml(seedAnswer.replace('37366B7E', '37366b7e'))).success, false);
    assert.equal(sdmSessionXml.safeParse(parseXml(seedAnswer.replace(/<sessionId>.*<\/sessionId>\n/, ''))).success, false);
  });

  test('the JSON session schema reads the seed\'s example answer and refuses idleTimeout as a string', () => {
    const seedAnswer = {
      idleTimeout: 0,
      serverInfo: 'NNC82_5',
      sessionId: '2F42C14157AEA4956E97ED80A755671E.tomcat1',
      userGroup: 'administrators',
      userName: 'admin',
      validUntil: 'valid until logout',
    };
    assert.equal(sdmSessionJson.safeParse(seedAnswer).success, true);
    assert.equal(sdmSessionJson.safeParse({ ...seedAnswer, idleTimeout: '0' }).success, false);
    assert.equal(sdmSessionJson.safeParse({ ...seedAnswer, extra: 1 }).success, false);
  });

  test('the device groups schema accepts an empty or a filled <deviceGroups> and nothing else', () => {
    assert.equal(sdmDeviceGroupsXml.safeParse(parseXml('<deviceGroups/>')).success, true);
    assert.equal(sdmDeviceGroupsXml.safeParse(parseXml('<deviceGroups><deviceGroup><name>Home</name></deviceGroup></deviceGroups>')).success, true);
    assert.equal(sdmDeviceGroupsXml.safeParse(parseXml('<error><code>401</code></error>')).success, false);
  });
});
