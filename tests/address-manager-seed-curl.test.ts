// The seed's own sample call (001_860d5da1dc90ccf0.txt, "Sample curl call") must work verbatim against the
// hosted Address Manager emulator: once through curl itself when it is installed, and always as the same
// raw HTTP request through node:http.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CONTRACT } from '../support/config';
import { createAddressManagerEmulator } from '../support/apis/address-manager/emulator';
import { hostEmulator, type RunningEmulator } from '../support/emulators/host';
import { addressManagerSession } from '../support/apis/address-manager/schemas';

const SEED_CURL = `curl -v -d '{"username":"user1", "password":"pass1"}' -X POST -H "Content-Type: application/json" http://{Address_Manager_IP}/api/v2/sessions`;

/** Splits a shell command line into words (single and double quotes, no expansions: the seed uses none). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const word = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const match of line.matchAll(word)) words.push(match[1] ?? match[2]?.replace(/\\(.)/g, '$1') ?? match[3]!);
  return words;
}

function hasCurl(): boolean {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function assertSession(status: number, contentType: string | undefined, text: string) {
  assert.equal(status, 201);
  assert.equal(contentType, 'application/hal+json');
  const parsed = addressManagerSession.safeParse(JSON.parse(text));
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  assert.equal(JSON.parse(text).user.name, 'user1');
}

describe('the seed sample curl call against the address-manager emulator', () => {
  let running: RunningEmulator;
  let hostPort: string;
  const demo = CONTRACT['address-manager'].variables;

  before(async () => {
    running = await hostEmulator(createAddressManagerEmulator({ username: demo.USERNAME!.demo, password: demo.PASSWORD!.demo }));
    hostPort = new URL(running.url).host;
  });

  after(async () => {
    await running.close();
  });

  it('answers the verbatim curl command 201 with a HAL session', { skip: hasCurl() ? false : 'curl is not installed here' }, async () => {
    const [command, ...args] = shellWords(SEED_CURL.replace('{Address_Manager_IP}', hostPort));
    assert.equal(command, 'curl');
    const { stdout, stderr } = await promisify(execFile)(command, args, { timeout: 10_000 });
    const status = Number(/^< HTTP\/[\d.]+ (\d{3})/m.exec(stderr)?.[1]);
    const contentType = /^< content-type: *(.+?)\r?$/im.exec(stderr)?.[1];
    assertSession(status, contentType, stdout);
  });

  it('answers the same request sent raw through node:http 201 with a HAL session', async () => {
    const words = shellWords(SEED_CURL.replace('{Address_Manager_IP}', hostPort));
    const data = words[words.indexOf('-d') + 1]!;
    const url = new URL(words.at(-1)!);
    const { status, contentType, text } = await new Promise<{ status: number; contentType: string | undefined; text: string }>((resolve, reject) => {
      const outgoing = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(data);
    });
    assertSession(status, contentType, text);
  });
});
