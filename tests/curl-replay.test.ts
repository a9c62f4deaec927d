// The curl line of a recorded exchange replays it. One acceptance-style run (the default profile, every
// reporter, on the embedded emulators) of a token-login scenario that logs in and uses the token, and of
// the Address Manager scenario whose call is authorised by Basic credentials remembered from the login;
// then each exchange's curl line, read from its Allure attachment, runs under `sh -c` against a separately
// started sandbox, with the configuration's ${VARIABLE}s exported (the demo values, the sandbox's base
// URLs) and each remembered value taken from the replayed login's answer where its comment line says.
// Each replay must get the status (and token-login's code) the recorded exchange got; the attachments
// must hold none of the secrets.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readJsonPath } from '../support/json-path';
import { cucumber, explain } from './run';
import { startSandboxProcess, type Sandbox } from './sandbox-process';

const SCENARIOS = {
  token: { feature: 'features/token-login/data-api.feature', name: 'the token opens the data API' },
  basic: { feature: 'features/address-manager/session.feature', name: 'basicAuthenticationCredentials go straight into the Authorization header' },
};
/** An emulator-issued token (a JWT): none may reach an attachment. */
const JWT = /eyJ[\w-]{10,}\.eyJ/;

interface Attachment {
  name: string;
  text: string;
}

interface Replayed {
  status: number;
  body: string;
}

/** `features/x.feature:14`: the line of the scenario of that name, so the run holds just that one. */
function scenarioAt({ feature, name }: { feature: string; name: string }): string {
  const line = readFileSync(feature, 'utf8').split('\n').findIndex((text) => text.trim() === `Scenario: ${name}`);
  assert.ok(line >= 0, `no scenario "${name}" in ${feature}`);
  return `${feature}:${line + 1}`;
}

/** The text attachments of one scenario's Allure result, in step order. */
function attachmentsOf(results: string, scenario: string): Attachment[] {
  const files = readdirSync(results).filter((file) => file.endsWith('-result.json'));
  const result = files.map((file) => JSON.parse(readFileSync(join(results, file), 'utf8'))).find((found) => found.name === scenario);
  assert.ok(result, `no Allure result for "${scenario}" in ${results}`);
  const found: Attachment[] = [];
  const walk = (step: { attachments?: { name: string; source: string }[]; steps?: unknown[] }) => {
    for (const attachment of step.attachments ?? []) found.push({ name: attachment.name, text: readFileSync(join(results, attachment.source), 'utf8') });
    for (const child of step.steps ?? []) walk(child as typeof step);
  };
  walk(result);
  return found;
}

function exchangeNamed(attachments: Attachment[], pattern: RegExp): Attachment {
  const found = attachments.find((attachment) => pattern.test(attachment.name));
  assert.ok(found, `no exchange named like ${pattern} among ${attachments.map((a) => a.name).join(', ')}`);
  return found;
}

/** The attachment's curl block: its comment lines and the command, which end the attachment. */
function curlOf(attachment: Attachment): string {
  const at = attachment.text.indexOf('\n# As curl');
  assert.ok(at >= 0, `the exchange ${attachment.name} has no curl line:\n${attachment.text}`);
  return attachment.text.slice(at + 1);
}

const recordedStatus = (attachment: Attachment) => Number(/^← (\d{3}) /m.exec(attachment.text)?.[1]);

/** Where the curl block says a remembered shell variable comes from: the JSON path of the login's answer. */
function rememberedPath(curl: string, variable: string): string {
  const path = new RegExp(`^# ${variable}: \\{\\{[^}]+\\}\\}, the JSON value at (\\S+) of the answer to `, 'm').exec(curl)?.[1];
  assert.ok(path, `the curl block does not say where ${variable} comes from:\n${curl}`);
  return path;
}

/** Runs the curl block under sh with only these variables set; status and body of the answer. */
function replay(curl: string, env: Record<string, string>): Promise<Replayed> {
  return new Promise((done, fail) => {
    const child = spawn('sh', ['-c', `${curl} -s -w '\\n%{http_code}'`], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`sh exited ${code}: ${err}\n${curl}`));
      const cut = out.lastIndexOf('\n');
      const answer = out.slice(0, cut);
      done({ status: Number(out.slice(cut + 1)), body: answer.slice(answer.indexOf('\r\n\r\n') + 4) });
    });
  });
}

const workspaces: string[] = [];
let sandbox: Sandbox | undefined;
after(() => {
  sandbox?.stop();
  workspaces.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

describe('curl lines replay the recorded exchanges', () => {
  let token: Attachment[] = [];
  let basic: Attachment[] = [];
  let all: string[] = [];
  let env: Record<string, string> = {};

  before(async () => {
    sandbox = await startSandboxProcess();
    env = sandbox.env;
    const cwd = mkdtempSync(join(tmpdir(), 'curl-replay-'));
    workspaces.push(cwd);
    for (const entry of ['node_modules', 'support', 'steps', 'features', 'cucumber.cjs', 'package.json', 'tsconfig.json']) symlinkSync(resolve(entry), join(cwd, entry));
    // On the embedded emulators: the replay's target (the sandbox) is not the recorded one.
    const unset = Object.fromEntries(Object.keys(env).filter((name) => name.endsWith('BASE_URL')).map((name) => [name, undefined]));
    const ran = cucumber([scenarioAt(SCENARIOS.token), scenarioAt(SCENARIOS.basic)], { ...unset, EMULATOR_FAULT: undefined }, cwd);
    assert.equal(ran.status, 0, explain(ran));
    assert.match(ran.stdout, /2 scenarios \(2 passed\)/, explain(ran));
    const results = join(cwd, 'reports/allure-results');
    token = attachmentsOf(results, SCENARIOS.token.name);
    basic = attachmentsOf(results, SCENARIOS.basic.name);
    all = readdirSync(results).filter((file) => file.endsWith('-attachment.txt')).map((file) => readFileSync(join(results, file), 'utf8'));
  });

  it('replays the token-login login and the call with the token remembered from it, with the recorded status and code', async () => {
    const login = exchangeNamed(token, /^GET \/login → /);
    const call = exchangeNamed(token, /^GET \/company\/info → /);
    const loginCurl = curlOf(login);
    assert.match(loginCurl, /"Password: \$\{TOKEN_LOGIN_PASSWORD\}"/);
    assert.match(loginCurl, /"\$\{TOKEN_LOGIN_BASE_URL\}\/login"/);
    const loggedIn = await replay(loginCurl, env);
    assert.equal(loggedIn.status, recordedStatus(login), loggedIn.body);
    assert.equal((JSON.parse(loggedIn.body) as { code: number }).code, 200, loggedIn.body); // HTTP 200 whatever the code, in body mode

    const callCurl = curlOf(call);
    const found = readJsonPath(JSON.parse(loggedIn.body), rememberedPath(callCurl, 'remembered_token'));
    assert.ok(found.found && typeof found.value === 'string', loggedIn.body);
    const opened = await replay(callCurl, { ...env, remembered_token: found.value });
    assert.equal(opened.status, recordedStatus(call));
    assert.equal((JSON.parse(opened.body) as { code: number }).code, 200, opened.body);
    // The replay does send the token: another one is refused.
    const refused = await replay(callCurl, { ...env, remembered_token: `${found.value}x` });
    assert.equal((JSON.parse(refused.body) as { code: number }).code, 401, refused.body);
  });

  it('replays the Address Manager call authorised by the Basic credentials remembered from the login', async () => {
    const login = exchangeNamed(basic, /^POST \/api\/v2\/sessions → 201$/);
    const call = exchangeNamed(basic, /^GET \/api\/v2\/sessions\/\d+ → /);
    const loginCurl = curlOf(login);
    assert.match(loginCurl, /"\$\{ADDRESS_MANAGER_PASSWORD\}"/);
    const loggedIn = await replay(loginCurl, env);
    assert.equal(loggedIn.status, 201, loggedIn.body);

    const callCurl = curlOf(call);
    assert.match(callCurl, /-H "Authorization: Basic \$\{remembered_credentials\}"/);
    const answer = JSON.parse(loggedIn.body) as unknown;
    const remembered: Record<string, string> = {};
    for (const variable of ['remembered_credentials', 'remembered_session_link']) {
      const found = readJsonPath(answer, rememberedPath(callCurl, variable));
      assert.ok(found.found && typeof found.value === 'string', `${variable} not in ${loggedIn.body}`);
      remembered[variable] = found.value;
    }
    const authorised = await replay(callCurl, { ...env, ...remembered });
    assert.equal(authorised.status, recordedStatus(call), authorised.body);
    assert.equal(authorised.status, 200);
    const wrong = await replay(callCurl, { ...env, ...remembered, remembered_credentials: Buffer.from(`${env.ADDRESS_MANAGER_USERNAME}:not-the-token`).toString('base64') });
    assert.equal(wrong.status, 401, 'the replay sends the remembered credentials, so others are refused');
  });

  it('writes no secret into any attachment: no password, token or Basic credentials, only their variables', () => {
    assert.ok(all.length >= 4, `only ${all.length} attachments`);
    const secrets = {
      TOKEN_LOGIN_PASSWORD: env.TOKEN_LOGIN_PASSWORD!,
      ADDRESS_MANAGER_PASSWORD: env.ADDRESS_MANAGER_PASSWORD!,
      'the base64 of "user1:" that starts basicAuthenticationCredentials': Buffer.from(`${env.ADDRESS_MANAGER_USERNAME}:`).toString('base64').slice(0, 8),
    };
    for (const [what, value] of Object.entries(secrets)) {
      assert.ok(value && value.length >= 5, `no value for ${what}`);
      for (const text of all) assert.ok(!text.includes(value), `${what} (${value}) in an attachment:\n${text}`);
    }
    for (const text of all) assert.doesNotMatch(text, JWT);
    assert.ok(all.some((text) => text.includes('${remembered_token}')) && all.some((text) => text.includes('${ADDRESS_MANAGER_PASSWORD}')));
  });
});
