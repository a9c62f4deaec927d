// The acceptance suite as a newcomer runs it, plus the checks around it: both token-login status
// modes, a bad .env stopping the run, and the mutation check that proves every scenario can fail.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
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
