// The sandbox's controls (support/emulators/control.ts, docs/sandbox.md) against a running `npm run
// sandbox` process: the clock moves a token past its lifetime, a fault switched on changes an answer and
// off restores it, a reset forgets sessions, the received log names what came and never a value, and
// only a loopback Host (on a loopback bind) may steer it. The acceptance suite's emulators have no controls.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../support/config';
import { startEmulators } from '../support/emulators';
import { formatDuration, hostOfHeader, isLoopbackAddress, parseDuration } from '../support/emulators/control';
import { FAULTS } from '../support/emulators/faults';
import type { RunningEmulator } from '../support/emulators/host';
import { startSandboxProcess, type Sandbox } from './sandbox-process';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => any;
}

/** One request with exactly the headers given (node:http lets a test send any Host, or none). */
function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string; setHost?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers: init.headers, setHost: init.setHost ?? true, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode!, headers: response.headers, text, json: () => JSON.parse(text) });
      });
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) => send(url, { body: typeof body === 'string' ? body : JSON.stringify(body), headers });

/** One sentence: no full stop followed by a space before its end, one at the end. */
function assertOneSentence(sentence: unknown) {
  assert.equal(typeof sentence, 'string');
  assert.match(sentence as string, /^["/A-Za-z].*[.]$/s);
  assert.doesNotMatch((sentence as string).slice(0, -1), /\.\s/, `more than one sentence: ${sentence as string}`);
}

// Credentials of the test's own, so none is a printed demo value and the received log can be searched for them.
const CREDENTIALS = {
  TOKEN_LOGIN_USERNAME: 'qa-token-user',
  TOKEN_LOGIN_PASSWORD: 'qa-token-password-7f3a',
  SDM_USERNAME: 'qa-sdm-admin',
  SDM_PASSWORD: 'qa-sdm-password-91c2',
  O2G_USERNAME: 'qa-o2g-user',
  O2G_PASSWORD: 'qa-o2g-password-44d1',
};
const SETTINGS = { ...CREDENTIALS, EMULATOR_FAULT: '', TOKEN_LOGIN_STATUS_MODE: 'body' };

describe('the sandbox controls (on a loopback address)', () => {
  let sandbox: Sandbox;
  let token: string;
  let sdm: string;
  let o2g: string;
  const login = () => send(`${token}/login`, { headers: { 'User-Name': CREDENTIALS.TOKEN_LOGIN_USERNAME, Password: CREDENTIALS.TOKEN_LOGIN_PASSWORD } });
  const companyInfo = (jwt: string) => send(`${token}/company/info`, { headers: { Token: jwt } });
  const sdmLogin = async () => {
    const body = `<session><userName>${CREDENTIALS.SDM_USERNAME}</userName><password>${CREDENTIALS.SDM_PASSWORD}</password></session>`;
    const answer = await send(`${sdm}/rest/v1.3/admin/login`, { body, headers: { 'Content-Type': 'application/xml', Accept: 'application/xml' } });
    assert.equal(answer.status, 200, answer.text);
    return /JSESSIONID=([^;]+)/.exec(String(answer.headers['set-cookie']))![1]!;
  };
  const deviceGroups = (session: string) => send(`${sdm}/rest/v1.3/inventory/deviceMgmt/deviceGroups`, { headers: { Cookie: `JSESSIONID=${session}`, Accept: 'application/xml' } });

  before(async () => {
    sandbox = await startSandboxProcess(SETTINGS);
    token = sandbox.env.TOKEN_LOGIN_BASE_URL!;
    sdm = sandbox.env.SDM_BASE_URL!;
    o2g = sandbox.env.O2G_BASE_URL!;
  });
  after(() => sandbox?.stop());

  it('prints each port\'s control URL and lists, on GET /__sandbox, the controls and the faults of that API', async () => {
    for (const name of ['O2G', 'ADDRESS_MANAGER', 'ALM', 'TOKEN_LOGIN', 'SDM']) {
      assert.ok(sandbox.output.includes(`  controls: ${sandbox.env[`${name}_BASE_URL`]}/__sandbox `), `${name}'s control URL is printed:\n${sandbox.output}`);
    }
    const listed = await send(`${token}/__sandbox`);
    assert.equal(listed.status, 200, listed.text);
    assert.match(String(listed.headers['content-type']), /^application\/json/);
    const body = listed.json();
    assert.equal(body.api, 'token-login');
    assert.equal(body.fault, null);
    assert.equal(body.clock.offset, '0s');
    assert.deepEqual(body.controls.map((c: { method: string; path: string }) => `${c.method} ${c.path}`), ['GET /__sandbox', 'POST /__sandbox/clock', 'POST /__sandbox/fault', 'POST /__sandbox/reset', 'GET /__sandbox/received']);
    assert.deepEqual(body.faults.map((f: { name: string }) => f.name), FAULTS['token-login'].map((f) => f.name));
    assert.equal((await send(`${sdm}/__sandbox`)).json().api, 'sdm', 'each port acts on its own API');
  });

  it('moves the clock: token-login\'s 30-minute token answers 498 once 31 minutes have passed, and 200 again once the clock is reset', async () => {
    const issued = (await login()).json().token as string;
    try {
      assert.equal((await companyInfo(issued)).json().code, 200);
      const moved = await post(`${token}/__sandbox/clock`, { advance: '29m' });
      assert.equal(moved.status, 200, moved.text);
      assert.equal((await companyInfo(issued)).json().code, 200, 'still alive after 29 minutes');
      const later = await post(`${token}/__sandbox/clock`, { advance: '120s' });
      assert.equal(later.json().clock.offset, '31m');
      const expired = await companyInfo(issued);
      assert.deepEqual(expired.json(), { code: 498, message: 'Token has expired.', status: 'error' });
      // The emulator's Date header follows its clock.
      const ahead = Date.parse(String(expired.headers.date)) - Date.now();
      assert.ok(Math.abs(ahead - 31 * 60_000) < 60_000, `Date is ${ahead} ms ahead`);
      const reset = await post(`${token}/__sandbox/clock`, { reset: true });
      assert.equal(reset.json().clock.offset, '0s');
      assert.equal((await companyInfo(issued)).json().code, 200, 'alive again on real time');
      await post(`${token}/__sandbox/clock`, { advance: '1h' });
      assert.equal((await companyInfo(issued)).json().code, 498, 'the h unit moves it too');
    } finally {
      await post(`${token}/__sandbox/clock`, { reset: true });
    }
  });

  it('refuses a bad duration, bad JSON and unknown fields with 400 and one sentence naming the value and what was expected', async () => {
    const cases: Array<[path: string, body: string, sentence: RegExp]> = [
      ['clock', '{"advance":"31x"}', /^"advance" is "31x"; expected a whole number of seconds, minutes or hours such as "90s", "31m" or "2h"\.$/],
      ['clock', '{"advance":31}', /^"advance" is 31; expected .*"31m"/],
      ['clock', '{"advance":"-5m"}', /"-5m"/],
      ['clock', '{"advance":"8761h"}', /^Advancing "8761h" would put the clock 8761h ahead; expected at most 8760h/],
      ['clock', '{"reset":"yes"}', /^"reset" is "yes"; expected true\.$/],
      ['clock', '{"advanse":"31m"}', /^POST \/__sandbox\/clock takes only "advance" or "reset", not "advanse"\.$/],
      ['clock', '{"advance":"31m","reset":true}', /^POST \/__sandbox\/clock takes "advance" or "reset", not both\.$/],
      ['clock', '{}', /^POST \/__sandbox\/clock needs "advance" or "reset", as in \{"advance":"31m"\} or \{"reset":true\}\.$/],
      ['clock', '{advance: 31m}', /^The body of POST \/__sandbox\/clock is not JSON \("\{advance: 31m\}"\); expected \{"advance":"31m"\} or \{"reset":true\}\.$/],
      ['clock', '["31m"]', /is "\[\\"31m\\"\]", not a JSON object/],
      ['clock', '', /needs a JSON body such as \{"advance":"31m"\}/],
      ['fault', '{"fault":"no-such-fault"}', /^token-login has no fault named "no-such-fault"; expected one of sixty-minute-token, .*, or null to switch the fault off\.$/],
      ['fault', '{}', /needs "fault"/],
      ['reset', '{"clock":true}', /^POST \/__sandbox\/reset takes no fields, not "clock"\.$/],
    ];
    for (const [control, body, sentence] of cases) {
      const refused = await post(`${token}/__sandbox/${control}`, body);
      assert.equal(refused.status, 400, `${control} ${body}: ${refused.text}`);
      assertOneSentence(refused.json().error);
      assert.match(refused.json().error, sentence);
    }
    const state = (await send(`${token}/__sandbox`)).json();
    assert.deepEqual([state.fault, state.clock.offset], [null, '0s'], 'a refused control changes nothing');
    const unknown = await send(`${token}/__sandbox/time`);
    assert.equal(unknown.status, 404);
    assert.match(unknown.json().error, /^There is no sandbox control at \/__sandbox\/time; GET \/__sandbox lists them\.$/);
    const wrongMethod = await send(`${token}/__sandbox/clock`);
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.allow, 'POST');
    assertOneSentence(wrongMethod.json().error);
  });

  it('switches a fault on, which changes an answer, and off, which restores it, keeping the clock', async () => {
    try {
      assert.equal((await login()).json().message, undefined);
      await post(`${token}/__sandbox/clock`, { advance: '31m' });
      const on = await post(`${token}/__sandbox/fault`, { fault: 'message-on-success' });
      assert.equal(on.status, 200, on.text);
      assert.deepEqual([on.json().fault, on.json().says, on.json().behaviours, on.json().clock.offset], ['message-on-success', 'the emulator adds a message to the success answer', ['TOK-06'], '31m']);
      assert.equal((await login()).json().message, 'Logged in.', 'the fault changes the answer');
      const off = await post(`${token}/__sandbox/fault`, { fault: null });
      assert.deepEqual([off.json().fault, off.json().clock.offset], [null, '31m']);
      assert.equal((await login()).json().message, undefined, 'switched off, the answer is the documented one again');
      const date = Date.parse(String((await login()).headers.date)) - Date.now();
      assert.ok(Math.abs(date - 31 * 60_000) < 60_000, 'the fresh emulator keeps the clock');
    } finally {
      await post(`${token}/__sandbox/fault`, { fault: null });
      await post(`${token}/__sandbox/clock`, { reset: true });
    }
  });

  it('forgets the sessions on a reset and on a fault switch, keeping the fault and the clock', async () => {
    try {
      const session = await sdmLogin();
      assert.equal((await deviceGroups(session)).status, 200);
      await post(`${sdm}/__sandbox/fault`, { fault: 'always-json' });
      await post(`${sdm}/__sandbox/clock`, { advance: '90s' });
      const reset = await send(`${sdm}/__sandbox/reset`, { method: 'POST' });
      assert.equal(reset.status, 200, reset.text);
      assert.deepEqual([reset.json().fault, reset.json().clock.offset], ['always-json', '1m30s']);
      assert.equal((await deviceGroups(session)).status, 401, 'the session opened before the reset is gone');
      const again = await sdmLogin();
      assert.equal((await deviceGroups(again)).status, 200);
      await post(`${sdm}/__sandbox/fault`, { fault: null });
      assert.equal((await deviceGroups(again)).status, 401, 'a fault switch starts a fresh emulator too');
    } finally {
      await post(`${sdm}/__sandbox/fault`, { fault: null });
      await post(`${sdm}/__sandbox/clock`, { reset: true });
    }
  });

  it('shows what the emulator received: names and the Authorization scheme, never a value', async () => {
    await send(`${o2g}/__sandbox/reset`, { method: 'POST' });
    const basic = Buffer.from(`${CREDENTIALS.O2G_USERNAME}:${CREDENTIALS.O2G_PASSWORD}`).toString('base64');
    await send(`${o2g}/api/rest/authenticate?version=1.0&probe=query-value-5e1d`, { headers: { Authorization: `Basic ${basic}`, Cookie: 'AlcUserId=cookie-value-0b7c', 'X-Trace': 'trace-value-c3aa' } });
    const received = await send(`${o2g}/__sandbox/received`);
    assert.equal(received.status, 200, received.text);
    const requests = received.json().requests as Array<Record<string, unknown>>;
    assert.equal(requests.length, 1, `only the emulator's own request is logged, no control request: ${received.text}`);
    const { headerNames, ...rest } = requests[0] as { headerNames: string[] };
    // node:http adds Host and Connection itself.
    assert.deepEqual(headerNames.filter((name) => name !== 'host' && name !== 'connection'), ['authorization', 'cookie', 'x-trace']);
    assert.deepEqual(rest, { method: 'GET', path: '/api/rest/authenticate', queryNames: ['version', 'probe'], authorization: 'Basic', cookieNames: ['AlcUserId'] });
    for (const value of [basic, CREDENTIALS.O2G_USERNAME, CREDENTIALS.O2G_PASSWORD, 'cookie-value-0b7c', 'trace-value-c3aa', 'query-value-5e1d']) {
      assert.ok(!received.text.includes(value), `the received log shows ${value}`);
    }
  });

  it('refuses a request whose Host or Origin is not a loopback one with 403 and one sentence; 127.0.0.1, localhost and [::1] pass', async () => {
    const port = new URL(token).port;
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1.evil.example', 'localhost.evil.example', '10.0.0.1']) {
      const refused = await send(`${token}/__sandbox`, { headers: { Host: host } });
      assert.equal(refused.status, 403, `${host}: ${refused.text}`);
      assertOneSentence(refused.json().error);
      assert.ok(refused.json().error.includes(`"${host}"`), refused.json().error);
    }
    const moved = await post(`${token}/__sandbox/clock`, { advance: '31m' }, { Host: 'evil.example' });
    assert.equal(moved.status, 403);
    assert.equal(moved.json().error, 'The sandbox controls answer only requests whose Host header names a loopback address (127.0.0.1, ::1 or localhost, any port), and this one\'s is "evil.example".');
    const noHost = await send(`${token}/__sandbox`, { setHost: false });
    assert.equal(noHost.status, 403);
    assert.match(noHost.json().error, /and this one's is none\.$/);
    const crossSite = await post(`${token}/__sandbox/fault`, { fault: 'any-password' }, { Origin: 'https://evil.example' });
    assert.equal(crossSite.status, 403);
    assert.equal(crossSite.json().error, 'The sandbox controls answer only requests from a tool or a page on a loopback address, and this one comes from the page "https://evil.example".');
    assert.equal((await post(`${token}/__sandbox/fault`, { fault: 'any-password' }, { Origin: 'null' })).status, 403);
    assert.deepEqual([(await send(`${token}/__sandbox`)).json().fault, (await send(`${token}/__sandbox`)).json().clock.offset], [null, '0s'], 'nothing refused took effect');
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', 'LOCALHOST', `[::1]:${port}`, '127.0.0.1']) {
      const passed = await send(`${token}/__sandbox`, { headers: { Host: host } });
      assert.equal(passed.status, 200, `${host}: ${passed.text}`);
    }
    assert.equal((await post(`${token}/__sandbox/clock`, { advance: '0s' }, { Origin: `http://localhost:${port}` })).status, 200);
    // Only the controls check the Host: the emulator's own routes answer as before.
    const own = await send(`${token}/login`, { headers: { Host: 'evil.example', 'User-Name': CREDENTIALS.TOKEN_LOGIN_USERNAME, Password: CREDENTIALS.TOKEN_LOGIN_PASSWORD } });
    assert.equal(own.json().status, 'ok');
  });
});

describe('the sandbox on a non-loopback address (SANDBOX_HOST=0.0.0.0)', () => {
  it('serves no controls, and says so when it starts', async () => {
    const sandbox = await startSandboxProcess({ ...SETTINGS, SANDBOX_HOST: '0.0.0.0' });
    try {
      assert.match(sandbox.output, /Controls off: SANDBOX_HOST=0\.0\.0\.0 is not a loopback address, so no port serves \/__sandbox/);
      assert.doesNotMatch(sandbox.output, /controls: /);
      const base = sandbox.env.TOKEN_LOGIN_BASE_URL!.replace('0.0.0.0', '127.0.0.1');
      const listed = await send(`${base}/__sandbox`);
      assert.equal(listed.status, 404, listed.text);
      assert.match(listed.text, /<title>404 Not Found<\/title>/, 'the emulator\'s own Werkzeug page, not the controls');
      assert.equal((await post(`${base}/__sandbox/clock`, { advance: '31m' })).status, 404);
    } finally {
      sandbox.stop();
    }
  });
});

describe('the emulators the acceptance suite starts (support/emulators/index.ts)', () => {
  let running: Map<string, RunningEmulator>;
  before(async () => {
    const config = loadConfig({ ...process.env, ...SETTINGS });
    running = await startEmulators(Object.values(config.targets).map((target) => ({ ...target, baseUrl: undefined })), {}, undefined);
  });
  after(async () => Promise.all([...(running?.values() ?? [])].map((emulator) => emulator.close())));

  it('have no controls: /__sandbox is an unknown path there, answered 404 in each API\'s own format', async () => {
    assert.equal(running.size, 5);
    for (const [api, emulator] of running) {
      const answer = await send(`${emulator.url}/__sandbox`);
      assert.equal(answer.status, 404, `${api}: ${answer.text}`);
      assert.ok(!answer.text.includes('"controls"'), `${api} lists controls`);
      assert.equal((await post(`${emulator.url}/__sandbox/clock`, { advance: '31m' })).status === 200, false, `${api} moved its clock`);
    }
  });
});

describe('the controls\' parsing', () => {
  it('knows a loopback address and a Host header\'s host', () => {
    assert.deepEqual(['127.0.0.1', '127.3.2.1', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost', 'LocalHost'].filter(isLoopbackAddress).length, 7);
    assert.deepEqual(['0.0.0.0', '::', '10.0.0.1', '192.168.1.5', 'localhost.evil.example', 'evil.example', '', '128.0.0.1'].filter(isLoopbackAddress), []);
    assert.equal(hostOfHeader('127.0.0.1:8104'), '127.0.0.1');
    assert.equal(hostOfHeader('[::1]:8104'), '[::1]');
    assert.equal(hostOfHeader('localhost'), 'localhost');
    for (const bad of [undefined, '', 'evil@127.0.0.1', '127.0.0.1:80/x', '127.0.0.1 evil', 'localhost:port']) assert.equal(hostOfHeader(bad), undefined, String(bad));
  });

  it('reads durations in s, m and h, and writes offsets back', () => {
    assert.deepEqual(['90s', '31m', '2h', '0s'].map(parseDuration), [90_000, 1_860_000, 7_200_000, 0]);
    assert.deepEqual(['31', '31d', '-5m', '1.5h', ' ', 31, null].map(parseDuration), [undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    assert.deepEqual([0, 90_000, 1_860_000, 3_661_000].map(formatDuration), ['0s', '1m30s', '31m', '1h1m1s']);
  });
});
