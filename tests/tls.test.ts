// The suite over TLS and through a proxy, all on loopback, against `npm run sandbox -- --https` (and
// `-- --mtls`) started as a separate process, as real sandboxes would be: the nightly profile with
// CA_FILE passes; without it every scenario is broken with the untrusted-certificate sentence; with
// <PREFIX>IGNORE_HTTPS_ERRORS it passes and warns once per API. A counting proxy of this test's own
// (CONNECT, with Basic proxy authentication) carries every request when the base URLs point at ports
// only it maps to the sandbox (https, and an http emulator: Playwright tunnels both with CONNECT),
// NO_PROXY bypasses it, wrong credentials get the 407 sentence, and they are in no report.
// <PREFIX>CA_FILE trusts one API only. The embedded emulators with EMULATOR_TLS=1 serve HTTPS and
// ignore the environment's proxy. With --mtls the client certificate (plain, encrypted key with its
// passphrase, PKCS#12) is accepted and its absence named. Cucumber runs asynchronously here (never
// spawnSync): the proxy and the http emulator live in this test's event loop.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeReportContext } from '../scripts/report';
import { API_IDS, CONTRACT, loadConfig } from '../support/config';
import { emulatorFor } from '../support/emulators';
import { hostEmulator } from '../support/emulators/host';
import { encryptedKey, pfxOf, type Authority } from '../support/tls/certs';
import { isolatedProject } from './isolated-project';
import { explain, scenarioCounts, type Ran } from './run';
import { startSandboxProcess, type Sandbox } from './sandbox-process';

const CUCUMBER = 'node_modules/@cucumber/cucumber/bin/cucumber.js';
const PREFIXES = API_IDS.map((id) => CONTRACT[id].prefix);
/** No developer .env and no proxy from the machine running the test. */
const CLEAN: Record<string, string> = { DOTENV_PATH: '/dev/null', FORCE_COLOR: '0', HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '', NO_PROXY: '', no_proxy: '', NIGHTLY_APIS: '' };

function runAsync(args: string[], env: Record<string, string>, cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...CLEAN, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), 300_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** A CONNECT proxy asking for Basic credentials; `routes` maps a requested port to the port it really connects to. */
async function countingProxy(credentials: string, routes: Map<number, number>) {
  const seen: string[] = [];
  const server = http.createServer((req, res) => res.writeHead(501).end('CONNECT only'));
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    if (req.headers['proxy-authorization'] !== `Basic ${Buffer.from(credentials).toString('base64')}`) {
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    seen.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(routes.get(Number(port)) ?? Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    for (const socket of sockets) socket.destroy(); // tunnels are no longer the HTTP server's to close
  });
  return { port: (server.address() as AddressInfo).port, seen, routes, close };
}

/** A loopback port nothing listens on (taken and released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** SDM's demo password is the word "password", which every report holds: the leak scan needs a distinctive one. */
const SDM_CANARY = { SDM_PASSWORD: 'Sdm-Canary-Pw-Zq81x' };

/** The report's environment.properties (scripts/report.ts) for a run of every API in `env`. */
function reportEnvironment(env: Record<string, string>): string {
  const results = mkdtempSync(join(tmpdir(), 'tls-report-'));
  try {
    for (const api of API_IDS) writeFileSync(join(results, `${api}-result.json`), JSON.stringify({ uuid: api, status: 'passed', fullName: `login-api-bdd:features/${api}/login.feature#a login` }));
    writeReportContext(results, loadConfig({ ...CLEAN, ...env }));
    return readFileSync(join(results, 'environment.properties'), 'utf8');
  } finally {
    rmSync(results, { recursive: true, force: true });
  }
}

/** The sandbox's printed environment without its CA_FILE line. */
const withoutCa = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'CA_FILE'));

describe('the suite over HTTPS (npm run sandbox -- --https)', () => {
  let sandbox: Sandbox;
  let project: ReturnType<typeof isolatedProject>;

  before(async () => {
    sandbox = await startSandboxProcess(SDM_CANARY, ['--https']);
    sandbox.env = { ...sandbox.env, ...SDM_CANARY }; // printed as <from the environment>
    project = isolatedProject();
  });

  after(() => {
    sandbox?.stop();
    project?.remove();
  });

  it('prints the CA\'s PEM path and serves https base URLs', () => {
    assert.match(sandbox.output, /curl --cacert \/\S+ca\.pem/);
    assert.ok(readFileSync(sandbox.env.CA_FILE!, 'utf8').includes('BEGIN CERTIFICATE'));
    for (const prefix of PREFIXES) assert.match(sandbox.env[`${prefix}BASE_URL`]!, /^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers docs/sandbox.md\'s curl --cacert example, and curl refuses it without the CA', { skip: spawnSync('sh', ['-c', 'command -v curl']).status !== 0 && 'curl is not installed' }, () => {
    const doc = readFileSync('docs/sandbox.md', 'utf8');
    const example = /^ {4}(curl --cacert [^\n]*\\\n[^\n]*)$/m.exec(doc)?.[1];
    assert.ok(example, 'docs/sandbox.md shows a curl --cacert command');
    const port = new URL(sandbox.env.ADDRESS_MANAGER_BASE_URL!).port;
    const script = example.replace(/\/tmp\/login-api-bdd-tls-XXXXXX\/ca\.pem/, sandbox.env.CA_FILE!).replace(/127\.0\.0\.1:8102/, `127.0.0.1:${port}`).replace(/^curl /, "curl -s -o /dev/null -w '%{http_code}' ");
    const ran = spawnSync('sh', ['-c', script], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(ran.stdout, '201', `${script}\n${ran.stderr}`);
    const untrusted = spawnSync('sh', ['-c', script.replace(/--cacert \S+ /, '')], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(untrusted.status, 60, 'curl: the certificate is not trusted without --cacert');
  });

  it('passes the nightly profile with CA_FILE (the whole suite, @emulator scenarios skipped)', async () => {
    const ran = await runAsync(['--import', 'tsx', 'scripts/nightly.ts'], sandbox.env, project.dir);
    assert.equal(ran.status, 0, explain(ran));
    assert.match(ran.stdout, /Nightly: every scenario passed\./, explain(ran));
    assert.ok(scenarioCounts(ran.stdout).passed > 50, explain(ran));
  });

  it('breaks every scenario without CA_FILE, each with the untrusted-certificate sentence naming its API\'s variable', async () => {
    const ran = await runAsync([CUCUMBER, '-p', 'quiet'], withoutCa(sandbox.env), project.dir);
    const counts = scenarioCounts(ran.stdout);
    assert.equal(ran.status, 1, explain(ran));
    assert.equal(counts.passed, 0, explain(ran));
    assert.ok(counts.failed > 50 && counts.failed + counts.skipped === counts.total, explain(ran));
    const sentences = [...ran.stdout.matchAll(/Cannot reach ([\w-]+) \([^)]*\): \S+ https:\/\/127\.0\.0\.1:\d+\S*: its certificate is not signed by a CA this run trusts \(\w+\); set (\w+)CA_FILE to the PEM file/g)];
    assert.equal(sentences.length, counts.failed, explain(ran));
    for (const [, api, prefix] of sentences) assert.equal(prefix, CONTRACT[api as keyof typeof CONTRACT].prefix);
  });

  it('leaves such failures unretried in the nightly: the certificate would be the same on every try', async () => {
    const ran = await runAsync(['--import', 'tsx', 'scripts/nightly.ts'], { ...withoutCa(sandbox.env), NIGHTLY_APIS: 'alm', NIGHTLY_RETRIES: '2' }, project.dir);
    assert.equal(ran.status, 1, explain(ran));
    assert.match(ran.stdout, /^\d+ scenario\(s\) failed on a certificate or proxy problem, which a retry would meet again, so none is retried/m, explain(ran));
    assert.doesNotMatch(ran.stdout, /Retry 1 of 2/, explain(ran));
  });

  it('trusts <PREFIX>CA_FILE for that API only', async () => {
    const ran = await runAsync([CUCUMBER, '-p', 'quiet', '--tags', '@smoke', 'features/alm', 'features/sdm'], { ...withoutCa(sandbox.env), ALM_CA_FILE: sandbox.env.CA_FILE! }, project.dir);
    assert.equal(ran.status, 1, explain(ran));
    const counts = scenarioCounts(ran.stdout);
    assert.ok(counts.passed > 0 && counts.failed > 0, explain(ran));
    assert.doesNotMatch(ran.stdout, /Cannot reach alm/, explain(ran));
    assert.equal((ran.stdout.match(/Cannot reach sdm \([^)]*\): \S+ \S+: its certificate is not signed by a CA this run trusts \(\w+\); set SDM_CA_FILE/g) ?? []).length, counts.failed, explain(ran));
  });

  it('passes with <PREFIX>IGNORE_HTTPS_ERRORS=true and warns once per API at start', async () => {
    const ignore = Object.fromEntries(PREFIXES.map((prefix) => [`${prefix}IGNORE_HTTPS_ERRORS`, 'true']));
    const ran = await runAsync([CUCUMBER, '-p', 'quiet', '--tags', '@smoke'], { ...withoutCa(sandbox.env), ...ignore }, project.dir);
    assert.equal(ran.status, 0, explain(ran));
    assert.ok(scenarioCounts(ran.stdout).passed >= PREFIXES.length, explain(ran));
    for (const prefix of PREFIXES) assert.equal(ran.stderr.split(`Warning: ${prefix}IGNORE_HTTPS_ERRORS=true`).length - 1, 1, explain(ran));
    assert.match(reportEnvironment({ ...withoutCa(sandbox.env), ...ignore }), /^target\.sdm=https:\/\/127\.0\.0\.1:\d+ \(SDM_IGNORE_HTTPS_ERRORS=true: certificate NOT checked\)$/m);
  });

  describe('through a proxy', () => {
    const user = 'proxy-user-Qz7';
    const password = 'Proxy-Pa55-Zq81x';
    let proxy: Awaited<ReturnType<typeof countingProxy>>;
    /** Base URLs on closed ports that only the proxy maps to the sandbox's: a direct request cannot succeed. */
    const viaProxyOnly: Record<string, string> = {};

    before(async () => {
      const routes = new Map<number, number>();
      for (const prefix of PREFIXES) {
        const real = new URL(sandbox.env[`${prefix}BASE_URL`]!);
        const fake = await closedPort();
        routes.set(fake, Number(real.port));
        viaProxyOnly[`${prefix}BASE_URL`] = `https://127.0.0.1:${fake}`;
      }
      proxy = await countingProxy(`${user}:${password}`, routes);
    });

    after(() => proxy?.close());

    it('carries every request (HTTPS_PROXY with credentials), which never reach a report', async () => {
      const env = { ...sandbox.env, ...viaProxyOnly, HTTPS_PROXY: `http://${user}:${password}@127.0.0.1:${proxy.port}` };
      const ran = await runAsync([CUCUMBER, '--tags', '@smoke'], env, project.dir);
      assert.equal(ran.status, 0, explain(ran));
      const ports = new Set(proxy.seen.map((target) => target.split(':')[1]));
      for (const prefix of PREFIXES) assert.ok(ports.has(new URL(viaProxyOnly[`${prefix}BASE_URL`]!).port), `${prefix}: no tunnel through the proxy`);
      assert.match(reportEnvironment(env), /^target\.alm=https:\/\/127\.0\.0\.1:\d+ \(via proxy http:\/\/\[REDACTED\]@127\.0\.0\.1:\d+ \(HTTPS_PROXY\)\)$/m);
      for (const file of filesUnder(join(project.dir, 'reports'))) {
        const text = readFileSync(file).toString('latin1');
        for (const secret of [password, user, Buffer.from(`${user}:${password}`).toString('base64')]) assert.ok(!text.includes(secret), `${file} holds the proxy's ${secret === password ? 'password' : 'credentials'}`);
      }
      const scan = await runAsync(['--import', 'tsx', 'scripts/leak-scan.ts', 'reports'], env, project.dir);
      assert.equal(scan.status, 0, explain(scan));
    });

    it('carries plain http targets too (HTTP_PROXY; Playwright tunnels them with CONNECT as well)', async () => {
      const target = loadConfig({ ...CLEAN }).targets['token-login'];
      const emulator = await hostEmulator(emulatorFor('token-login', target.vars, undefined));
      try {
        const fake = await closedPort();
        proxy.routes.set(fake, Number(new URL(emulator.url).port));
        const before = proxy.seen.length;
        const ran = await runAsync([CUCUMBER, '-p', 'quiet', '--tags', '@smoke', 'features/token-login'], { ...target.vars, TOKEN_LOGIN_BASE_URL: `http://127.0.0.1:${fake}`, HTTP_PROXY: `http://${user}:${password}@127.0.0.1:${proxy.port}`, HTTPS_PROXY: 'http://127.0.0.1:9' }, project.dir);
        assert.equal(ran.status, 0, explain(ran));
        assert.ok(proxy.seen.length > before, 'no request went through HTTP_PROXY');
      } finally {
        await emulator.close();
      }
    });

    it('is bypassed for hosts in NO_PROXY', async () => {
      const before = proxy.seen.length;
      const ran = await runAsync([CUCUMBER, '-p', 'quiet', '--tags', '@smoke', 'features/alm'], { ...sandbox.env, HTTPS_PROXY: `http://${user}:${password}@127.0.0.1:${proxy.port}`, NO_PROXY: 'localhost,127.0.0.1' }, project.dir);
      assert.equal(ran.status, 0, explain(ran));
      assert.equal(proxy.seen.length, before, 'a request went through the proxy despite NO_PROXY');
    });

    it('says the proxy wants credentials, naming it masked, when they are wrong', async () => {
      const ran = await runAsync([CUCUMBER, '-p', 'quiet', '--tags', '@smoke', 'features/alm'], { ...sandbox.env, ...viaProxyOnly, HTTPS_PROXY: `http://${user}:wrong-Pa55@127.0.0.1:${proxy.port}` }, project.dir);
      assert.equal(ran.status, 1, explain(ran));
      assert.match(ran.stdout, /Cannot reach alm \(OpenText ALM\): \S+ \S+: the proxy http:\/\/\[REDACTED\]@127\.0\.0\.1:\d+ \(from HTTPS_PROXY\) refused its user name and (password|\[REDACTED\]) \(407 Proxy Authentication Required\); give the proxy's user name and/);
      assert.ok(!ran.stdout.includes('wrong-Pa55') && !ran.stderr.includes('wrong-Pa55'), 'the proxy password is shown');
    });
  });
});

describe('the embedded emulators with EMULATOR_TLS=1', () => {
  it('serve HTTPS the run trusts by itself, never through the environment\'s proxy', async () => {
    const project = isolatedProject();
    try {
      const dead = `http://127.0.0.1:${await closedPort()}`;
      // A fault fails some scenarios, so that their sentences show the URLs the requests went to.
      const ran = await runAsync([CUCUMBER, '-p', 'quiet', 'features/alm'], { EMULATOR_TLS: '1', EMULATOR_FAULT: 'alm:qcsession-not-httponly', HTTPS_PROXY: dead, HTTP_PROXY: dead }, project.dir);
      const counts = scenarioCounts(ran.stdout);
      assert.equal(ran.status, 1, explain(ran));
      assert.ok(counts.failed > 0 && counts.passed > 40, explain(ran));
      assert.match(ran.stdout, /https:\/\/127\.0\.0\.1:\d+\/qcbin\//, explain(ran));
      assert.doesNotMatch(ran.stdout, /Cannot reach|proxy/, explain(ran));
    } finally {
      project.remove();
    }
  });
});

describe('the suite against a sandbox requiring client certificates (npm run sandbox -- --mtls)', () => {
  let sandbox: Sandbox;
  let project: ReturnType<typeof isolatedProject>;

  before(async () => {
    sandbox = await startSandboxProcess(SDM_CANARY, ['--mtls']);
    sandbox.env = { ...sandbox.env, ...SDM_CANARY };
    project = isolatedProject();
  });

  after(() => {
    sandbox?.stop();
    project?.remove();
  });

  it('answers curl with the printed client certificate, and refuses it without', { skip: spawnSync('sh', ['-c', 'command -v curl']).status !== 0 && 'curl is not installed' }, () => {
    const url = `${sandbox.env.TOKEN_LOGIN_BASE_URL}/login`;
    const curl = (extra: string[]) => spawnSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--cacert', sandbox.env.CA_FILE!, ...extra, '-H', 'User-Name: user_test', '-H', 'Password: password_test', url], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(curl(['--cert', sandbox.env.TOKEN_LOGIN_CLIENT_CERT!, '--key', sandbox.env.TOKEN_LOGIN_CLIENT_KEY!]).stdout, '200');
    assert.notEqual(curl([]).status, 0, 'curl got an answer without a client certificate');
  });

  it('is accepted with each API\'s client certificate', async () => {
    for (const prefix of PREFIXES) assert.ok(sandbox.env[`${prefix}CLIENT_CERT`] && sandbox.env[`${prefix}CLIENT_KEY`], `${prefix}CLIENT_CERT printed`);
    const ran = await runAsync([CUCUMBER, '-p', 'quiet', '--tags', '@smoke'], sandbox.env, project.dir);
    assert.equal(ran.status, 0, explain(ran));
    assert.ok(scenarioCounts(ran.stdout).passed >= PREFIXES.length, explain(ran));
  });

  it('is accepted with an encrypted key and its passphrase, or a PKCS#12 file, whose passphrase never reaches a report', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tls-client-'));
    try {
      const authority = { dir: folder } as Authority;
      const issued = { certPath: sandbox.env.ALM_CLIENT_CERT!, keyPath: sandbox.env.ALM_CLIENT_KEY!, cert: '', key: '' };
      const copy = { ...issued, certPath: join(folder, 'client.pem'), keyPath: join(folder, 'client.key') };
      writeFileSync(copy.certPath, readFileSync(issued.certPath));
      writeFileSync(copy.keyPath, readFileSync(issued.keyPath));
      const passphrase = 'Key-Passphrase-Zq81x';
      const env = {
        ...Object.fromEntries(Object.entries(sandbox.env).filter(([name]) => !/^(ALM|SDM)_CLIENT_(CERT|KEY)$/.test(name))),
        ALM_CLIENT_CERT: copy.certPath,
        ALM_CLIENT_KEY: encryptedKey(authority, copy, passphrase),
        ALM_CLIENT_PASSPHRASE: passphrase,
        SDM_CLIENT_PFX: pfxOf(authority, copy, `${passphrase}-pfx`),
        SDM_CLIENT_PASSPHRASE: `${passphrase}-pfx`,
      };
      const ran = await runAsync([CUCUMBER, '--tags', '@smoke', 'features/alm', 'features/sdm'], env, project.dir);
      assert.equal(ran.status, 0, explain(ran));
      for (const file of filesUnder(join(project.dir, 'reports'))) assert.ok(!readFileSync(file).toString('latin1').includes(passphrase), `${file} holds a client key passphrase`);
      const scan = await runAsync(['--import', 'tsx', 'scripts/leak-scan.ts', 'reports'], env, project.dir);
      assert.equal(scan.status, 0, explain(scan));
      assert.match(scan.stdout + scan.stderr, /\d+ files/, explain(scan));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('is refused without one, each scenario naming the variables to set', async () => {
    const env = Object.fromEntries(Object.entries(sandbox.env).filter(([name]) => !/CLIENT_(CERT|KEY)$/.test(name)));
    const ran = await runAsync([CUCUMBER, '-p', 'quiet', '--tags', '@smoke'], env, project.dir);
    const counts = scenarioCounts(ran.stdout);
    assert.equal(ran.status, 1, explain(ran));
    assert.equal(counts.passed, 0, explain(ran));
    const sentences = ran.stdout.match(/the server requires a client certificate and none was sent; set (\w+)CLIENT_CERT and \1CLIENT_KEY/g) ?? [];
    assert.equal(sentences.length, counts.failed, explain(ran));
  });
});
