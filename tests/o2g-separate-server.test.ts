// One feature set, two targets: with O2G_BASE_URL set, no o2g emulator starts in the cucumber process and
// the same o2g features run against that other server (here an O2G emulator hosted by this test, counting
// what it receives). Also: the seed's two Postman requests, verbatim, with plain fetch.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { CONTRACT } from '../support/config';
import { hostEmulator, type RunningEmulator } from '../support/emulators/host';
import { createO2gEmulator } from '../support/apis/o2g/emulator';
import type { EmuRequest, Emulator } from '../support/emulators/types';
import { o2gAuthenticate, o2gSession } from '../support/apis/o2g/schemas';
import { explain, scenarioCounts, type Ran } from './run';

/**
 * An O2G emulator that records the method and raw path of every request it handles. Its own `received`
 * log keeps the collapsed path only, and these tests check that the seed's `1.0//sessions` arrived as written.
 */
function countingEmulator(username: string, password: string): { emulator: Emulator; received: string[] } {
  const inner = createO2gEmulator({ username, password });
  const received: string[] = [];
  const emulator: Emulator = {
    api: inner.api,
    clock: inner.clock,
    received: inner.received,
    error: (status, message, request) => inner.error(status, message, request),
    handle(request: EmuRequest) {
      received.push(`${request.method} ${request.rawPath}`);
      return inner.handle(request);
    },
  };
  return { emulator, received };
}

/** Runs a command without blocking this process, which hosts the server the command talks to. */
function runAsync(command: string, args: string[], env: Record<string, string | undefined>): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill(), 300_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('o2g features against a separate server (O2G_BASE_URL)', () => {
  const username = 'separate-o2g-user';
  const password = 'separate-o2g-password';
  const { emulator, received } = countingEmulator(username, password);
  let running: RunningEmulator;

  before(async () => {
    running = await hostEmulator(emulator);
  });

  after(async () => {
    await running.close();
  });

  it('runs every o2g scenario against that server, skipping only the @emulator ones', async () => {
    const ran = await runAsync('npx', ['cucumber-js', '-p', 'quiet', 'features/o2g'], {
      O2G_BASE_URL: running.url,
      O2G_USERNAME: username,
      O2G_PASSWORD: password,
      EMULATOR_FAULT: undefined,
    });
    assert.equal(ran.status, 0, explain(ran));
    const counts = scenarioCounts(ran.stdout);
    assert.equal(counts.failed, 0, explain(ran));
    assert.ok(counts.passed > 20, explain(ran));
    assert.ok(counts.skipped >= 1, `the @emulator scenarios should be skipped\n${explain(ran)}`);
    assert.ok(received.length > 50, `the separate server received only ${received.length} requests`);
    assert.ok(received.includes('GET /api/rest/authenticate?version=1.0'));
    assert.ok(received.includes('POST /api/rest/1.0//sessions'), 'the documented double-slash spelling reached the server as written');
    assert.ok(received.includes('DELETE /api/rest/1.0/sessions'));
  });
});

describe('the seed walkthrough with plain fetch against a running o2g emulator', () => {
  const demo = CONTRACT.o2g.variables;
  const [username, password, applicationName] = [demo.USERNAME!.demo, demo.PASSWORD!.demo, demo.APPLICATION_NAME!.demo];
  const { emulator, received } = countingEmulator(username, password);
  let running: RunningEmulator;

  before(async () => {
    running = await hostEmulator(emulator);
  });

  after(async () => {
    await running.close();
  });

  it('authenticates with Basic, then opens the session at 1.0//sessions with the AlcUserId cookie by hand', async () => {
    const auth = await fetch(`${running.url}/api/rest/authenticate?version=1.0`, {
      headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
    });
    assert.equal(auth.status, 200);
    const { credential } = o2gAuthenticate.parse(await auth.json());
    const cookie = /^AlcUserId=([^;]+)/.exec(auth.headers.getSetCookie()[0] ?? '')?.[1];
    assert.equal(cookie, credential);

    const session = await fetch(`${running.url}/api/rest/1.0//sessions`, {
      method: 'POST',
      headers: { Cookie: `AlcUserId=${cookie}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ applicationName }),
    });
    assert.equal(session.status, 200);
    assert.equal(o2gSession.parse(await session.json()).login, username);
    assert.deepEqual(received, ['GET /api/rest/authenticate?version=1.0', 'POST /api/rest/1.0//sessions']);
  });
});
