// The registry (support/apis/index.ts) is the one list of APIs: every feature folder is a registered API,
// every API folder holds its parts, the nightly workflow's matrix and secrets follow the contracts, and a
// behaviour ID leads a reader to its feature, its emulator and its faults with one search, and nothing
// points outside the project.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { APIS, API_IDS } from '../support/apis';

const PARTS = ['contract.ts', 'behaviours.ts', 'emulator.ts', 'faults.ts', 'schemas.ts', 'endpoints.ts', 'index.ts'];

/** Files below `dir` whose text contains `needle` (a plain `grep -rl`). */
function grep(dir: string, needle: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => needle.test(readFileSync(file, 'utf8')));
}

describe('the API registry', () => {
  it('has one folder under support/apis/ per registered API, each holding all its parts', () => {
    const folders = readdirSync('support/apis', { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    assert.deepEqual(folders, [...API_IDS].sort());
    for (const id of API_IDS) assert.deepEqual(PARTS.filter((part) => !existsSync(join('support/apis', id, part))), [], `support/apis/${id}/`);
  });

  it('has a feature folder for every API and no feature folder without an API', () => {
    const folders = readdirSync('features', { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    assert.deepEqual(folders, [...API_IDS].sort());
  });

  it('gives every API a unique id and prefix, and every fault at least one behaviour of a feature tag', () => {
    assert.equal(new Set(APIS.map((api) => api.contract.prefix)).size, APIS.length);
    for (const api of APIS) {
      const tags = new Set(grep(join('features', api.contract.id), /@/).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/@([A-Z][A-Z0-9]*-\d+)\b/g)].map((m) => m[1]!)));
      for (const fault of api.faults) {
        assert.ok(fault.behaviours.some((id) => tags.has(id)), `${api.contract.id}:${fault.name} names ${fault.behaviours.join(', ')}, which no scenario of features/${api.contract.id} is tagged with`);
      }
    }
  });

  it('runs one nightly shard per API in its own GitHub environment, each handed its own API\'s variables only', () => {
    const workflow = readFileSync('.github/workflows/nightly.yml', 'utf8');
    const matrix = /^\s+api: \[([^\]]*)\]/m.exec(workflow)?.[1]?.split(',').map((id) => id.trim());
    assert.deepEqual(matrix, [...API_IDS], 'the matrix of .github/workflows/nightly.yml lists the registered APIs in registry order');
    assert.match(workflow, /^ {4}environment: nightly-\$\{\{ matrix\.api \}\}$/m, 'each shard runs in the GitHub environment nightly-<api>, which holds that API\'s secrets');
    const expected = new Map<string, string>();
    for (const { contract } of APIS) {
      const names = ['BASE_URL', ...Object.keys(contract.variables)].map((name) => `${contract.prefix}${name}`);
      for (const name of names) {
        const spec = contract.variables[name.slice(contract.prefix.length) as keyof typeof contract.variables] as { credential: boolean } | undefined;
        const source = spec && !spec.credential ? '(?:secrets|vars)' : 'secrets';
        assert.match(workflow, new RegExp(`^\\s+${name}: \\$\\{\\{ matrix\\.api == '${contract.id}' && ${source}\\.${name} \\|\\| '' \\}\\}$`, 'm'), `nightly.yml passes ${name} to the ${contract.id} shard, and to no other`);
        expected.set(name, contract.id);
      }
    }
    // Every secret or variable the workflow reads, read only by the shard of its API (the merge job reads none).
    const reads = [...workflow.matchAll(/\$\{\{([^}]*\b(?:secrets|vars)\.[A-Z0-9_]+[^}]*)\}\}/g)].map((m) => m[1]!.trim());
    assert.ok(reads.length >= expected.size, 'the workflow reads the contracts\' variables');
    for (const read of reads) {
      const gated = /^matrix\.api == '([^']+)' && (?:secrets|vars)\.([A-Z0-9_]+) \|\| ''$/.exec(read);
      assert.ok(gated && expected.get(gated[2]!) === gated[1], `nightly.yml reads \${{ ${read} }}: only the shard of that variable's API may read it`);
    }
  });

  it('leads from O2G-05, ALM-03 and SDM-02 to their feature, emulator and faults in one search', () => {
    for (const [id, api] of [['O2G-05', 'o2g'], ['ALM-03', 'alm'], ['SDM-02', 'sdm']] as const) {
      const hits = [...grep('features', new RegExp(`@${id}\\b`)), ...grep('support/apis', new RegExp(`\\b${id}\\b`))];
      for (const where of [`features/${api}/`, `support/apis/${api}/emulator.ts`, `support/apis/${api}/faults.ts`]) {
        assert.ok(hits.some((file) => file.startsWith(where)), `searching ${id} finds ${where} (found: ${hits.join(', ')})`);
      }
    }
  });
});

describe('the project stands alone', () => {
  it('refers nowhere to the shared folder beside the project, which a clone does not have', () => {
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).split('\0').filter((f) => f && existsSync(f));
    const hits = files.filter((file) => !file.endsWith('package-lock.json') && /\.\.\/shared\b|shared\/seeds|api-behaviours\.md|api-reference\.md/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(hits, []);
  });
});
