// The sandbox's Postman collection stays true: every example is routed by its API's emulator and uses only
// variables that exist, docs/postman/ is what the generator writes (from the demo values, never the user's
// environment), and Newman running the collection in order against a sandbox gets every documented answer,
// while a sandbox with one fault switched on fails it.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { COLLECTION_FILE, DEFAULT_FIRST_PORT, ENVIRONMENT_FILE, assertionsOf, exampleProblems, kitEmulator, writePostman } from '../scripts/postman';
import { APIS, apiModule } from '../support/apis';
import { environmentOf, examplesOf, routeProblem, variableProblems, type ApiExample } from '../support/apis/examples';
import { explain, tsx } from './run';
import { startSandboxProcess, type Sandbox } from './sandbox-process';

// The little of newman's Node API used here (it ships no types).
interface NewmanSummary {
  run: {
    stats: Record<'requests' | 'assertions' | 'testScripts', { total: number; failed: number }>;
    failures: Array<{ source?: { name?: string }; error: { test?: string; message: string } }>;
    executions: Array<{ item: { name: string }; response?: { code: number }; requestError?: Error }>;
  };
}
interface NewmanOptions {
  collection: string;
  environment: string;
  folder?: string;
  envVar?: Array<{ key: string; value: string }>;
  reporters: string[];
  timeoutRequest: number;
}
const newman = require('newman') as { run(options: NewmanOptions, done: (error: Error | null, summary: NewmanSummary) => void): void };

function runCollection(options: Omit<NewmanOptions, 'reporters' | 'timeoutRequest'>): Promise<NewmanSummary> {
  return new Promise((done, fail) => newman.run({ ...options, reporters: [], timeoutRequest: 10_000 }, (error, summary) => (error ? fail(error) : done(summary))));
}

/** "name: test: message" for each failed assertion. */
function failures(summary: NewmanSummary): string[] {
  return summary.run.failures.map((failure) => `${failure.source?.name}: ${failure.error.test ?? ''}: ${failure.error.message}`);
}

/** The sandbox's settings only: no value of the user's .env or environment reaches it. */
function demoOnly(scratch: string): Record<string, string> {
  const empty = join(scratch, 'empty.env');
  writeFileSync(empty, '');
  const cleared = APIS.flatMap((api) => Object.keys(environmentOf(api.contract, '')));
  return { ...Object.fromEntries(cleared.map((name) => [name, ''])), EMULATOR_FAULT: '', EMULATOR_LATENCY_MS: '', DOTENV_PATH: empty };
}

/** A sandbox on fixed ports below the ephemeral range (as a person runs it), drawn again if one is taken. */
async function sandboxOnFixedPorts(env: Record<string, string>): Promise<Sandbox & { base: number }> {
  for (let attempt = 1; ; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 12000);
    try {
      return { ...(await startSandboxProcess({ ...env, SANDBOX_PORT: String(base) })), base };
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

/** The APIs of the vendors' documents: each shows its documented requests in the collection. */
const SEEDED = ['o2g', 'address-manager', 'alm', 'token-login', 'sdm'];
const withExamples = APIS.filter((api) => examplesOf(api.contract.id).length > 0);
const allExamples = withExamples.flatMap((api) => examplesOf(api.contract.id));

describe('the sandbox Postman collection', () => {
  let scratch = '';
  const sandboxes: Sandbox[] = [];
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'postman-'));
  });
  after(() => {
    for (const sandbox of sandboxes) sandbox.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('has examples for the seeds\' APIs (optional for others), each routed by its emulator and using only known variables', () => {
    for (const id of SEEDED) assert.ok(withExamples.some((api) => api.contract.id === id), `support/apis/${id}/examples.ts has no examples`);
    assert.deepEqual(exampleProblems(), []);
    for (const api of withExamples) {
      const examples = examplesOf(api.contract.id);
      assert.ok(examples.some((example) => example.expect.status >= 400), `${api.contract.id} shows no refusal`);
      assert.ok(examples.some((example) => example.capture), `${api.contract.id} keeps nothing from its login`);
    }
  });

  it('names an example that its emulator does not route, or that uses an unknown variable, in one sentence', () => {
    const o2g = apiModule('o2g');
    const environment = environmentOf(o2g.contract, '');
    const emulator = kitEmulator(o2g, environment);
    const example = (fields: Partial<ApiExample>): ApiExample => ({ name: 'x', behaviours: ['O2G-01'], method: 'GET', path: '/api/rest', expect: { status: 200 }, ...fields });
    assert.equal(routeProblem(example({}), emulator, environment), undefined);
    assert.equal(routeProblem(example({ method: 'PUT', expect: { status: 405 } }), emulator, environment), undefined);
    assert.match(routeProblem(example({ name: 'Renamed', path: '/api/rest/2.0/sessions' }), emulator, environment) ?? '', /^"Renamed": GET \/api\/rest\/2\.0\/sessions is not routed by the o2g emulator's route table \(support\/apis\/o2g\/emulator\.ts\): no route has that path$/);
    assert.match(routeProblem(example({ method: 'PUT' }), emulator, environment) ?? '', /PUT \/api\/rest is not routed .*: that path takes other methods only$/);
    assert.match(routeProblem(example({ expect: { status: 405 } }), emulator, environment) ?? '', /expects 405 from GET \/api\/rest, but .* routes that method there$/);
    // The tutorial's double slash is routed as the emulator routes it: on the collapsed path.
    assert.equal(routeProblem(example({ method: 'POST', path: '/api/rest/1.0//sessions' }), emulator, environment), undefined);

    const problems = variableProblems('o2g', o2g.contract, [
      example({ name: 'Uses', headers: { Cookie: 'AlcUserId={{o2g.AlcUserId}}' } }),
      example({ name: 'Keeps', capture: { cookies: { AlcUserId: 'AlcUserId' } } }),
    ]);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0]!, /"Uses" uses \{\{o2g\.AlcUserId\}\}, which is neither an environment variable of o2g \(O2G_BASE_URL, O2G_USERNAME, .*\) nor captured by an earlier request$/);
    assert.match(problems[1]!, /"Keeps" captures "AlcUserId": captured names must start with "o2g\."/);
  });

  it('is in docs/postman/ as the generator writes it, from the demo values whatever the environment says', () => {
    // A password in the environment (as from .env) must not reach the files: they stay the committed ones.
    const checked = tsx('scripts/postman.ts', ['--check', 'docs/postman'], { O2G_PASSWORD: 'from-the-users-env', SANDBOX_PORT: '' });
    assert.equal(checked.status, 0, explain(checked));
    const environment = readFileSync(join('docs/postman', ENVIRONMENT_FILE), 'utf8');
    assert.match(environment, /"key": "O2G_PASSWORD",\n\s*"value": "o2g-demo-password"/);
    assert.match(environment, new RegExp(`"value": "http://127\\.0\\.0\\.1:${DEFAULT_FIRST_PORT}"`));

    const stale = join(scratch, 'stale');
    writePostman(stale, DEFAULT_FIRST_PORT);
    copyFileSync(join('docs/postman', ENVIRONMENT_FILE), join(stale, ENVIRONMENT_FILE));
    const generated = readFileSync(join(stale, COLLECTION_FILE), 'utf8');
    const edited = generated.replace('pm.response.to.have.status(201)', 'pm.response.to.have.status(200)');
    assert.notEqual(edited, generated);
    writeFileSync(join(stale, COLLECTION_FILE), edited);
    const refused = tsx('scripts/postman.ts', ['--check', stale], { SANDBOX_PORT: '' });
    assert.equal(refused.status, 1, explain(refused));
    assert.equal(refused.stderr.trim(), `${join(stale, COLLECTION_FILE)} is not what scripts/postman.ts generates from the examples for the first port ${DEFAULT_FIRST_PORT}: run node --import tsx scripts/postman.ts ${stale} --port ${DEFAULT_FIRST_PORT}`);
  });

  it('gets every documented answer from a sandbox when run in order with Newman', async (t) => {
    const sandbox = await sandboxOnFixedPorts(demoOnly(scratch));
    sandboxes.push(sandbox);
    const [collection, environment] = writePostman(join(scratch, 'run'), sandbox.base);
    // The environment's base URLs are the ones the sandbox printed.
    const values = (JSON.parse(readFileSync(environment!, 'utf8')) as { values: Array<{ key: string; value: string }> }).values;
    for (const api of APIS) {
      const name = `${api.contract.prefix}BASE_URL`;
      assert.equal(values.find((value) => value.key === name)?.value, sandbox.env[name], name);
    }
    const summary = await runCollection({ collection: collection!, environment: environment! });
    const { stats, executions } = summary.run;
    t.diagnostic(`${executions.length} requests, ${stats.assertions.total} assertions, ${stats.assertions.failed} failed`);
    assert.deepEqual(failures(summary), []);
    assert.equal(executions.length, allExamples.length, 'every request executed, once');
    assert.deepEqual(executions.map((execution) => execution.item.name), allExamples.map((example) => example.name));
    assert.deepEqual(executions.filter((execution) => execution.requestError || !execution.response).map((execution) => execution.item.name), []);
    assert.deepEqual([stats.requests.failed, stats.testScripts.failed, stats.testScripts.total], [0, 0, allExamples.length]);
    // Every pm.test of every script ran: none was skipped by a script that stopped early.
    assert.equal(stats.assertions.total, allExamples.reduce((sum, example) => sum + assertionsOf(example), 0));
  });

  it('gets the token-login answers in the mirror status mode too, and fails them when the environment says otherwise', async () => {
    const sandbox = await sandboxOnFixedPorts({ ...demoOnly(scratch), TOKEN_LOGIN_STATUS_MODE: 'mirror' });
    sandboxes.push(sandbox);
    const [collection, environment] = writePostman(join(scratch, 'mirror'), sandbox.base);
    const folder = withExamples.find((api) => api.contract.id === 'token-login')!;
    const options = { collection: collection!, environment: environment!, folder: `${folder.contract.product} (token-login)` };
    const mirrored = await runCollection({ ...options, envVar: [{ key: 'TOKEN_LOGIN_STATUS_MODE', value: 'mirror' }] });
    assert.deepEqual(failures(mirrored), []);
    assert.equal(mirrored.run.executions.length, examplesOf('token-login').length);
    const body = await runCollection(options);
    assert.ok(body.run.stats.assertions.failed > 0, 'the body-mode expectations passed against a mirror-mode sandbox');
    assert.ok(failures(body).every((line) => /: answers HTTP 200 \(\d+ when TOKEN_LOGIN_STATUS_MODE is "mirror"\): expected response to have status code 200 but got [1-9]\d\d$/.test(line)), failures(body).join('\n'));
  });

  it('fails on a sandbox with one fault switched on, in that API\'s requests only', async () => {
    const sandbox = await sandboxOnFixedPorts({ ...demoOnly(scratch), EMULATOR_FAULT: 'o2g:cookie-renamed' });
    sandboxes.push(sandbox);
    const [collection, environment] = writePostman(join(scratch, 'fault'), sandbox.base);
    const summary = await runCollection({ collection: collection!, environment: environment! });
    const failed = failures(summary);
    assert.ok(failed.length > 0, 'no assertion failed with the AlcUserId cookie renamed');
    assert.ok(failed.some((line) => line.startsWith('Authenticate with Basic Auth (Postman keeps the AlcUserId cookie): keeps the cookie AlcUserId as {{o2g.AlcUserId}}')), failed.join('\n'));
    const o2g = new Set(examplesOf('o2g').map((example) => example.name));
    assert.deepEqual(summary.run.failures.map((failure) => failure.source?.name).filter((name) => !o2g.has(name ?? '')), []);
    assert.equal(summary.run.executions.length, allExamples.length);
  });
});
