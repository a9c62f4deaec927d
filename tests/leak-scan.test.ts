// No secret in any artifact. Every credential variable gets a distinctive value (the emulators accept
// them), one of them 5 characters long, then two runs with every reporter: the green acceptance run
// (then the Allure report), and a run whose scenarios fail while carrying secrets: the fixture's, which
// cite on every API the tokens, cookies and bodies that answered the credentials, and the token-login
// features under a catalogued fault that adds a token to error answers. Each run's reports/ and its
// stdout and stderr are searched (support/leak-scan.ts, shared with `npm run leak-scan`) for each value
// in the forms this test lists itself (raw, base64, base64url, URL-encoded, JSON- and XML-escaped: its
// own list, not the redactor's, so that the redactor is not checked with its own code), for any JWT and
// for any unmasked value under a secret's name; a hit fails the test naming the file. Then `npm run
// leak-scan` itself on both runs' reports/, and on a folder with a planted leak in each kind of file.
// Each run works in its own folder with the project linked in, so its reports/ are its own while other
// runs write the checkout's.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CONTRACT } from '../support/config';
import { literalForms, publishedIn, scanFolder, scanText, type SoughtSecret } from '../support/leak-scan';
import { explain, tsx, type Ran } from './run';

/** A configured secret is masked at any length, so one canary is short (the SDM password: a DOCTYPE entity carries it). */
const SHORT = { name: 'SDM_PASSWORD', value: 'Kx9Wq' };

/** Fails every scenario on purpose, each citing what a login with the canaries sent and got back. */
const FIXTURE = 'tests/fixtures/leak-scan/features';
/** A catalogued fault that fails real features whose exchanges carry the credentials and a token. */
const FAULT = { EMULATOR_FAULT: 'token-login:token-on-error', feature: 'features/token-login/login.feature' };

/** A distinctive canary per credential variable (demo-free, unmistakable). */
function canaries(): Record<string, string> {
  const values: Record<string, string> = {};
  for (const api of Object.values(CONTRACT)) {
    for (const [name, spec] of Object.entries(api.variables)) {
      if (!spec.credential) continue;
      const full = `${api.prefix}${name}`;
      // Client IDs keep the shape ALM documents; the rest are plain canaries.
      values[full] = full.endsWith('CLIENT_ID') ? `oauth2-Canary${name.length}Zq81@Leak.example` : `Canary-${full.toLowerCase().replace(/_/g, '-')}-Zq81x`;
    }
  }
  values[SHORT.name] = SHORT.value;
  // Characters that JSON and XML escape: the login only works when steps write them into bodies right,
  // and the scan looks for their escaped forms too.
  values.ALM_SECRET = 'Canary-"alm"\\secret&<x>-Zq81x';
  values.SDM_USERNAME = "Canary-sdm<&>'user'-Zq81x";
  return values;
}

function forms(value: string): string[] {
  const xml = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  return [value, Buffer.from(value).toString('base64'), Buffer.from(value).toString('base64url'), encodeURIComponent(value), JSON.stringify(value).slice(1, -1), xml];
}

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const workspaces: string[] = [];
after(() => workspaces.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A folder with the project linked in (never copied), so that a run's reports/ are its own. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leak-scan-'));
  workspaces.push(dir);
  for (const entry of ['node_modules', 'support', 'steps', 'features', 'scripts', 'tests', 'cucumber.cjs', 'package.json', 'tsconfig.json']) symlinkSync(resolve(entry), join(dir, entry));
  return dir;
}

/** Runs node in `cwd` without blocking, so the runs share the machine. */
function start(args: string[], env: Record<string, string | undefined>, cwd: string): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, FORCE_COLOR: '0', EMULATOR_FAULT: undefined, ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** The canaries in this test's own forms. */
function sought(secrets: Record<string, string>): SoughtSecret[] {
  return Object.entries(secrets).map(([name, value]) => literalForms(name, new Map(forms(value).map((form) => [form, form === value ? 'raw' : 'encoded']))));
}

/** Hits of every canary form, of any JWT and of any unmasked secret-named value, in the run's reports/ and output; also how many files were read. */
function scan(cwd: string, ran: Ran, secrets: Record<string, string>): { hits: string[]; scanned: number } {
  const options = { secrets: sought(secrets) };
  const { leaks, scanned } = scanFolder(join(cwd, 'reports'), options);
  // The pretty formatter prints the steps' Gherkin (a docstring's "<password>&pw;</password>"): the run's own input.
  const output = { ...options, published: publishedIn(join(cwd, 'reports')) };
  const hits = [...leaks, ...scanText('stdout', ran.stdout, output), ...scanText('stderr', ran.stderr, output)].map((leak) => `${leak.where}: ${leak.what}`);
  return { hits, scanned };
}

/** `npm run leak-scan <dir>` in `cwd`, with the canaries as the configuration. */
function leakScan(dir: string, env: Record<string, string>, cwd = process.cwd()): Ran {
  return tsx(resolve('scripts/leak-scan.ts'), [dir], { DOTENV_PATH: undefined, ...env }, cwd);
}

/** A failing step's sentence: features never say "Expected ", only failure messages do. */
const FAILURE = 'Expected ';

describe('leak scan', () => {
  const secrets = canaries();
  const green = workspace();
  const failing = workspace();
  let runs: Promise<[Ran, Ran]>;
  before(() => {
    // Both at once: the failing run is short, and it overlaps the green run's Allure report.
    runs = Promise.all([
      start(['--import', 'tsx', 'scripts/acceptance.ts'], secrets, green),
      // With the html formatter the default profile leaves out (npm run acceptance -- --html): its page is scanned too.
      start(['node_modules/@cucumber/cucumber/bin/cucumber.js', '--format', 'html:reports/cucumber.html', FIXTURE, FAULT.feature], { ...secrets, EMULATOR_FAULT: FAULT.EMULATOR_FAULT }, failing),
    ]);
  });

  it('finds no credential in any report file, nor in the output, of the green run', async () => {
    const [ran] = await runs;
    assert.equal(ran.status, 0, explain(ran));
    const { hits, scanned } = scan(green, ran, secrets);
    assert.ok(scanned > 50, `scanned only ${scanned} files`);
    assert.deepEqual(hits, []);
  });

  it('finds no credential in any report file, nor in the output, of a run whose scenarios fail', async () => {
    const [, ran] = await runs;
    assert.equal(ran.status, 1, explain(ran));
    // Else the scan would pass for want of failure messages: every fixture scenario and the fault's must fail.
    const failed = [...ran.stdout.matchAll(/^\d+\) Scenario: .* # (\S+):\d+$/gm)].map((match) => match[1]!);
    const fixtureScenarios = [...files(FIXTURE)].reduce((count, file) => count + (readFileSync(file, 'utf8').match(/^\s*Scenario:/gm)?.length ?? 0), 0);
    assert.equal(failed.filter((uri) => uri.startsWith(FIXTURE)).length, fixtureScenarios, explain(ran));
    assert.ok(failed.includes(FAULT.feature), `${FAULT.EMULATOR_FAULT} failed no scenario of ${FAULT.feature}: ${explain(ran)}`);
    const results = readdirSync(join(failing, 'reports/allure-results')).filter((name) => name.endsWith('-result.json'));
    assert.ok(results.some((name) => readFileSync(join(failing, 'reports/allure-results', name), 'utf8').includes(FAILURE)), 'no failure message in allure-results');
    for (const file of ['reports/junit.xml', 'reports/cucumber.html', 'reports/messages.ndjson']) {
      assert.ok(readFileSync(join(failing, file), 'utf8').includes(FAILURE), `no failure message in ${file}`);
    }
    assert.ok(ran.stdout.includes(FAILURE), 'no failure message on stdout');
    assert.deepEqual(scan(failing, ran, secrets).hits, []);
  });

  it('npm run leak-scan finds nothing in either run\'s reports/, with every canary as the configuration, and counts the files', async () => {
    await runs;
    for (const cwd of [green, failing]) {
      const ran = leakScan('reports', secrets, cwd);
      assert.equal(ran.status, 0, explain(ran));
      const said = /^Leak scan: (\d+) files under reports scanned, nothing found \((\d+) configured credentials, JWTs and values named like secrets\)\.$/m.exec(ran.stdout);
      assert.ok(said, explain(ran));
      assert.equal(Number(said[1]), [...files(join(cwd, 'reports'))].length);
      assert.equal(Number(said[2]), Object.keys(secrets).length, 'every canary is sought');
    }
  });
});

/** A configured secret with a space, an "&" and a Latin-1 letter, so that its encodings differ from it; a short one; a client ID. */
const PLANTED = { ALM_SECRET: 'Plant-éd secret&1', SDM_PASSWORD: 'Kx9Wq', ALM_CLIENT_ID: 'oauth2-planted@leak.example' };
const base64 = (text: string) => Buffer.from(text).toString('base64');
const JWT = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"user1"}').toString('base64url')}.c2lnbmF0dXJlLTEyMw`;

/** One planted leak per file, each of a kind of file a run writes, and what the scan must say of it. */
const PLANTS: Record<string, { body: string | Buffer; said: RegExp }> = {
  'allure-results/1-attachment.txt': { body: 'GET http://127.0.0.1:1/login\nX-Auth-Token: tok-planted-0123456789\n', said: /:2: the value of the header "X-Auth-Token"$/ },
  'allure-results/2-result.json': { body: JSON.stringify({ name: 'login', statusDetails: { message: `got ${base64(PLANTED.ALM_SECRET)}` } }), said: /: ALM_SECRET \(base64\)$/ },
  'allure-results/3-result.json': { body: JSON.stringify({ name: 'login', parameters: [{ name: 'password', value: 'pw-planted-0123' }] }), said: /: the value of "password" \(a name and value pair\)$/ },
  'messages.ndjson': {
    body: `${JSON.stringify({ attachment: { body: base64('POST /login\n\n{"sessionToken": "st-planted-0123456789"}'), contentEncoding: 'BASE64', mediaType: 'text/plain' } })}\n`,
    said: /:1: the value of the JSON field "sessionToken" in a base64-encoded body$/,
  },
  'nightly.ndjson': {
    body: `${JSON.stringify({ attachment: { body: JSON.stringify({ type: 'attachment_content', data: { content: base64(`q=${new URLSearchParams({ q: PLANTED.ALM_SECRET }).toString().slice(2)}`), encoding: 'base64' } }), contentEncoding: 'IDENTITY' } })}\n`,
    said: /:1: ALM_SECRET \(URL-encoded, "\+" for a space\) in a base64-encoded body$/,
  },
  'junit.xml': { body: '<testsuite><testcase name="t"><failure>Expected 200\n{&quot;apiKey&quot;: &quot;ak-planted-0123456789&quot;}</failure></testcase></testsuite>', said: /: the value of the JSON field "apiKey" in escaped markup$/ },
  'sdm.xml': { body: '<session><sessionId>planted-session-0123</sessionId><idleTimeout>30</idleTimeout></session>', said: /: the value of the XML element <sessionId>$/ },
  'cucumber.html': { body: `<html><body><p>echo ${[...PLANTED.ALM_SECRET].map((c) => `&#${c.codePointAt(0)};`).join('')}</p></body></html>`, said: /: ALM_SECRET \(HTML character references\)$/ },
  'report.html': { body: `<html><script>window.M=[{"attachment":{"body":"${base64('Set-Cookie: JSESSIONID=planted0123456789; Path=/')}","contentEncoding":"BASE64"}}]</script></html>`, said: /: the value of a cookie of the Set-Cookie header in a base64-encoded body$/ },
  'traceability.md': { body: `| token | ${JWT} |\n`, said: /:1: a JWT$/ },
  'console.log': { body: 'Location: /home;jsessionid=ABCDEF0123?lang=en\n', said: /:1: the value of the URL parameter "jsessionid"$/ },
  'short.txt': { body: 'the password Kx9Wq was refused\n', said: /:1: SDM_PASSWORD \(raw\)$/ },
  'client.txt': { body: `client ${Buffer.from(PLANTED.ALM_CLIENT_ID).toString('base64url')}\n`, said: /:1: ALM_CLIENT_ID \(base64(?:url)?\)$/ },
  'lower-hex.txt': { body: `q=${encodeURIComponent(PLANTED.ALM_SECRET).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())}\n`, said: /:1: ALM_SECRET \(URL-encoded, lower-case hex\)$/ },
  'allure-report/data/attachments/latin1.txt': { body: Buffer.concat([Buffer.from('echo '), Buffer.from(PLANTED.ALM_SECRET, 'latin1')]), said: /:1: ALM_SECRET \(Latin-1 bytes read as UTF-8\)$/ },
  // What the redactor leaves: masks, descriptions of secrets, the scenario's own wrong password, short words.
  'allure-results/clean-attachment.txt': {
    body: [
      'GET /login?version=1&lang=en&sessionTimeout=30', 'Token: [REDACTED]', 'Authorization: Basic [REDACTED]', 'Set-Cookie: QCSession=[REDACTED]; Path=/', 'token-login:token-on-error',
      '{"tokenType": "Bearer", "expires_in": "3600", "token": "[REDACTED]", "password": "${SDM_PASSWORD}", "secret": "{{secret}}"}', '<sessionTimeout>30</sessionTimeout><password>[REDACTED]</password>',
      'Kx9Wqz bypassKx9Wq session=eyJyZWZ1c2VkIjp0cnVlfQ',
      `curl --data-binary '<session><password>'"\${SDM_PASSWORD}"'</password></session>' -H "X-Auth-Token: $TOKEN"`,
    ].join('\n'),
    said: /^$/,
  },
};

describe('npm run leak-scan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leak-plants-'));
  workspaces.push(dir);
  const reports = join(dir, 'reports');
  for (const [path, { body }] of Object.entries(PLANTS)) {
    mkdirSync(join(reports, path, '..'), { recursive: true });
    writeFileSync(join(reports, path), body);
  }

  it('exits 1 naming each file holding a planted secret, a JWT or a secret-named value, and the form found, never the value', () => {
    const ran = leakScan(reports, PLANTED);
    assert.equal(ran.status, 1, explain(ran));
    const lines = ran.stderr.split('\n').filter((line) => line.startsWith('  reports/'));
    for (const [path, { said }] of Object.entries(PLANTS)) {
      const about = lines.filter((line) => line.startsWith(`  reports/${path}:`));
      if (said.source === '^$') assert.deepEqual(about, [], `${path} holds no leak`);
      else assert.ok(about.some((line) => said.test(line)), `${path}: ${said} in\n${ran.stderr}`);
    }
    assert.match(ran.stderr, new RegExp(`^Leak scan: \\d+ findings in ${Object.keys(PLANTS).length - 1} of ${Object.keys(PLANTS).length} files under `, 'm'));
    for (const secret of [...Object.values(PLANTED), 'tok-planted', 'pw-planted', 'st-planted', 'ak-planted', 'planted-session', 'planted0123', 'ABCDEF0123', JWT.slice(0, 20)]) {
      assert.ok(!ran.stdout.includes(secret) && !ran.stderr.includes(secret), `the output shows ${secret}`);
    }
  });

  it('is the npm script leak-scan', () => {
    assert.equal((JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['leak-scan'], 'node --import tsx scripts/leak-scan.ts');
  });

  it('refuses, in one sentence and with exit 2, a folder that is not there', () => {
    const ran = leakScan(join(dir, 'nowhere'), PLANTED);
    assert.equal(ran.status, 2, explain(ran));
    assert.match(ran.stderr.trim(), /^Leak scan: \S+nowhere is not a folder; expected a run's artifacts, such as reports\/ after npm run acceptance\.$/);
  });
});
