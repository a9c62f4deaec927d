// A tiny node:http server that misbehaves the ways real targets do: HTML where JSON was promised,
// truncated or DOCTYPE-laden XML, empty bodies, wrong Content-Types, secrets echoed back, bodies cut
// short, resets, bytes that are not HTTP, no answer at all, and answers far too large (200 MB, declared
// or chunked, and a gzip bomb). The fixture features run against it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface Misbehaving {
  url: string;
  close(): Promise<void>;
}

type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const HTML = '<!doctype html>\n<html lang=en>\n<title>Sign in</title>\n<h1>Please sign in</h1>\n<form method=post><input name=password></form>\n';

function reply(res: http.ServerResponse, status: number, type: string | undefined, body: string | Buffer, extra: Record<string, string> = {}): void {
  const payload = Buffer.isBuffer(body) ? body : Buffer.from(body);
  res.writeHead(status, { ...(type ? { 'Content-Type': type } : {}), 'Content-Length': String(payload.length), ...extra });
  res.end(payload);
}

/** What the oversized answers weigh: far past any MAX_BODY_BYTES (one cost a cucumber process 0.8 GB of RSS before the limit). */
export const HUGE_BYTES = 200 * 1024 * 1024;
const FILLER = Buffer.alloc(64 * 1024, '7');

/** Writes `total` bytes of filler as the client takes them (never 200 MB in memory); stops when the client goes. */
function stream(res: http.ServerResponse, total: number): void {
  let sent = 0;
  const pump = (): void => {
    while (sent < total && !res.destroyed) {
      sent += FILLER.length;
      if (!res.write(FILLER)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('error', () => undefined);
  pump();
}

let bomb: Buffer | undefined;
/** HUGE_BYTES of zeros as 200 concatenated gzip members of 1 MiB each (gunzip reads them all): about 200 KB. */
function gzipBomb(): Buffer {
  if (!bomb) {
    const member = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
    bomb = Buffer.concat(Array.from({ length: HUGE_BYTES / (1024 * 1024) }, () => member));
  }
  return bomb;
}

function routes(): Record<string, Route> {
  return {
    '/html': (_req, res) => reply(res, 200, 'text/html; charset=utf-8', HTML),
    '/truncated-xml': (_req, res) => reply(res, 200, 'application/xml', '<?xml version="1.0" encoding="UTF-8"?><session><sessionId>ABC</sessionId><userName>user_t'),
    '/doctype-xml': (_req, res) =>
      reply(res, 200, 'application/xml', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><session><sessionId>&lol2;</sessionId></session>'),
    '/empty': (_req, res) => reply(res, 200, 'application/json', ''),
    '/plain-text': (_req, res) => reply(res, 200, 'text/plain', 'code=200&status=ok'),
    '/json-labelled-html': (_req, res) => reply(res, 200, 'text/html; charset=utf-8', JSON.stringify({ code: 200, status: 'ok', token: 'x.y.z' })),
    '/truncated-json': (_req, res) => reply(res, 200, 'application/json', '{"code": 200, "status": "o'),
    '/json': (_req, res) => reply(res, 200, 'application/json', JSON.stringify({ code: 200, status: 'ok' })),
    '/echo-secret': (req, res) => reply(res, 200, 'text/html', `<!doctype html><p>Welcome back, your password is ${String(req.headers.password ?? '')}</p>`),
    '/huge-error': (_req, res) => reply(res, 500, 'text/html', `<!doctype html><title>500</title><pre>${'<a <b <c '.repeat(200_000)}</pre>`),
    '/no-content-type': (_req, res) => reply(res, 200, undefined, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00])),
    '/gzip-lie': (_req, res) => reply(res, 200, 'application/json', '{"code": 200}', { 'Content-Encoding': 'gzip' }),
    '/echo-secret-at-the-cut': (req, res) => reply(res, 200, 'text/plain', `${'.'.repeat(70)}${String(req.headers.password ?? '')} and more`),
    '/redirect-secret': (req, res) => reply(res, 302, 'text/plain', '', { Location: `/login?password=${encodeURIComponent(String(req.headers.password ?? ''))}` }),
    '/hang': () => undefined,
    '/trickle': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 100);
    },
    '/reset': (req) => req.socket.destroy(),
    '/cut-body': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      res.write('{"code": 200, "sta');
      setTimeout(() => res.socket?.destroy(), 50);
    },
    '/not-http': (req) => {
      req.socket.end('NOT HTTP AT ALL\r\n\r\n');
    },
    '/huge-body': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(HUGE_BYTES) });
      stream(res, HUGE_BYTES);
    },
    '/huge-chunked': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }); // no Content-Length: chunked
      stream(res, HUGE_BYTES);
    },
    '/gzip-bomb': (_req, res) => reply(res, 200, 'application/json', gzipBomb(), { 'Content-Encoding': 'gzip' }),
  };
}

export async function startMisbehaving(): Promise<Misbehaving> {
  const table = routes();
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const route = table[new URL(req.url ?? '/', 'http://x').pathname];
    if (route) route(req, res);
    else reply(res, 404, 'text/plain', 'no such misbehaviour');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// ---- the fixture run: cucumber against the misbehaving server, each failure checked -------------

export const FIXTURE = 'tests/fixtures/misbehaving/features';
/** The oversized answers alone (tests/body-limit.test.ts runs just these, measuring the process). */
export const OVERSIZED_FIXTURE = `${FIXTURE}/token-login/body-limit.feature`;
export const FIXTURE_TIMEOUT_MS = 1_000;
const CREDENTIALS = { TOKEN_LOGIN_USERNAME: 'Zq81-misfit-user', TOKEN_LOGIN_PASSWORD: 'Zq81-Misfit-Secret-42' };
const URL_OF = (path: string) => `GET http://127\\.0\\.0\\.1:\\d+/${path}`;
const UNREACHABLE = (path: string, what: string) => new RegExp(`^Cannot reach token-login \\(Pégase 3 API login\\): ${URL_OF(path)}: ${what}; .+\\.$`);
const TOO_LARGE = (path: string, what: string) =>
  new RegExp(`^The answer of token-login \\(Pégase 3 API login\\) to ${URL_OF(path)} is larger than MAX_BODY_BYTES \\(4194304 bytes\\): ${what}; raise MAX_BODY_BYTES if an answer that large is expected\\.$`);

/** The answers past MAX_BODY_BYTES (its default, 4 MiB): each cut, as a bad body, with the size it had. */
export const OVERSIZED_FAILURES: Record<string, RegExp> = {
  'a 200 MB body with its Content-Length': TOO_LARGE('huge-body', 'its Content-Length declares 209715200 bytes \\(200\\.0 MiB\\), so its body was not read'),
  'a 200 MB chunked body without a Content-Length': TOO_LARGE('huge-chunked', 'more than 4194304 bytes came without a Content-Length \\(chunked\\), and it was cut there'),
  'a gzip bomb of 200 KB that expands to 200 MB': TOO_LARGE('gzip-bomb', 'its gzip body expanded past that from \\d+ bytes on the wire \\(Content-Length \\d+\\), and it was cut there'),
};

/** The first line of each scenario's failure: one sentence saying what was expected and what came. */
export const EXPECTED_FAILURES: Record<string, RegExp> = {
  'HTML instead of JSON': new RegExp(`^Expected a JSON body from ${URL_OF('html')}, but got "<!doctype html> <html lang=en> .*…" \\(text/html; charset=utf-8\\)$`),
  'HTML instead of JSON, checked against a schema': new RegExp(`^Expected a JSON body from ${URL_OF('html')}, but got "<!doctype html>.*" \\(text/html; charset=utf-8\\)$`),
  'truncated XML': new RegExp(`^Expected an XML body from ${URL_OF('truncated-xml')}, but the body is not well-formed XML \\(line 1: .+\\)$`),
  'XML with a DOCTYPE': new RegExp(`^Expected an XML body from ${URL_OF('doctype-xml')}, but the body declares a DOCTYPE, which is refused \\(entity expansion\\)$`),
  'JSON where XML is read': new RegExp(`^Expected an XML body from ${URL_OF('json')}, but the body is not well-formed XML \\(line 1: .+\\)$`),
  'an empty body': new RegExp(`^Expected a JSON body from ${URL_OF('empty')}, but got an empty body \\(application/json\\)$`),
  'truncated JSON': new RegExp(`^Expected a JSON body from ${URL_OF('truncated-json')}, but got "\\{"code": 200, "status": "o" \\(application/json\\)$`),
  'plain text where JSON was promised': new RegExp(`^Expected a JSON body from ${URL_OF('plain-text')}, but got "code=200&status=ok" \\(text/plain\\)$`),
  'JSON labelled text/html': /^Expected Content-Type application\/json, but got "text\/html; charset=utf-8"$/,
  'binary bytes without a Content-Type': new RegExp(`^Expected a JSON body from ${URL_OF('no-content-type')}, but got ".+" \\(no Content-Type\\)$`),
  'a page that echoes the password back': new RegExp(`^Expected a JSON body from ${URL_OF('echo-secret')}, but got "<!doctype html><p>Welcome back, your password is \\[REDACTED\\]</p>" \\(text/html\\)$`),
  'a body whose echoed password straddles the 80-character preview': new RegExp(`^Expected a JSON body from ${URL_OF('echo-secret-at-the-cut')}, but got "\\.{70}\\[REDACTED\\]…" \\(text/plain\\)$`),
  'a redirect that carries the password in its Location': new RegExp(`^Expected status 200 from ${URL_OF('redirect-secret')}, but got 302$`),
  'a 2 MB error page full of unclosed tags': new RegExp(`^Expected status 200 from ${URL_OF('huge-error')}, but got 500$`),
  'no answer at all': UNREACHABLE('hang', 'no answer came in time'),
  'headers, then a body that trickles forever': UNREACHABLE('trickle', 'no answer came in time'),
  'the connection is reset': UNREACHABLE('reset', 'the connection was reset or cut before a whole answer came'),
  'the body is cut short': UNREACHABLE('cut-body', 'the connection was reset or cut before a whole answer came'),
  'bytes that are not HTTP': UNREACHABLE('not-http', 'the request failed \\(.*Parse Error.*\\)'),
  'a body that claims gzip but is not': UNREACHABLE('gzip-lie', 'the request failed \\(.*decompress.*\\)'),
  ...OVERSIZED_FAILURES,
};

/** Words that mean an exception escaped instead of a sentence being written. */
const UNHANDLED = /\b(TypeError|SyntaxError|RangeError|ReferenceError|Unhandled|unhandledRejection|uncaughtException)\b/;

export interface FixtureScenario {
  name: string;
  status: string;
  sentence: string;
  durationMs: number;
  problems: string[];
}

export interface FixtureResult {
  exitCode: number | null;
  durationMs: number;
  scenarios: FixtureScenario[];
  failedAsExpected: number;
  unhandled: number;
  secretLeaks: number;
  problems: string[];
  output: string;
  /** The cucumber process's peak resident set (its maxRSS), in MB. */
  peakRssMb: number | undefined;
  /** Its message stream (ndjson), for a check of how the nightly would classify each failure. */
  messages: string;
}

interface Envelope {
  pickle?: { id: string; name: string };
  testCase?: { id: string; pickleId: string };
  testCaseStarted?: { id: string; testCaseId: string };
  testStepFinished?: { testCaseStartedId: string; testStepResult: { status: string; message?: string; duration: { seconds: number; nanos: number } } };
}

/** Each credential in its raw, base64 and URL-encoded forms, and its first 8 characters (a cut-off secret). */
function secretForms(): string[] {
  return Object.values(CREDENTIALS).flatMap((value) => [value, Buffer.from(value).toString('base64'), encodeURIComponent(value), value.slice(0, 8)]);
}

/**
 * Runs the fixture features (or `features`, each failure checked against `expected`) against a fresh
 * misbehaving server and checks every failure.
 */
export async function runMisbehavingFixture(features = [FIXTURE], expected = EXPECTED_FAILURES): Promise<FixtureResult> {
  const { spawn } = await import('node:child_process');
  const { existsSync, mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join, resolve: absolute } = await import('node:path');
  const server = await startMisbehaving();
  const dir = mkdtempSync(join(tmpdir(), 'misbehaving-'));
  const messages = join(dir, 'messages.ndjson');
  const rssFile = join(dir, 'rss.txt');
  const peakRss = `--require ${JSON.stringify(absolute('scripts/bench/peak-rss.cjs'))}`; // quoted: NODE_OPTIONS splits on spaces
  const started = performance.now();
  const ran = await new Promise<{ status: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['node_modules/@cucumber/cucumber/bin/cucumber.js', '-p', 'quiet', ...features, '--format', `message:${messages}`], {
      env: {
        ...process.env,
        FORCE_COLOR: '0',
        EMULATOR_FAULT: undefined,
        MAX_BODY_BYTES: undefined, // its default, which OVERSIZED_FAILURES states
        TOKEN_LOGIN_BASE_URL: server.url,
        ...CREDENTIALS,
        REQUEST_TIMEOUT_MS: String(FIXTURE_TIMEOUT_MS),
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${peakRss}`.trim(),
        BENCH_RSS_FILE: rssFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (status) => {
      clearTimeout(guard);
      resolve({ status, output });
    });
  });
  const durationMs = Math.round(performance.now() - started);
  await server.close();
  let text = '';
  let peakRssMb: number | undefined;
  try {
    text = readFileSync(messages, 'utf8');
    // "<pid> <MB>" per node process the preload saw exit: cucumber's, unless it was killed.
    if (existsSync(rssFile)) peakRssMb = Math.max(...readFileSync(rssFile, 'utf8').trim().split('\n').map((line) => Number(line.split(' ')[1])));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const envelopes = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Envelope);
  const names = new Map(envelopes.flatMap((e) => (e.pickle ? [[e.pickle.id, e.pickle.name] as const] : [])));
  const cases = new Map(envelopes.flatMap((e) => (e.testCase ? [[e.testCase.id, e.testCase.pickleId] as const] : [])));
  const started2 = new Map(envelopes.flatMap((e) => (e.testCaseStarted ? [[e.testCaseStarted.id, e.testCaseStarted.testCaseId] as const] : [])));
  const byScenario = new Map<string, FixtureScenario>();
  for (const name of names.values()) byScenario.set(name, { name, status: 'PASSED', sentence: '', durationMs: 0, problems: [] });
  for (const envelope of envelopes) {
    const step = envelope.testStepFinished;
    if (!step) continue;
    const name = names.get(cases.get(started2.get(step.testCaseStartedId) ?? '') ?? '') ?? '?';
    const scenario = byScenario.get(name)!;
    scenario.durationMs += step.testStepResult.duration.seconds * 1000 + step.testStepResult.duration.nanos / 1e6;
    if (step.testStepResult.status !== 'FAILED') continue;
    scenario.status = 'FAILED';
    const message = (step.testStepResult.message ?? '').replace(/^(AssertionError|TargetError)(?: \[[a-z-]+\])?: /, '');
    scenario.sentence = message.split('\n')[0] ?? '';
    const sentence = expected[name];
    if (!sentence) scenario.problems.push('no expected sentence is listed for this scenario');
    else if (!sentence.test(scenario.sentence)) scenario.problems.push(`its sentence does not match ${sentence}: ${scenario.sentence.slice(0, 300)}`);
    const exchange = message.split('\n\n').slice(1).join('\n\n');
    if (!/^GET http:\/\/127\.0\.0\.1:\d+\//.test(exchange) || !exchange.includes('Password: [REDACTED]') || !exchange.includes('User-Name: [REDACTED]') || !exchange.includes('←')) {
      scenario.problems.push('the redacted exchange does not follow the sentence');
    }
    if (UNHANDLED.test(message)) scenario.problems.push(`an exception name shows: ${UNHANDLED.exec(message)?.[0]}`);
  }
  const scenarios = [...byScenario.values()];
  for (const scenario of scenarios) {
    scenario.durationMs = Math.round(scenario.durationMs);
    if (scenario.status !== 'FAILED') scenario.problems.push(`it ${scenario.status.toLowerCase()} instead of failing`);
    if (scenario.durationMs > FIXTURE_TIMEOUT_MS + 2_000) scenario.problems.push(`it took ${scenario.durationMs} ms, past the ${FIXTURE_TIMEOUT_MS} ms request timeout`);
  }
  const everything = `${ran.output}\n${text}`;
  const secretLeaks = secretForms().filter((form) => everything.includes(form)).length;
  const unhandled = UNHANDLED.test(ran.output) ? 1 : 0;
  const problems = [
    ...scenarios.flatMap((s) => s.problems.map((p) => `${s.name}: ${p}`)),
    ...Object.keys(expected).filter((name) => !byScenario.has(name)).map((name) => `${name}: the scenario did not run`),
    ...(ran.status === 1 ? [] : [`cucumber exited ${ran.status} (expected 1: every scenario fails)`]),
    ...(secretLeaks ? [`${secretLeaks} form(s) of the credentials appear in the output`] : []),
    ...(unhandled ? [`the output names an exception: ${UNHANDLED.exec(ran.output)?.[0]}`] : []),
  ];
  return {
    exitCode: ran.status,
    durationMs,
    scenarios,
    failedAsExpected: scenarios.filter((s) => s.status === 'FAILED' && s.problems.length === 0).length,
    unhandled,
    secretLeaks,
    problems,
    output: ran.output,
    peakRssMb,
    messages: text,
  };
}
