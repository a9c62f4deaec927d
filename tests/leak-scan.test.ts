// No secret in any artifact. Every credential variable gets a distinctive value (the emulators accept
// them), one of them 5 characters long, then two runs with every reporter: the green acceptance run
// (then the Allure report), and a run whose scenarios fail while carrying secrets: the fixture's, which
// cite on every API the tokens, cookies and bodies that answered the credentials, and the token-login
// features under a catalogued fault that adds a token to error answers. Each run's reports/ and its
// stdout and stderr are searched for each value, raw, base64, base64url and URL-encoded, and for any
// JWT; a hit fails the test naming the file. Each run works in its own folder with the project linked
// in, so its reports/ are its own while other runs write the checkout's.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CONTRACT } from '../support/config';
import { explain, type Ran } from './run';

/** A configured secret is masked at any length, so one canary is short (the SDM password: a DOCTYPE entity carries it). */
const SHORT = { name: 'SDM_PASSWORD', value: 'Kx9Wq' };

/** Fails every scenario on purpose, each citing what a login with the canaries sent and got back. */
const FIXTURE = 'tests/fixtures/leak-scan/features';
/** A catalogued fault that fails real features whose exchanges carry the credentials and a token. */
const FAULT = { EMULATOR_FAULT: 'token-login:token-on-error', feature: 'features/token-login/login.feature' };

/** An emulator-issued token: any JWT in an artifact is a leak, even one cut after its header. */
const JWT = /eyJ[\w-]{10,}\.eyJ/;

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

/** Hits of every canary form, and of any JWT, in the run's reports/ and output; also how many files were read. */
function scan(cwd: string, ran: Ran, secrets: Record<string, string>): { hits: string[]; scanned: number } {
  const hits: string[] = [];
  const check = (where: string, text: string) => {
    for (const [name, value] of Object.entries(secrets)) {
      for (const form of forms(value)) if (text.includes(form)) hits.push(`${where}: ${name} (${form === value ? 'raw' : 'encoded'})`);
    }
    if (JWT.test(text)) hits.push(`${where}: a JWT`);
  };
  let scanned = 0;
  for (const file of files(join(cwd, 'reports'))) {
    check(file.slice(cwd.length + 1), readFileSync(file).toString('latin1'));
    scanned += 1;
  }
  check('stdout', ran.stdout);
  check('stderr', ran.stderr);
  return { hits, scanned };
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
      start(['node_modules/@cucumber/cucumber/bin/cucumber.js', FIXTURE, FAULT.feature], { ...secrets, EMULATOR_FAULT: FAULT.EMULATOR_FAULT }, failing),
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
});
