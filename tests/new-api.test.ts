// `npm run new-api` in a scratch copy of the project: the generated API must pass what npm test asks of
// every API without a hand edit: the typecheck, its scenario, the mutation check (its fault is caught by
// a scenario of its behaviour), the robustness corpus, and the docs and registry checks.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cucumber, explain, run, scenarioCounts, tsx } from './run';

/** A copy of every file git would commit (tracked or new, not ignored), with node_modules linked. */
function scratchCopy(): string {
  const scratch = mkdtempSync(join(tmpdir(), 'new-api-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    try {
      copyFileSync(file, join(scratch, file));
    } catch {
      // listed by git but deleted in the working tree
    }
  }
  symlinkSync(resolve('node_modules'), join(scratch, 'node_modules'));
  return scratch;
}

describe('npm run new-api', () => {
  let scratch = '';
  before(() => {
    scratch = scratchCopy();
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('refuses a bad id, a taken id or prefix, and a missing name, in one sentence naming the option', () => {
    for (const [args, said] of [
      [['Acme', '--name', 'Acme', '--prefix', 'ACME'], /The API id "Acme" must be lower-case/],
      [['alm', '--name', 'Acme', '--prefix', 'ACME'], /An API "alm" is registered already/],
      [['acme', '--name', 'Acme', '--prefix', 'ALM'], /The prefix ALM_ belongs to another API/],
      [['acme', '--prefix', 'ACME'], /--name is missing/],
      [['acme', '--name', 'Acme', '--prefix', 'acme'], /--prefix "acme" must be upper-case/],
    ] as const) {
      const ran = tsx('scripts/new-api.ts', [...args], {}, scratch);
      assert.equal(ran.status, 1, explain(ran));
      assert.match(ran.stderr.trim(), said);
      assert.equal(ran.stderr.trim().split('\n').length, 1, ran.stderr);
    }
  });

  it('adds an API that passes its scenario, the mutation check, robustness, the typecheck and the docs checks', () => {
    const made = tsx('scripts/new-api.ts', ['acme-sso', '--name', 'Acme SSO', '--prefix', 'ACME_SSO'], {}, scratch);
    assert.equal(made.status, 0, explain(made));
    assert.match(readFileSync(join(scratch, '.env.example'), 'utf8'), /^# ACME_SSO_BASE_URL=/m);
    assert.match(readFileSync(join(scratch, 'docs/postman/login-api-bdd-sandbox.postman_collection.json'), 'utf8'), /Acme SSO/);

    const typecheck = run(['node_modules/typescript/bin/tsc', '-p', '.'], {}, scratch);
    assert.equal(typecheck.status, 0, explain(typecheck));

    const suite = cucumber(['-p', 'quiet'], {}, scratch);
    assert.equal(suite.status, 0, explain(suite));
    const own = cucumber(['-p', 'quiet', 'features/acme-sso'], {}, scratch);
    assert.deepEqual(scenarioCounts(own.stdout), { total: 1, passed: 1, failed: 0, skipped: 0 }, explain(own));

    const mutation = tsx('scripts/mutation.ts', ['acme-sso'], {}, scratch);
    assert.equal(mutation.status, 0, explain(mutation));
    assert.match(mutation.stdout, /mutation score: 1\/1 faults killed \(100%\), 0 of 1 scenarios never failed/);

    const registry = run(['--import', 'tsx', '--test', 'tests/registry.test.ts'], {}, scratch);
    assert.equal(registry.status, 0, explain(registry));
    for (const [check, ...args] of [['scripts/env-example.ts'], ['scripts/catalog.ts'], ['scripts/behaviours.ts'], ['scripts/postman.ts', 'docs/postman']]) {
      const ran = tsx(check!, ['--check', ...args], {}, scratch);
      assert.equal(ran.status, 0, `${check}: ${explain(ran)}`);
    }
    const corpus = run(['--import', 'tsx', '-e', `require('./support/robustness/runner').runCorpus({ apis: ['acme-sso'], passes: 1 }).then((r) => { console.log(JSON.stringify({ tried: r.inputsTried, crashes: r.crashes, unexpected: r.unexpectedStatuses, malformed: r.malformedBodies, slow: r.slowRequests })); })`], {}, scratch);
    assert.equal(corpus.status, 0, explain(corpus));
    const counts = JSON.parse(corpus.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    assert.ok(counts.tried! >= 30, corpus.stdout);
    assert.deepEqual({ ...counts, tried: 0 }, { tried: 0, crashes: 0, unexpected: 0, malformed: 0, slow: 0 }, corpus.stdout);
  });
});
