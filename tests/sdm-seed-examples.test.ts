// The Oracle SDM seed's own examples (seed 004) against a running emulator: the curl login verbatim (when
// curl is installed), the same request over raw node:http, and the Python example's flow, which takes
// //sessionId from the XML answer and sends it as the whole Cookie header to the deviceGroups probe.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSdmEmulator } from '../support/apis/sdm/emulator';
import { hostEmulator, type RunningEmulator } from '../support/emulators/host';
import { readXmlPath, parseXml } from '../support/xml';

/** "Example of the Request Body", as the seed shows it in XML. */
const SEED_REQUEST_XML = `<?xml version="1.0" encoding="UTF-8"?>
<session>
<userName>admin</userName>
<password>password</password>
</session>
`;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: 10_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

function sessionIdOf(xml: string): string {
  const found = readXmlPath(parseXml(xml), '/session/sessionId');
  assert.ok(found.found && typeof found.value === 'string', `the answer has a sessionId: ${xml}`);
  return found.value;
}

describe('the SDM seed examples work against the emulator', () => {
  let running: RunningEmulator;
  let dir: string;
  let curlMissing: string | false = false;

  before(async () => {
    running = await hostEmulator(createSdmEmulator({ username: 'admin', password: 'password' }));
    dir = await mkdtemp(join(tmpdir(), 'sdm-seed-'));
    await writeFile(join(dir, 'request.xml'), SEED_REQUEST_XML);
    const probe = await run('curl', ['--version'], dir);
    if (probe.code !== 0) curlMissing = 'curl is not installed';
  });

  after(async () => {
    await running.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('the curl example logs in verbatim and leaves JSESSIONID in its cookie jar file', async (t) => {
    if (curlMissing) return t.skip(curlMissing);
    const result = await run(
      'curl',
      ['-X', 'POST', '-c', 'sessionid.txt', '-d@request.xml', '--header', 'Accept: application/xml', '--header', 'Content-Type: application/xml', `${running.url}/rest/v1.3/admin/login`],
      dir,
    );
    assert.equal(result.code, 0, result.stderr);
    const sessionId = sessionIdOf(result.stdout);
    const jar = await readFile(join(dir, 'sessionid.txt'), 'utf8');
    const line = jar.split('\n').find((l) => /\tJSESSIONID\t/.test(l));
    assert.ok(line, `the cookie jar holds JSESSIONID:\n${jar}`);
    assert.match(line, /^#HttpOnly_/, 'the cookie is HttpOnly');
    const fields = line.split('\t');
    assert.equal(fields[2], '/rest');
    assert.equal(fields[6], sessionId);
  });

  test('the same request over raw node:http answers the XML session and its cookie', async () => {
    const body = await readFile(join(dir, 'request.xml'), 'utf8');
    const answer = await send(`${running.url}/rest/v1.3/admin/login`, 'POST', { Accept: 'application/xml', 'Content-Type': 'application/xml' }, body);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-type'], 'application/xml');
    assert.match(answer.body, /^<\?xml version="1\.0" encoding="UTF-8" standalone="yes"\?>/);
    const sessionId = sessionIdOf(answer.body);
    assert.deepEqual(answer.headers['set-cookie'], [`JSESSIONID=${sessionId}; Path=/rest; HttpOnly`]);
  });

  test('the Python example\'s flow: //sessionId sent as the bare Cookie header opens the probe', async () => {
    // etree.tostring(etree.parse(...)) drops the XML declaration and keeps the rest.
    const data = SEED_REQUEST_XML.replace(/^<\?xml[^>]*\?>\n/, '').trimEnd();
    const headers: Record<string, string> = { Accept: 'application/xml', 'Content-Type': 'application/xml' };
    const resp = await send(`${running.url}/rest/v1.3/admin/login`, 'POST', headers, data);
    assert.equal(resp.status, 200);
    headers.Cookie = sessionIdOf(resp.body);
    const probe = await send(`${running.url}/rest/v1.3/inventory/deviceMgmt/deviceGroups`, 'GET', headers);
    assert.equal(probe.status, 200);
    assert.ok(readXmlPath(parseXml(probe.body), '/deviceGroups').found);
    delete headers.Cookie;
    assert.equal((await send(`${running.url}/rest/v1.3/inventory/deviceMgmt/deviceGroups`, 'GET', headers)).status, 401);
  });
});
