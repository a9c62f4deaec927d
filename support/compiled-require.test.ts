import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const HOOK = resolve(__dirname, 'compiled-require.cjs');
const dir = mkdtempSync(join(tmpdir(), 'compiled-require-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Plain node (no tsx) with the hook cucumber.cjs registers, requiring `file` and printing what it exports. */
function run(file: string): { out: string; err: string; status: number | null } {
  const script = `try { console.log(JSON.stringify(require(${JSON.stringify(file)}))) } catch (e) { console.error(e.stack); process.exit(3) }`;
  const ran = spawnSync(process.execPath, ['--require', HOOK, '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { out: ran.stdout.trim(), err: ran.stderr, status: ran.status };
}

describe('compiled require (the .ts hook of cucumber runs)', () => {
  it('runs an edited file as edited, even with the same size and time stamp (the cache is keyed by content)', () => {
    const file = join(dir, 'value.ts');
    const write = (value: string) => {
      writeFileSync(file, `import { sep } from 'node:path';\nexport const value: string = '${value}' + sep.length;\n`);
      utimesSync(file, 1_000_000, 1_000_000);
    };
    write('aaa');
    assert.equal(run(file).out, '{"value":"aaa1"}');
    assert.equal(run(file).out, '{"value":"aaa1"}', 'the cached run');
    write('bbb');
    assert.equal(run(file).out, '{"value":"bbb1"}');
  });

  it('resolves an import without extension to the .ts file, as tsx did', () => {
    writeFileSync(join(dir, 'helper.ts'), 'export const twice = (n: number): number => n * 2;\n');
    writeFileSync(join(dir, 'uses.ts'), "import { twice } from './helper';\nexport const four = twice(2);\n");
    assert.equal(run(join(dir, 'uses.ts')).out, '{"four":4}');
  });

  it('names the .ts line in a stack', () => {
    const file = join(dir, 'throws.ts');
    writeFileSync(file, 'interface Unused { a: number }\n\n\nthrow new Error("from line four");\n');
    const ran = run(file);
    assert.equal(ran.status, 3);
    assert.match(ran.err, /throws\.ts:4:\d+/);
  });
});
