// A whole cucumber run with a configuration it would otherwise misread: it stops before any scenario,
// exit 2, one line per problem (cucumber.cjs validates before cucumber loads anything), instead of going
// green on the emulators or failing mid-run as "Cannot reach".
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cucumber, explain, type Ran } from './run';

const dir = mkdtempSync(join(tmpdir(), 'config-run-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The token-login features with `dotenv` as the .env file and `env` over the test's environment. */
function runWith(dotenv: string, env: Record<string, string> = {}): Ran {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.env`);
  writeFileSync(file, dotenv);
  return cucumber(['-p', 'quiet', 'features/token-login'], { DOTENV_PATH: file, TOKEN_LOGIN_BASE_URL: undefined, TOKEN_LOGIN_PASSWORD: undefined, ...env });
}

/** The problem lines of a stopped run, after asserting it stopped before any scenario. */
function stopped(ran: Ran): string[] {
  assert.equal(ran.status, 2, explain(ran));
  assert.doesNotMatch(ran.stdout, /scenarios?/, explain(ran));
  const lines = ran.stderr.trimEnd().split('\n');
  assert.equal(lines[0], 'Configuration is invalid (check .env or the environment):', explain(ran));
  return lines.slice(1);
}

describe('a run with a misread configuration', () => {
  it('stops when TOKEN_LOGIN_BASE_URL is misspelt, instead of passing on the emulator while the target gets nothing', () => {
    const ran = runWith('', { TOKEN_LOGN_BASE_URL: 'http://127.0.0.1:9' });
    assert.deepEqual(stopped(ran), [
      '  - TOKEN_LOGN_BASE_URL (set in the environment) is not a name this project reads: did you mean TOKEN_LOGIN_BASE_URL? Rename or remove it (ignored, it would leave the run as if it were unset)',
    ]);
  });

  it('stops on a credential an HTTP header cannot carry, before any request, instead of "Cannot reach"', () => {
    const ran = runWith('', { TOKEN_LOGIN_PASSWORD: 'pa\nss-word' });
    assert.deepEqual(stopped(ran), ['  - TOKEN_LOGIN_PASSWORD=<hidden> contains a line break, which an HTTP header cannot carry']);
    assert.doesNotMatch(ran.stdout + ran.stderr, /Cannot reach|ss-word/);
  });

  it('stops on a .env value with a # after a space, which dotenv would cut off silently', () => {
    const ran = runWith('TOKEN_LOGIN_PASSWORD=s3cret-pw # the QA one\n');
    const lines = stopped(ran);
    assert.equal(lines.length, 1, explain(ran));
    assert.match(lines[0]!, /^ {2}- TOKEN_LOGIN_PASSWORD in .+\.env \(line 1\) has an unquoted value with a # after a space, which would be sent as part of the value: quote the value/);
    assert.doesNotMatch(ran.stdout + ran.stderr, /s3cret/);
  });

  it('prints every problem, from .env and the environment, as one line of its own', () => {
    const ran = runWith('ALM_SECRET=s3cret-pw #QA\nalm_client_id=qa-client\n', { TOKEN_LOGN_BASE_URL: 'http://127.0.0.1:9', REQUEST_TIMEOUT_MS: '700000', SDM_PASSWORD: 's3cret\n' });
    const lines = stopped(ran);
    assert.ok(lines.every((line) => line.startsWith('  - ')), explain(ran));
    assert.deepEqual(lines.map((line) => /^ {2}- (\S+?)[ =]/.exec(line)?.[1]).sort(), ['ALM_SECRET', 'REQUEST_TIMEOUT_MS', 'SDM_PASSWORD', 'TOKEN_LOGN_BASE_URL', 'alm_client_id']);
    assert.doesNotMatch(ran.stderr, /s3cret|qa-client/);
  });
});
