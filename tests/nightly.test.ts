// The nightly regression against separately started targets: `npm run sandbox`'s emulators stand in for
// the vendors' sandboxes. All reachable → the nightly profile passes; one API pointing at a closed port
// → that API's scenarios fail fast with the one-sentence reason, the others pass, the exit code is 1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { explain, scenarioCounts, tsx } from './run';
import { startSandboxProcess, type Sandbox } from './sandbox-process';

describe('nightly profile', () => {
  let sandbox: Sandbox;
  let env: Record<string, string> = {};

  before(async () => {
    sandbox = await startSandboxProcess();
    env = sandbox.env;
  });

  after(() => sandbox.stop());

  it('passes against targets started separately, skipping what only an embedded emulator can provoke', () => {
    const ran = tsx('scripts/nightly.ts', [], env);
    assert.equal(ran.status, 0, explain(ran));
    const counts = scenarioCounts(ran.stdout);
    assert.ok(counts.passed > 50, explain(ran));
    assert.ok(counts.skipped > 0, 'the @emulator scenarios are skipped');
    assert.match(ran.stdout, /Nightly: every scenario passed\./);
  });

  it('fails fast and clearly for one unreachable API while the others pass', () => {
    const started = Date.now();
    const ran = tsx('scripts/nightly.ts', [], { ...env, TOKEN_LOGIN_BASE_URL: 'http://127.0.0.1:9', NIGHTLY_RETRIES: '1' });
    assert.equal(ran.status, 1, explain(ran));
    const counts = scenarioCounts(ran.stdout);
    assert.ok(counts.passed > 50, explain(ran));
    assert.match(ran.stdout, /Cannot reach token-login \(Pégase 3 API login\): GET http:\/\/127\.0\.0\.1:9\/login: the connection was refused \(nothing listens there\); check TOKEN_LOGIN_BASE_URL/);
    assert.match(ran.stdout, /Retry 1 of 1: \d+ scenario\(s\) failed on a network error: features\/token-login\//);
    assert.doesNotMatch(ran.stdout, /Retry 1 of 1: .*features\/(o2g|alm|sdm|address-manager)\//);
    assert.match(ran.stdout, /Nightly: \d+ scenario\(s\) failed \(\d+ still unreachable after 1 retries, 0 product or test failures\)/);
    assert.ok(Date.now() - started < 120_000);
  });
});
