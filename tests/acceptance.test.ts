// The acceptance suite as a newcomer runs it, plus the checks around it: both token-login status
// modes, a bad .env stopping the run, and the mutation check that proves every scenario can fail.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Matrix } from '../support/traceability/matrix';
import { catalogue } from '../support/traceability/catalogue';
import { cucumber, explain, scenarioCounts, tsx } from './run';

describe('acceptance suite', () => {
  it('passes every scenario against the embedded emulators and builds the Allure report', () => {
    const ran = tsx('scripts/acceptance.ts');
    assert.equal(ran.status, 0, explain(ran));
    const counts = scenarioCounts(ran.stdout);
    assert.ok(counts.total > 0, explain(ran));
    assert.equal(counts.passed, counts.total, explain(ran));
    assert.ok(existsSync('reports/allure-report/index.html'));
    assert.match(ran.stdout, /Allure report: .*reports\/allure-report\/index\.html/);

    // The traceability matrix of this run: every catalogued ID of every API and the baseline, each with
    // its scenarios, all passed, and the faults that prove they can fail; in Allure and in JUnit too.
    const matrix = JSON.parse(readFileSync('reports/traceability.json', 'utf8')) as Matrix;
    assert.deepEqual(matrix.problems, []);
    const rows = matrix.apis.flatMap((api) => api.rows.map((row) => ({ ...row, api: api.api })));
    assert.deepEqual([...new Set(rows.map((row) => row.id))].sort(), [...new Set(catalogue().map((e) => e.id))].sort());
    for (const row of rows) {
      assert.equal(row.verdict, 'holds', `${row.api} ${row.id}: ${row.scenarios.map((s) => `${s.where} ${s.status}`).join(', ')}`);
      assert.ok(row.scenarios.length > 0 && row.scenarios.every((s) => /^features\/[^:]+\.feature:\d+$/.test(s.where)), `${row.api} ${row.id}`);
    }
    assert.ok(rows.filter((row) => !row.id.startsWith('SEC-')).every((row) => row.faults.length > 0), 'every vendor behaviour names a fault that breaks it');
    for (const api of matrix.apis) {
      const kinds = api.rows.map((row) => (row.id.startsWith('SEC-') ? 2 : row.documented ? 0 : 1));
      assert.deepEqual(kinds, [...kinds].sort(), `${api.api}: documented first, then inferred, then the baseline`);
    }
    for (const file of ['reports/traceability.md', 'reports/traceability.html']) assert.match(readFileSync(file, 'utf8'), /SDM-02/);
    const traceResult = readdirSync('reports/allure-results').filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join('reports/allure-results', f), 'utf8')) as { historyId?: string; status: string }).find((r) => r.historyId === 'traceability-matrix');
    assert.equal(traceResult?.status, 'passed');
    assert.match(readFileSync('reports/junit.xml', 'utf8'), /<testcase [^>]*><properties><property name="behaviour" value="[A-Z]+-\d+"\/>/);
    assert.ok(!existsSync('reports/cucumber.html'), 'the default profile writes no HTML page (npm run acceptance -- --html does)');
  });

  it('writes cucumber\'s HTML page too with --html, one flag away', () => {
    const ran = tsx('scripts/acceptance.ts', ['--html', '--tags', '@smoke']);
    assert.equal(ran.status, 0, explain(ran));
    assert.match(ran.stdout, /Cucumber: .*reports\/cucumber\.html, JUnit: reports\/junit\.xml/);
    const page = readFileSync('reports/cucumber.html', 'utf8');
    assert.ok(scenarioCounts(ran.stdout).total > 0 && page.includes('features/token-login/'), 'the page holds the run');
  });

  it('passes the token-login features when the HTTP status mirrors the code (TOK-07)', () => {
    const ran = cucumber(['-p', 'quiet', 'features/token-login'], { TOKEN_LOGIN_STATUS_MODE: 'mirror' });
    assert.equal(ran.status, 0, explain(ran));
    assert.ok(scenarioCounts(ran.stdout).passed > 0);
  });

  it('stops before any scenario with one line naming a bad variable in .env', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    writeFileSync(join(dir, '.env'), 'TOKEN_LOGIN_BASE_URL=not-a-url\n');
    const ran = cucumber(['-p', 'quiet'], { DOTENV_PATH: join(dir, '.env'), TOKEN_LOGIN_BASE_URL: undefined });
    assert.equal(ran.status, 2, explain(ran));
    const problems = ran.stderr.split('\n').filter((line) => line.startsWith('  - '));
    assert.deepEqual(problems, ['  - TOKEN_LOGIN_BASE_URL="not-a-url" must be an absolute http(s) URL such as https://alm.example.com:8443']);
    assert.doesNotMatch(ran.stdout, /scenarios?/);
  });

  for (const fault of ['sixty-minute-token', 'missing-reported-as-empty']) {
    it(`fails when the token-login emulator has the fault ${fault}`, () => {
      const ran = cucumber(['-p', 'quiet', 'features/token-login'], { EMULATOR_FAULT: `token-login:${fault}` });
      assert.equal(ran.status, 1, explain(ran));
      assert.ok(scenarioCounts(ran.stdout).failed > 0, explain(ran));
    });
  }
});
