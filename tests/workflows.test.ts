// The GitHub workflows' least privilege and supply chain: every action pinned by commit with its version
// in a comment, npm audit in each workflow, Dependabot for npm and the actions; in the nightly, the leak
// scan before anything is uploaded (nothing on a hit), and no credential in the merge or audit jobs.
// (Each shard's own variables and its environment: tests/registry.test.ts.)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { nightlyRun } from '../scripts/nightly-options';

const DIR = '.github/workflows';
const workflows = readdirSync(DIR)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => ({ name, text: readFileSync(join(DIR, name), 'utf8') }));

/** A job's text: from its `  <name>:` line to the next job (jobs sit at two spaces). */
function job(workflow: string, name: string): string {
  const start = workflow.indexOf(`\n  ${name}:\n`);
  assert.ok(start >= 0, `no job ${name}`);
  const next = workflow.slice(start + 1).search(/\n {2}[\w-]+:\n/);
  return next < 0 ? workflow.slice(start) : workflow.slice(start, start + 1 + next);
}

/** The steps of a job, each from its `- ` line. */
function steps(jobText: string): string[] {
  return jobText.split(/\n {6}- /).slice(1);
}

describe('the GitHub workflows', () => {
  it('pin every action by a full commit SHA, with the version it is in a comment', () => {
    assert.ok(workflows.length >= 2);
    for (const { name, text } of workflows) {
      const uses = [...text.matchAll(/^\s*(?:- )?uses: (.+)$/gm)].map((m) => m[1]!);
      assert.ok(uses.length > 0, name);
      for (const action of uses) assert.match(action, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/, `${name}: uses ${action}`);
    }
  });

  it('each run npm audit at level high, and Dependabot watches npm and the actions', () => {
    for (const { name, text } of workflows) assert.match(text, /^\s+- run: npm audit --audit-level=high$/m, name);
    const dependabot = readFileSync('.github/dependabot.yml', 'utf8');
    assert.match(dependabot, /^version: 2$/m);
    for (const ecosystem of ['npm', 'github-actions']) assert.match(dependabot, new RegExp(`^  - package-ecosystem: ${ecosystem}\\n    directory: /\\n    schedule:\\n      interval: \\w+$`, 'm'), ecosystem);
  });

  it('grant the token read access to the contents only', () => {
    for (const { name, text } of workflows) assert.match(text, /^permissions:\n {2}contents: read\n(?! )/m, name);
  });

  it('scan each nightly shard\'s reports for leaks before uploading any, and upload nothing on a hit', () => {
    const nightly = workflows.find((w) => w.name === 'nightly.yml')!.text;
    const shard = steps(job(nightly, 'regression'));
    const scan = shard.findIndex((step) => /^name: .*\n\s+id: leak-scan\n\s+if: always\(\) && steps\.target\.outputs\.configured == 'true'\n\s+run: npm run leak-scan$/.test(step));
    assert.ok(scan > shard.findIndex((step) => /run: npm run nightly/.test(step)), 'the leak scan runs after the regression, whatever its outcome');
    const uploads = shard.map((step, at) => ({ step, at })).filter(({ step }) => /uses: actions\/upload-artifact@/.test(step));
    assert.ok(uploads.length >= 2);
    for (const { step, at } of uploads) {
      assert.ok(at > scan, `an upload before the leak scan: ${step}`);
      assert.match(step, /^if: .*&& steps\.leak-scan\.outcome == 'success'\n/, `an upload not held back by a leak: ${step}`);
    }
    // The merged report is scanned too (for tokens: its job holds no credential), before it is saved or uploaded.
    const report = steps(job(nightly, 'report'));
    const merged = report.findIndex((step) => /run: npm run leak-scan/.test(step));
    assert.ok(merged > report.findIndex((step) => /run: npm run report/.test(step)));
    for (const [at, step] of report.entries()) if (/uses: actions\/(upload-artifact|cache\/save)@/.test(step)) assert.ok(at > merged, step);
  });

  it('compare each nightly shard with the emulators (npm run drift) before the leak scan, never failing the job, and upload the shapes and the drift report', () => {
    const nightly = workflows.find((w) => w.name === 'nightly.yml')!.text;
    const shard = steps(job(nightly, 'regression'));
    const drift = shard.findIndex((step) => /\n\s+run: npm run drift$/.test(step));
    assert.ok(drift > shard.findIndex((step) => /run: npm run nightly/.test(step)), 'drift runs after the regression');
    assert.ok(drift < shard.findIndex((step) => /run: npm run leak-scan/.test(step)), 'the leak scan covers the drift files');
    assert.match(shard[drift]!, /\n\s+if: always\(\) && steps\.target\.outputs\.configured == 'true'\n\s+continue-on-error: true\n/, 'drift runs whatever the regression did, and is a finding, not a red job');
    const upload = shard.find((step) => /uses: actions\/upload-artifact@/.test(step) && /name: drift-/.test(step));
    assert.ok(upload, 'an artifact with the shapes and the drift report');
    for (const path of ['reports/shapes/', 'reports/drift.md', 'reports/drift.json']) assert.match(upload, new RegExp(`\\n {12}${path.replace(/\./g, '\\.')}\\n`), `the drift artifact holds ${path}`);
  });

  it('split an API over shards (matrix.shard as NIGHTLY_SHARD), upload each job\'s results apart and merge them into one matrix before the report', () => {
    const nightly = workflows.find((w) => w.name === 'nightly.yml')!.text;
    const regression = job(nightly, 'regression');
    const shards = /^ {8}shard: \[([^\]]*)\]$/m.exec(regression)?.[1]?.split(',').map((value) => value.trim());
    assert.ok(shards && shards.length > 0, 'the regression matrix has a shard dimension');
    for (const shard of shards) assert.deepEqual(Object.keys(nightlyRun({ NIGHTLY_SHARD: shard })), ['parallel', 'shard'], shard);
    assert.match(regression, /^ {6}NIGHTLY_SHARD: \$\{\{ matrix\.shard \}\}$/m);
    // Two jobs of one API must not overwrite each other's artifacts.
    const names = [...regression.matchAll(/^ {10}name: (.+)$/gm)].map((m) => m[1]!);
    assert.ok(names.length >= 2);
    for (const name of names) assert.match(name, /\$\{\{ matrix\.api \}\}-\$\{\{ strategy\.job-index \}\}$/, name);
    assert.ok(names.some((name) => name.startsWith('nightly-')), 'the message streams are uploaded for the merged matrix');
    assert.match(regression, /^ {12}reports\/nightly\*\.ndjson$/m);
    const report = steps(job(nightly, 'report'));
    const at = (pattern: RegExp) => report.findIndex((step) => pattern.test(step));
    const merge = at(/^name: Merge the shards' results/);
    const streams = at(/pattern: nightly-\*\n\s+path: streams/);
    const matrix = at(/run: node --import tsx scripts\/nightly-merge\.ts streams$/);
    assert.ok(merge >= 0 && streams >= 0 && matrix > merge && matrix > streams, 'the matrix is made from every shard, after their results are merged');
    assert.ok(matrix < at(/run: npm run report/), 'and before the report, which shows it');
  });

  it('give no job but the nightly shards a secret, a variable or an environment', () => {
    for (const { name, text } of workflows) {
      for (const jobName of [...text.matchAll(/^ {2}([\w-]+):\n/gm)].map((m) => m[1]!)) {
        if (name === 'nightly.yml' && jobName === 'regression') continue;
        assert.doesNotMatch(job(text, jobName), /\b(?:secrets|vars)\.|^\s+environment:/m, `${name}: job ${jobName}`);
      }
    }
  });
});
