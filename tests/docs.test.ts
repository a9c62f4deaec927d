// The documentation stays true: the step catalogue matches the code, .env.example names every variable
// of the contract, and every shell example of docs/sandbox.md succeeds against a running sandbox.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CONTRACT, envSchema } from '../support/config';
import { explain, tsx } from './run';
import { startSandboxProcess } from './sandbox-process';

describe('documentation', () => {
  it('has an up-to-date step catalogue in docs/steps.md', () => {
    const ran = tsx('scripts/catalog.ts', ['--check']);
    assert.equal(ran.status, 0, explain(ran));
  });

  it('documents every variable of the environment contract in .env.example', () => {
    const example = readFileSync('.env.example', 'utf8');
    const missing = Object.keys(envSchema.shape).filter((name) => !new RegExp(`^# ${name}=`, 'm').test(example));
    assert.deepEqual(missing, []);
    assert.equal(Object.keys(CONTRACT).length, 5);
  });

  it('runs every shell example of docs/sandbox.md against the sandbox', { skip: spawnSync('sh', ['-c', 'command -v curl']).status !== 0 && 'curl is not installed' }, async () => {
    const base = 20000 + Math.floor(Math.random() * 30000);
    const sandbox = await startSandboxProcess({ SANDBOX_PORT: String(base) });
    try {
      const doc = readFileSync('docs/sandbox.md', 'utf8');
      const blocks = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
      assert.ok(blocks.length >= 6, 'the seeds\' examples are in the page');
      const dir = mkdtempSync(join(tmpdir(), 'sandbox-doc-'));
      // Each curl also prints its status, so a 4xx cannot pass unnoticed.
      const prelude = `curl() { command curl -s -o /dev/null -w 'HTTP %{http_code}\\n' "$@"; }\n`;
      for (const block of blocks) {
        const script = block.replace(/127\.0\.0\.1:81(\d\d)/g, (_, n: string) => `127.0.0.1:${base + Number(n) - 1}`);
        const uses = script.includes('$(curl') ? script : prelude + script;
        const ran = spawnSync('sh', ['-e', '-c', uses], { cwd: dir, encoding: 'utf8' });
        assert.equal(ran.status, 0, `${block}\n${ran.stdout}\n${ran.stderr}`);
        const statuses = [...ran.stdout.matchAll(/HTTP (\d{3})/g)].map((m) => Number(m[1]));
        if (!script.includes('$(curl')) assert.ok(statuses.length > 0 && statuses.every((s) => s >= 200 && s < 300), `${block}\nstatuses: ${statuses.join(', ')}`);
        else assert.match(ran.stdout, /<deviceGroups/, block);
      }
    } finally {
      sandbox.stop();
    }
  });
});
