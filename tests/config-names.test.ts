// The check for misspelt variable names (support/config.ts) knows every name the project reads: a
// `process.env` read anywhere in the code, a variable the CI workflows set, a setting .env.example
// offers. Otherwise it would stop a correct run; and SETTINGS_READ_ELSEWHERE, the one list of the
// settings read outside config.ts, names no setting its files have stopped reading.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SETTINGS_READ_ELSEWHERE, unknownVariables } from '../support/config';

const CODE = /\.(ts|cjs|mjs|js)$/;

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : files(path, pattern);
    return pattern.test(entry) ? [path] : [];
  });
}

/** Every name read as process.env.NAME or process.env['NAME'], with the first file reading it. */
function namesRead(): Map<string, string> {
  const read = new Map<string, string>();
  for (const file of ['cucumber.cjs', ...['scripts', 'support', 'steps', 'tests'].flatMap((dir) => files(dir, CODE))]) {
    for (const match of readFileSync(file, 'utf8').matchAll(/process\.env(?:\.([A-Za-z_]\w*)|\[\s*(['"`])([A-Za-z_]\w*)\2\s*\])/g)) {
      const name = match[1] ?? match[3]!;
      if (!read.has(name)) read.set(name, file);
    }
  }
  return read;
}

describe('the names config knows', () => {
  it('flags no name the code reads from process.env', () => {
    const read = namesRead();
    for (const name of ['DOTENV_PATH', 'EMULATOR_FAULT', 'SANDBOX_PORT', 'REPORT_PORT', 'JAVA_OPTS', 'GITHUB_ACTIONS']) assert.ok(read.has(name), `the scan missed ${name}`);
    const flagged = [...read].flatMap(([name, file]) => unknownVariables({ [name]: 'x' }).map((line) => `${file}: ${line}`));
    assert.deepEqual(flagged, [], 'add the setting to SETTINGS_READ_ELSEWHERE in support/config.ts');
  });

  it('flags no variable a CI workflow sets', () => {
    const set = files('.github/workflows', /\.ya?ml$/).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/^\s+([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!));
    assert.ok(set.includes('ALM_BASE_URL') && set.includes('NIGHTLY_APIS'), 'the workflow scan found none of the contract');
    assert.deepEqual(unknownVariables(Object.fromEntries(set.map((name) => [name, 'x']))), []);
  });

  it('flags no setting .env.example offers', () => {
    const offered = [...readFileSync('.env.example', 'utf8').matchAll(/^# ([A-Za-z_]\w*)=/gm)].map((m) => m[1]!);
    assert.ok(offered.includes('EMULATOR_FAULT') && offered.includes('SDM_API_VERSION'));
    assert.deepEqual(unknownVariables(Object.fromEntries(offered.map((name) => [name, 'x']))), []);
  });

  it('lists in SETTINGS_READ_ELSEWHERE only settings that the files it names still read', () => {
    for (const [name, readers] of Object.entries(SETTINGS_READ_ELSEWHERE)) {
      const paths = [...readers.matchAll(/[\w./-]+\.(?:ts|cjs)/g)].map((m) => m[0]);
      assert.ok(paths.length > 0, `${name}: no file named in "${readers}"`);
      for (const path of paths) assert.match(readFileSync(path, 'utf8'), new RegExp(`\\b${name}\\b`), `${path} no longer reads ${name}`);
    }
  });
});
