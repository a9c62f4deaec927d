// The nightly split over machines (NIGHTLY_SHARD=i/n, cucumber's --shard) and over workers
// (NIGHTLY_PARALLEL): two shards of token-login against a separately started sandbox run every
// scenario exactly once between them, and the workflow's merge job (its own shell step, then
// scripts/nightly-merge.ts) makes one Allure results folder and one traceability matrix that hold them
// all, with one matrix result, not one per shard. Bad values stop the run in one sentence.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cucumberOptions, nightlyRun, NIGHTLY_DEFAULT_PARALLEL } from '../scripts/nightly-options';
import { API_IDS, CONTRACT } from '../support/config';
import { featureFolder } from '../support/feature-place';
import { featureScenarios } from '../support/traceability/features';
import type { Matrix } from '../support/traceability/matrix';
import { envelopes, runScenarios } from '../support/traceability/scenarios';
import { isolatedProject } from './isolated-project';
import { explain, tsx } from './run';
import { startSandboxProcess, type Sandbox } from './sandbox-process';
import { workflowScript } from './workflow-script';

/** No base URL but the ones given, and no developer's .env. */
const UNCONFIGURED: Record<string, string> = {
  DOTENV_PATH: '/dev/null',
  NIGHTLY_APIS: '',
  NIGHTLY_SHARD: '',
  NIGHTLY_PARALLEL: '',
  ...Object.fromEntries(API_IDS.map((id) => [`${CONTRACT[id].prefix}BASE_URL`, ''])),
};

describe('nightly options', () => {
  it('runs one job with the default workers, or the workers and shard given', () => {
    assert.deepEqual(nightlyRun({}), { parallel: NIGHTLY_DEFAULT_PARALLEL, shard: undefined });
    assert.deepEqual(cucumberOptions(nightlyRun({ NIGHTLY_PARALLEL: '1' })), []);
    assert.deepEqual(cucumberOptions(nightlyRun({ NIGHTLY_PARALLEL: '8', NIGHTLY_SHARD: '2/3' })), ['--parallel', '8', '--shard', '2/3']);
    assert.deepEqual(nightlyRun({ NIGHTLY_PARALLEL: '16', NIGHTLY_SHARD: '1/1' }), { parallel: 16, shard: { index: 1, total: 1 } });
  });

  it('refuses a worker count or shard it cannot use, in one sentence naming the variable', () => {
    for (const bad of ['0', '17', '2.5', 'four', '-1']) {
      assert.throws(() => nightlyRun({ NIGHTLY_PARALLEL: bad }), { message: `NIGHTLY_PARALLEL=${JSON.stringify(bad)} must be a whole number of workers from 1 to 16 (1 runs the scenarios one after another; unset: ${NIGHTLY_DEFAULT_PARALLEL}).` });
    }
    for (const bad of ['3/2', '0/2', '1/0', '1', '1/2/3', 'a/b', ' 1/2']) {
      assert.throws(() => nightlyRun({ NIGHTLY_SHARD: bad }), { message: new RegExp(`^NIGHTLY_SHARD=${JSON.stringify(bad).replace(/[/]/g, '\\/')} must be i/n, this job's shard i of n shards, with 1 ≤ i ≤ n`) });
    }
  });

  it('stops npm run nightly before any scenario on a bad value', () => {
    const ran = tsx('scripts/nightly.ts', [], { ...UNCONFIGURED, TOKEN_LOGIN_BASE_URL: 'http://127.0.0.1:9', TOKEN_LOGIN_USERNAME: 'u', TOKEN_LOGIN_PASSWORD: 'p', NIGHTLY_SHARD: '3/2' });
    assert.equal(ran.status, 2, explain(ran));
    assert.match(ran.stderr.trim(), /^NIGHTLY_SHARD="3\/2" must be i\/n/);
    assert.doesNotMatch(ran.stdout, /scenario/);
  });
});

describe('nightly over two shards', () => {
  let sandbox: Sandbox;
  const projects = [isolatedProject(), isolatedProject(), isolatedProject()];
  const [first, second, merge] = projects.map((project) => project.dir) as [string, string, string];

  before(async () => {
    sandbox = await startSandboxProcess();
  });

  after(() => {
    sandbox.stop();
    for (const project of projects) project.remove();
  });

  it('runs every token-login scenario exactly once between 1/2 and 2/2, and the merged report and matrix hold them all', () => {
    const env = { ...UNCONFIGURED, ...sandbox.env, NIGHTLY_APIS: 'token-login' };
    const ranIn: string[][] = [];
    for (const [i, dir] of [first, second].entries()) {
      // One shard with workers, one without: both ways of the first run feed the same merge.
      const ran = tsx('scripts/nightly.ts', [], { ...env, NIGHTLY_SHARD: `${i + 1}/2`, NIGHTLY_PARALLEL: i === 0 ? '2' : '1' }, dir);
      assert.equal(ran.status, 0, explain(ran));
      // The stream lists every pickle; the other shard's are not run here.
      ranIn.push(runScenarios(envelopes(readFileSync(join(dir, 'reports/nightly.ndjson'), 'utf8'))).filter((scenario) => scenario.status !== 'not run').map((scenario) => scenario.where));
    }
    const all = featureScenarios().filter((scenario) => featureFolder(scenario.uri) === 'token-login').map((scenario) => scenario.where);
    assert.ok(all.length > 10 && ranIn[0]!.length > 0 && ranIn[1]!.length > 0, `both shards ran some of the ${all.length} scenarios`);
    assert.deepEqual(ranIn[0]!.filter((where) => ranIn[1]!.includes(where)), [], 'no scenario ran in both shards');
    assert.deepEqual([...ranIn[0]!, ...ranIn[1]!].sort(), [...all].sort(), 'together the shards ran every scenario once');

    // The merge job, as nightly.yml runs it: each shard's artifacts in a folder of their own.
    for (const [i, dir] of [first, second].entries()) {
      cpSync(join(dir, 'reports/allure-results'), join(merge, 'shards', `allure-results-token-login-${i}`), { recursive: true });
      mkdirSync(join(merge, 'streams', `nightly-token-login-${i}`), { recursive: true });
      cpSync(join(dir, 'reports/nightly.ndjson'), join(merge, 'streams', `nightly-token-login-${i}`, 'nightly.ndjson'));
    }
    const shell = spawnSync('bash', ['-e', '-c', workflowScript("name: Merge the shards' results")], { cwd: merge, encoding: 'utf8' });
    assert.equal(shell.status, 0, shell.stderr);
    const merged = tsx('scripts/nightly-merge.ts', ['streams'], UNCONFIGURED, merge);
    assert.equal(merged.status, 0, explain(merged));

    const results = join(merge, 'reports/allure-results');
    const read = readdirSync(results).filter((name) => name.endsWith('-result.json')).map((name) => JSON.parse(readFileSync(join(results, name), 'utf8')) as { fullName: string; status: string });
    const matrices = read.filter((result) => result.fullName === 'traceability:matrix');
    assert.equal(matrices.length, 1, 'one matrix result: the shards\' own are dropped');
    assert.equal(read.length - matrices.length, all.length, 'one Allure result per scenario');

    const matrix = JSON.parse(readFileSync(join(merge, 'reports/traceability.json'), 'utf8')) as Matrix;
    const tokenLogin = matrix.apis.find((api) => api.api === 'token-login')!;
    assert.ok(tokenLogin.target.startsWith(sandbox.env.TOKEN_LOGIN_BASE_URL!), `the target as the shards recorded it: ${tokenLogin.target}`);
    const statuses = tokenLogin.rows.flatMap((row) => row.scenarios.map((scenario) => scenario.status));
    assert.ok(statuses.length > 0);
    assert.deepEqual(statuses.filter((status) => status === 'not run'), [], 'every token-login scenario has its shard\'s result');
    assert.ok(matrix.apis.filter((api) => api.api !== 'token-login').every((api) => api.target === 'not run'));
    // Each shard's own matrix saw only its half.
    const own = JSON.parse(readFileSync(join(first, 'reports/traceability.json'), 'utf8')) as Matrix;
    assert.ok(own.apis.find((api) => api.api === 'token-login')!.rows.some((row) => row.scenarios.some((scenario) => scenario.status === 'not run')));
  });
});
