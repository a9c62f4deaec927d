// No secret in any artifact: the acceptance run (all reporters, then the Allure report) with a
// distinctive value in every credential variable, the emulators configured to accept them; then every
// file under reports/ and the run's stdout and stderr are searched for each value, raw, base64 and
// URL-encoded. A hit fails the test naming the file.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CONTRACT } from '../support/config';
import { explain, tsx } from './run';

/** A distinctive canary per credential variable (demo-free, long enough to be unmistakable). */
function canaries(): Record<string, string> {
  const values: Record<string, string> = {};
  for (const api of Object.values(CONTRACT)) {
    for (const [name, spec] of Object.entries(api.variables)) {
      if (!spec.credential) continue;
      const full = `${api.prefix}${name}`;
      // Client IDs keep the shape ALM documents; the rest are plain canaries.
      values[full] = full.endsWith('CLIENT_ID') ? `oauth2-Canary${name.length}Zq81@Leak.example` : `Canary-${full.toLowerCase().replace(/_/g, '-')}-Zq81x`;
    }
  }
  return values;
}

function forms(value: string): string[] {
  return [value, Buffer.from(value).toString('base64'), Buffer.from(value).toString('base64url'), encodeURIComponent(value)];
}

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

describe('leak scan', () => {
  it('finds no credential in any report file, nor in the run output', () => {
    const secrets = canaries();
    const ran = tsx('scripts/acceptance.ts', [], secrets);
    assert.equal(ran.status, 0, explain(ran));
    const hits: string[] = [];
    const scan = (where: string, text: string) => {
      for (const [name, value] of Object.entries(secrets)) {
        for (const form of forms(value)) if (text.includes(form)) hits.push(`${where}: ${name} (${form === value ? 'raw' : 'encoded'})`);
      }
    };
    let scanned = 0;
    for (const file of files('reports')) {
      scan(file, readFileSync(file).toString('latin1'));
      scanned += 1;
    }
    scan('stdout', ran.stdout);
    scan('stderr', ran.stderr);
    assert.ok(scanned > 50, `scanned only ${scanned} files`);
    assert.deepEqual(hits, []);
  });
});
