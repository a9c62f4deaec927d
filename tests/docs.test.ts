// The documentation stays true: the step catalogue matches the code (checking it writes nothing into
// reports/, and a new scenario never makes it stale), .env.example names every variable config reads with values that pass validation, and every
// shell and Python example of docs/sandbox.md succeeds against a running sandbox.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'dotenv';
import { renderCatalog } from '../scripts/catalog';
import { envSchema } from '../support/config';
import { activeFault } from '../support/emulators/faults';
import { emulatorTlsMode } from '../support/tls/emulator-tls';
import { nightlyRun } from '../scripts/nightly-options';
import { explain, tsx } from './run';
import { startSandboxOnFixedPorts } from './sandbox-process';

/** `# NAME=value` lines of .env.example, as dotenv reads them once uncommented. */
function exampleLines(): Array<{ line: string; name: string; value: string }> {
  return readFileSync('.env.example', 'utf8')
    .split('\n')
    .filter((line) => /^# [A-Z][A-Z0-9_]*=/.test(line))
    .map((line) => {
      const [name, value] = Object.entries(parse(line.slice(2)))[0]!;
      return { line, name, value };
    });
}

/** Settings read outside config.ts that .env can still carry (the emulators read them after .env). */
const RUN_SETTINGS: Record<string, (value: string) => boolean> = {
  EMULATOR_FAULT: (value) => activeFault(value) !== undefined,
  EMULATOR_LATENCY_MS: (value) => /^\d+$/.test(value),
  EMULATOR_TLS: (value) => emulatorTlsMode(value) !== 'off',
  NIGHTLY_PARALLEL: (value) => nightlyRun({ NIGHTLY_PARALLEL: value }).parallel >= 1, // throws on a bad value
  NIGHTLY_SHARD: (value) => nightlyRun({ NIGHTLY_SHARD: value }).shard !== undefined,
};

/** The first interpreter that has the SDM example's imports (pyenv's python3 may lack Debian's packages). */
function python(): string | undefined {
  return ['python3', '/usr/bin/python3'].find((bin) => spawnSync(bin, ['-c', 'import requests, lxml']).status === 0);
}

// The seed's Python stops after building the headers "for subsequent requests": send one, as the seed
// describes, and show both statuses the way the curl prelude does.
const PYTHON_CHECK = `
probe = requests.get(url.replace("/admin/login", "/inventory/deviceMgmt/deviceGroups"), headers=headers)
print("HTTP", resp.status_code)
print("HTTP", probe.status_code)
assert b"<deviceGroups" in probe.content, probe.content[:200]
`;

describe('documentation', () => {
  it('has an up-to-date step catalogue in docs/steps.md', () => {
    const ran = tsx('scripts/catalog.ts', ['--check']);
    assert.equal(ran.status, 0, explain(ran));
  });

  it('builds the catalogue without writing reports (the catalog profile, not the default one)', () => {
    // A scratch project of links: what the catalogue's cucumber run writes lands there, not in reports/.
    const scratch = mkdtempSync(join(tmpdir(), 'catalog-scratch-'));
    try {
      for (const entry of ['cucumber.cjs', 'package.json', 'tsconfig.json', 'features', 'steps', 'support', 'node_modules']) symlinkSync(resolve(entry), join(scratch, entry));
      assert.match(renderCatalog(scratch), /^# Step catalogue/);
      assert.equal(existsSync(join(scratch, 'reports')), false, 'the catalogue run wrote reports/');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('keeps the catalogue check passing when a scenario is added, and failing when a step is added or an example breaks', () => {
    // A scratch project: links, but its own copies of features/ and steps/ (to add to) and docs/ (to write).
    const scratch = mkdtempSync(join(tmpdir(), 'catalog-check-'));
    try {
      for (const entry of ['cucumber.cjs', 'package.json', 'tsconfig.json', 'support', 'scripts', 'node_modules']) symlinkSync(resolve(entry), join(scratch, entry));
      for (const entry of ['features', 'steps']) cpSync(entry, join(scratch, entry), { recursive: true });
      mkdirSync(join(scratch, 'docs'));
      const doc = join(scratch, 'docs', 'steps.md');
      writeFileSync(doc, renderCatalog(scratch));
      const check = () => tsx('scripts/catalog.ts', ['--check'], {}, scratch);
      assert.equal(check().status, 0, explain(check()));

      // A scenario of existing steps, in the first feature file by name: it becomes the first use of its
      // steps (a whole-file comparison with a fresh catalogue differs), and the check still passes.
      writeFileSync(
        join(scratch, 'features', 'address-manager', '0-added-by-the-docs-test.feature'),
        ['@address-manager', 'Feature: added by the docs test', '  @BAM-01', '  Scenario: uses existing steps only', '    When I send a HEAD request to "/api/v2/added-by-the-docs-test"', '    Then the response status is 599', ''].join('\n'),
      );
      assert.notEqual(renderCatalog(scratch), readFileSync(doc, 'utf8'), 'the new scenario changed what a fresh catalogue shows');
      const afterScenario = check();
      assert.equal(afterScenario.status, 0, explain(afterScenario));

      // A new step definition, not regenerated, and an example that no longer matches its step: both named.
      writeFileSync(join(scratch, 'steps', 'zz-added-by-the-docs-test.steps.ts'), "import { Then } from '@cucumber/cucumber';\nThen('a step the catalogue does not list yet', function () {});\n");
      const written = readFileSync(doc, 'utf8');
      const broken = written.replace(/^(\| `the response status is \{int\}` \| )`[^`]*`/m, '$1`the response status is two hundred`');
      assert.notEqual(broken, written, 'the catalogue lists the status step with an example');
      writeFileSync(doc, broken);
      const afterStep = check();
      assert.equal(afterStep.status, 1, explain(afterStep));
      assert.match(afterStep.stderr, /docs\/steps\.md is out of date: run npm run catalog/);
      assert.match(afterStep.stderr, /steps\/zz-added-by-the-docs-test\.steps\.ts:2 defines `a step the catalogue does not list yet`, which docs\/steps\.md does not list/);
      assert.match(afterStep.stderr, /the example `the response status is two hundred` of `the response status is \{int\}` matches no step/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('has a docs/behaviours.md generated from the behaviour catalogue', () => {
    const ran = tsx('scripts/behaviours.ts', ['--check']);
    assert.equal(ran.status, 0, explain(ran));
  });

  it('has a .env.example generated from the contracts in support/apis/<id>/contract.ts', () => {
    const ran = tsx('scripts/env-example.ts', ['--check']);
    assert.equal(ran.status, 0, explain(ran));
  });

  it('lists every variable config reads in .env.example, one comment line above each', () => {
    const example = readFileSync('.env.example', 'utf8');
    const listed = new Set(exampleLines().map(({ name }) => name));
    const missing = [...Object.keys(envSchema.shape), ...Object.keys(RUN_SETTINGS)].filter((name) => !listed.has(name));
    assert.deepEqual(missing, []);
    // Read from the environment only (it picks the file), so named in a comment rather than as a line.
    const readDirectly = [...readFileSync('support/config.ts', 'utf8').matchAll(/process\.env\.([A-Z_]+)/g)].map((m) => m[1]!);
    assert.deepEqual(readDirectly.filter((name) => !example.includes(name)), []);
  });

  it('has only example values in .env.example that pass validation once uncommented', () => {
    const shape = envSchema.shape as Record<string, { safeParse(value: unknown): { success: boolean } }>;
    const bad = exampleLines().filter(({ name, value }) => {
      if (value === '') return false; // empty is unset
      if (shape[name]) return !shape[name].safeParse(value).success;
      const valid = RUN_SETTINGS[name];
      try {
        return !valid || !valid(value);
      } catch {
        return true;
      }
    });
    assert.deepEqual(bad.map(({ line }) => line), []);
  });

  it('runs every shell and Python example of docs/sandbox.md against the sandbox', { skip: spawnSync('sh', ['-c', 'command -v curl']).status !== 0 && 'curl is not installed' }, async (t) => {
    const sandbox = await startSandboxOnFixedPorts();
    const { base } = sandbox;
    try {
      const doc = readFileSync('docs/sandbox.md', 'utf8');
      const blocks = [...doc.matchAll(/```(sh|python)\n([\s\S]*?)```/g)].map((match) => ({ lang: match[1]!, code: match[2]! }));
      assert.ok(blocks.filter((b) => b.lang === 'sh').length >= 6, 'the seeds\' examples are in the page');
      assert.ok(blocks.some((b) => b.lang === 'python'), 'the SDM seed\'s Python example is in the page');
      const interpreter = python();
      // One folder for the whole page: a block may use a file an earlier one wrote (request.xml).
      const dir = mkdtempSync(join(tmpdir(), 'sandbox-doc-'));
      // Each curl also prints its status, so a 4xx cannot pass unnoticed.
      const prelude = `curl() { command curl -s -o /dev/null -w 'HTTP %{http_code}\\n' "$@"; }\n`;
      for (const [index, block] of blocks.entries()) {
        const script = block.code.replace(/127\.0\.0\.1:81(\d\d)/g, (_, n: string) => `127.0.0.1:${base + Number(n) - 1}`);
        const title = `${block.lang} block ${index + 1}: ${block.code.split('\n')[0]!.slice(0, 60)}`;
        const skip = block.lang === 'python' && !interpreter && 'python3 with requests and lxml is not installed (.ci/run installs python3-requests and python3-lxml)';
        await t.test(title, { skip }, () => {
          let ran;
          if (block.lang === 'python') {
            writeFileSync(join(dir, 'example.py'), script + PYTHON_CHECK);
            ran = spawnSync(interpreter!, ['example.py'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
          } else {
            const captures = script.includes('$(curl');
            ran = spawnSync('sh', ['-e', '-c', captures ? script : prelude + script], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
            if (captures) assert.match(ran.stdout, /<deviceGroups/, block.code);
          }
          assert.equal(ran.status, 0, `${block.code}\n${ran.stdout}\n${ran.stderr}`);
          if (!/\bcurl\b|requests\./.test(script) || script.includes('$(curl')) return;
          const statuses = [...ran.stdout.matchAll(/HTTP (\d{3})/g)].map((m) => Number(m[1]));
          assert.ok(statuses.length > 0 && statuses.every((s) => s >= 200 && s < 300), `${block.code}\nstatuses: ${statuses.join(', ')}`);
        });
      }
    } finally {
      sandbox.stop();
    }
  });
});
