// `npm run mutation` must kill every catalogued fault and fail every scenario at least once; and it must
// notice when a scenario loses the one assertion that killed a fault.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { explain, tsx } from './run';

describe('mutation check', () => {
  it('kills every fault of every API and leaves no scenario that never fails', () => {
    const ran = tsx('scripts/mutation.ts');
    assert.equal(ran.status, 0, explain(ran));
    const result = JSON.parse(readFileSync('reports/mutation.json', 'utf8')) as { killed: number; total: number; neverFailed: string[] };
    assert.ok(result.total >= 8, 'at least 8 faults');
    assert.equal(result.killed, result.total);
    assert.deepEqual(result.neverFailed, []);
    assert.match(ran.stdout, /mutation score: (\d+)\/\1 faults killed \(100%\), 0 of \d+ scenarios never failed/);
  });

  it('names the fault that survives when a scenario loses its assertion', () => {
    const project = mkdtempSync(join(tmpdir(), 'mutation-'));
    try {
      for (const entry of ['node_modules', 'support', 'steps', 'scripts', 'cucumber.cjs', 'package.json', 'tsconfig.json']) {
        symlinkSync(resolve(entry), join(project, entry));
      }
      cpSync('features/token-login', join(project, 'features/token-login'), { recursive: true });
      const feature = join(project, 'features/token-login/login.feature');
      const text = readFileSync(feature, 'utf8');
      const weakened = text.replace('      And the response content type is "application/json"\n', '');
      assert.notEqual(weakened, text, 'the assertion to remove is in the feature');
      writeFileSync(feature, weakened);
      const ran = tsx('scripts/mutation.ts', ['token-login'], {}, project);
      assert.equal(ran.status, 1, explain(ran));
      assert.match(ran.stdout, /SURVIVED: token-login:html-content-type/);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
