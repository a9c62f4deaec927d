// The nightly regression against separately started targets: `npm run sandbox`'s emulators stand in for
// the vendors' sandboxes. All reachable → the nightly profile passes; one API pointing at a closed port
// → that API's scenarios fail fast with the one-sentence reason, the others pass, the exit code is 1.
// Nothing configured → nothing runs (never the emulator suite), locally and in a CI shard. The merged
// report names each shard's target, and its categories sort real failure messages as Allure would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { writeReportContext } from '../scripts/report';
import { API_IDS, CONTRACT, loadConfig } from '../support/config';
import { categoriesOf } from './allure-categories';
import { cucumber, explain, scenarioCounts, tsx } from './run';
import { startSandboxProcess, type Sandbox } from './sandbox-process';
import { workflowScript } from './workflow-script';

/** No base URL from the environment, and no developer's .env either. */
const UNCONFIGURED: Record<string, string> = {
  DOTENV_PATH: '/dev/null', // an empty file (config refuses a DOTENV_PATH that names none)
  NIGHTLY_APIS: '',
  ...Object.fromEntries(API_IDS.map((id) => [`${CONTRACT[id].prefix}BASE_URL`, ''])),
};

/** A minimal Allure result of one scenario of `api`, as allure-cucumberjs names it. */
function fakeResult(dir: string, api: string): void {
  mkdirSync(dir, { recursive: true });
  const uuid = `${api}-0000`;
  writeFileSync(join(dir, `${uuid}-result.json`), JSON.stringify({ uuid, status: 'passed', fullName: `login-api-bdd:features/${api}/login.feature#a login` }));
}

function properties(dir: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(join(dir, 'environment.properties'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('nightly profile', () => {
  let sandbox: Sandbox;
  let env: Record<string, string> = {};

  before(async () => {
    sandbox = await startSandboxProcess();
    env = sandbox.env;
  });

  after(() => sandbox.stop());

  it('passes against targets started separately, skipping what only an embedded emulator can provoke', () => {
    const ran = tsx('scripts/nightly.ts', [], env);
    assert.equal(ran.status, 0, explain(ran));
    const counts = scenarioCounts(ran.stdout);
    assert.ok(counts.passed > 50, explain(ran));
    assert.ok(counts.skipped > 0, 'the @emulator scenarios are skipped');
    assert.match(ran.stdout, /Nightly: every scenario passed\./);
    const shown = properties('reports/allure-results');
    for (const id of API_IDS) assert.ok(shown[`target.${id}`]!.startsWith(env[`${CONTRACT[id].prefix}BASE_URL`]!), `target.${id}=${shown[`target.${id}`]}`);
  });

  it('fails fast and clearly for one unreachable API while the others pass', () => {
    const started = Date.now();
    const ran = tsx('scripts/nightly.ts', [], { ...env, TOKEN_LOGIN_BASE_URL: 'http://127.0.0.1:9', NIGHTLY_RETRIES: '1' });
    assert.equal(ran.status, 1, explain(ran));
    const counts = scenarioCounts(ran.stdout);
    assert.ok(counts.passed > 50, explain(ran));
    assert.match(ran.stdout, /Cannot reach token-login \(Pégase 3 API login\): GET http:\/\/127\.0\.0\.1:9\/login: the connection was refused \(nothing listens there\); check TOKEN_LOGIN_BASE_URL/);
    // Refused for every scenario: down, not flaky, so not retried (issue 20); the others passed, nothing to retry.
    assert.match(ran.stdout, /token-login refused the connection to all \d+ of its scenarios \(nothing listens at TOKEN_LOGIN_BASE_URL=http:\/\/127\.0\.0\.1:9\), so none is retried/);
    assert.doesNotMatch(ran.stdout, /Retry 1 of 1/);
    assert.match(ran.stdout, /Nightly: \d+ scenario\(s\) failed \(\d+ still unreachable after 1 retries, \d+ of them not retried, 0 product or test failures\)/);
    assert.ok(Date.now() - started < 120_000);
  });
});

describe('nightly with nothing to run', () => {
  it('stops npm run nightly at once with one sentence naming the variables to set', () => {
    const ran = tsx('scripts/nightly.ts', [], UNCONFIGURED);
    assert.equal(ran.status, 1, explain(ran));
    assert.equal(
      ran.stderr.trim(),
      'The nightly regression runs against real sandboxes only, and no base URL is set: set at least one of O2G_BASE_URL, ADDRESS_MANAGER_BASE_URL, ALM_BASE_URL, TOKEN_LOGIN_BASE_URL, SDM_BASE_URL (with that API\'s credentials, see .env.example).',
    );
    assert.doesNotMatch(ran.stdout, /scenario/);
  });

  it('stops when NIGHTLY_APIS keeps none of the configured APIs, naming what to set', () => {
    const ran = tsx('scripts/nightly.ts', [], { ...UNCONFIGURED, ALM_BASE_URL: 'https://alm.example.com', ALM_CLIENT_ID: 'id', ALM_SECRET: 'secret', NIGHTLY_APIS: 'sdm' });
    assert.equal(ran.status, 1, explain(ran));
    assert.equal(ran.stderr.trim(), 'NIGHTLY_APIS=sdm keeps none of the APIs whose base URL is set (alm): set SDM_BASE_URL, or change NIGHTLY_APIS.');
  });

  it('runs no scenario in cucumber-js -p nightly, saying why', () => {
    const ran = cucumber(['-p', 'nightly'], UNCONFIGURED);
    assert.equal(ran.status, 0, explain(ran));
    assert.match(ran.stdout, /^0 scenarios$/m, explain(ran));
    assert.match(ran.stderr, /no base URL is set: set at least one of O2G_BASE_URL/);
  });

  it('skips an unconfigured CI shard with a notice naming the missing secret, and gates every later step on it', () => {
    const script = workflowScript('id: target');
    const output = join(mkdtempSync(join(tmpdir(), 'nightly-shard-')), 'output');
    const shard = (env: Record<string, string>) => {
      writeFileSync(output, '');
      const ran = spawnSync('bash', ['-e', '-c', script], { env: { PATH: process.env.PATH, GITHUB_OUTPUT: output, ...env }, encoding: 'utf8' });
      assert.equal(ran.status, 0, ran.stderr);
      return { stdout: ran.stdout, output: readFileSync(output, 'utf8') };
    };
    const skipped = shard({ NIGHTLY_APIS: 'address-manager', ADDRESS_MANAGER_BASE_URL: '', ALM_BASE_URL: 'https://alm.example.com' });
    assert.match(skipped.stdout, /^::notice title=nightly: address-manager skipped::The repository secret ADDRESS_MANAGER_BASE_URL is not set, so the address-manager shard runs nothing/m);
    assert.equal(skipped.output, 'configured=false\n');
    const configured = shard({ NIGHTLY_APIS: 'address-manager', ADDRESS_MANAGER_BASE_URL: 'https://bam.example.com' });
    assert.equal(configured.stdout, '');
    assert.equal(configured.output, 'configured=true\n');
    // Every step of the regression job after the check runs only when the shard is configured.
    const yaml = readFileSync('.github/workflows/nightly.yml', 'utf8');
    const job = yaml.slice(yaml.indexOf('id: target'), yaml.indexOf('\n  report:'));
    const steps = job.split(/\n {6}- /).slice(1);
    assert.ok(steps.length >= 7, 'the steps after the check');
    for (const step of steps) assert.match(step, /if: (always\(\) && )?steps\.target\.outputs\.configured == 'true'/, step);
  });
});

describe('merged nightly report', () => {
  it('shows the target each shard ran against, never its credentials, and "not run" for a skipped shard', () => {
    const root = mkdtempSync(join(tmpdir(), 'nightly-merge-'));
    try {
      // Two shards as CI runs them: every secret visible, NIGHTLY_APIS picking one API each.
      const secrets = {
        ...UNCONFIGURED,
        ALM_BASE_URL: 'https://alm.example.com:8443/gw/', // config refuses user:password@, ?query and #fragment
        ALM_CLIENT_ID: 'client-id-3',
        ALM_SECRET: 'alm-secret-4',
        SDM_BASE_URL: 'https://sdm.example.com:8443',
        SDM_USERNAME: 'sdm-user-5',
        SDM_PASSWORD: 'sdm-pass-6',
      };
      for (const api of ['alm', 'sdm']) {
        const shard = join(root, 'shards', `allure-results-${api}`);
        fakeResult(shard, api);
        writeReportContext(shard, loadConfig({ ...secrets, NIGHTLY_APIS: api }));
      }
      const merge = spawnSync('bash', ['-e', '-c', workflowScript("name: Merge the shards' results")], { cwd: root, encoding: 'utf8' });
      assert.equal(merge.status, 0, merge.stderr);
      const results = join(root, 'reports', 'allure-results');
      writeReportContext(results, loadConfig(UNCONFIGURED)); // the merge job: no secrets at all
      const shown = properties(results);
      assert.equal(shown['target.alm'], 'https://alm.example.com:8443/gw');
      assert.equal(shown['target.sdm'], 'https://sdm.example.com:8443');
      for (const id of ['o2g', 'address-manager', 'token-login']) assert.equal(shown[`target.${id}`], 'not run');
      const text = readFileSync(join(results, 'environment.properties'), 'utf8');
      for (const secret of ['client-id-3', 'alm-secret-4', 'sdm-user-5', 'sdm-pass-6', 'embedded emulator']) assert.ok(!text.includes(secret), `${secret} in:\n${text}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('report categories', () => {
  /** Every failed step's message and Allure status from a quiet run of some features. */
  function failedSteps(path: string, env: Record<string, string>): Array<{ status: string; message: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'categories-'));
    try {
      const ran = cucumber(['-p', 'quiet', '--format', `message:${join(dir, 'messages.ndjson')}`, path], { ...UNCONFIGURED, ...env });
      assert.equal(ran.status, 1, explain(ran));
      return readFileSync(join(dir, 'messages.ndjson'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as Envelope).testStepFinished?.testStepResult)
        .filter((result) => result?.status === 'FAILED')
        .map((result) => ({ status: result!.exception?.type === 'ExpectationError' ? 'failed' : 'broken', message: result!.message ?? '' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** ... of one API's features with one emulator fault switched on. */
  const failures = (fault: string) => failedSteps(`features/${fault.split(':')[0]}`, { EMULATOR_FAULT: fault });

  const STATUS = 'Product defect: wrong status';
  const SCHEMA = 'Product defect: body does not match the documented schema';
  const OTHER = 'Product defect: other documented behaviour';

  it('puts every status failure, in the generic and the vendor phrases, in "wrong status" alone', () => {
    for (const fault of ['address-manager:created-as-ok', 'o2g:session-201', 'alm:wrong-secret-403', 'sdm:bad-version-401', 'token-login:status-ignores-mode']) {
      const statusFailures = failures(fault).filter(({ message }) => /^AssertionError \[[a-z-]+\]: Expected .*, but got (HTTP )?\d{3}$/m.test(message.split('\n')[0]!));
      assert.ok(statusFailures.length > 0, `${fault} fails a status check`);
      for (const { status, message } of statusFailures) assert.deepEqual(categoriesOf(status, message), [STATUS], message.split('\n')[0]);
    }
  });

  it('gives every other failure exactly one category: schema, or other documented behaviour', () => {
    const seen = new Set<string>();
    for (const fault of ['o2g:ttl-as-string', 'o2g:html-content-type', 'sdm:session-id-missing', 'alm:qcsession-not-httponly']) {
      for (const { status, message } of failures(fault)) {
        const categories = categoriesOf(status, message);
        assert.equal(categories.length, 1, `${message.split('\n')[0]} → ${categories.join(', ')}`);
        const first = message.split('\n')[0]!;
        if (/schema|Expected an? (JSON|XML) body/.test(first)) assert.deepEqual(categories, [SCHEMA], first);
        else assert.notEqual(categories[0], STATUS, first);
        seen.add(categories[0]!);
      }
    }
    assert.deepEqual([...seen].sort(), [SCHEMA, OTHER].sort());
  });

  it('tells an unreachable target and bad configuration from a broken step', () => {
    const unreachable = failedSteps('features/token-login/login.feature', { TOKEN_LOGIN_BASE_URL: 'http://127.0.0.1:9', TOKEN_LOGIN_USERNAME: 'u', TOKEN_LOGIN_PASSWORD: 'p' });
    assert.ok(unreachable.length > 0);
    for (const { status, message } of unreachable) assert.deepEqual(categoriesOf(status, message), ['Environment: target unreachable or too slow'], message);
    assert.deepEqual(categoriesOf('broken', 'ConfigurationError [bad-config]: ${ALM_INACTIVE_SECRET} is not set: set ALM_INACTIVE_SECRET in .env or the environment (known here: ALM_CLIENT_ID)\n    at expand'), ['Environment: bad configuration']);
    assert.deepEqual(categoriesOf('broken', 'TypeError: Cannot read properties of undefined (reading \'status\')\n    at ApiWorld.<anonymous>'), ['Test defect: a step broke']);
  });
});

