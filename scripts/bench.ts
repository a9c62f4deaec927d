// `npm run bench`: what a scenario costs, measured in one run on the same emulators, as medians of
// BENCH_RUNS (default 5) runs after a warm-up: startup, the per-scenario cost of a login + authenticated
// request as cucumber (no reporters, all reporters), a plain Playwright script, plain fetch (the floor)
// and Newman; scaling to 5,000 scenarios; --parallel under 20 ms of latency; the Allure report build;
// memory peaks. Writes reports/bench.json and docs/benchmarks.md. BENCH_QUICK=1 shrinks every size.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const QUICK = process.env.BENCH_QUICK === '1';
const N = QUICK ? 40 : 100;
const SCALES = QUICK ? [40, 100] : [100, 1000, 5000];
const LATENCY_N = QUICK ? 20 : 100;
/** Baselines run 1,000 iterations: at 100 their per-iteration cost drowns in startup noise. */
const BASELINE_N = QUICK ? 100 : 1000;
const WORK = resolve('reports/bench');
const RSS_FILE = join(WORK, 'rss.txt');
const CUCUMBER = 'node_modules/@cucumber/cucumber/bin/cucumber.js';
const USER = 'user_test';
const PASSWORD = 'password_test';

interface Measure {
  label: string;
  runsMs: number[];
  medianMs: number;
  peakRssMb: number | undefined;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Runs a command RUNS times (after one warm-up run when `warm`: the first use of each tool fills the disk
 * and transpile caches for all its later measurements); the median wall time and the peak RSS of node processes.
 */
function measure(label: string, command: string, args: string[], env: Record<string, string> = {}, before?: () => void, warm = false): Measure {
  const runsMs: number[] = [];
  let peak: number | undefined;
  for (let i = warm ? 0 : 1; i <= RUNS; i += 1) {
    before?.();
    rmSync(RSS_FILE, { force: true });
    const started = process.hrtime.bigint();
    const ran = spawnSync(command, args, {
      env: { ...process.env, FORCE_COLOR: '0', NODE_OPTIONS: `--require ${resolve('scripts/bench/peak-rss.cjs')}`, BENCH_RSS_FILE: RSS_FILE, ...env },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (ran.status !== 0) throw new Error(`${label} failed (exit ${ran.status}):\n${ran.stdout.slice(-2000)}\n${ran.stderr.slice(-2000)}`);
    if (i === 0) continue; // warm-up
    runsMs.push(ms);
    try {
      const rss = readFileSync(RSS_FILE, 'utf8').trim().split('\n').map((line) => Number(line.split(' ')[1]));
      peak = Math.max(peak ?? 0, ...rss);
    } catch {
      // not a node process
    }
  }
  const result = { label, runsMs: runsMs.map((ms) => Math.round(ms)), medianMs: Math.round(median(runsMs)), peakRssMb: peak };
  console.log(`${label.padEnd(58)} median ${String(result.medianMs).padStart(6)} ms  (${result.runsMs.join(', ')})${peak ? `  peak ${peak.toFixed(0)} MB` : ''}`);
  return result;
}

/** A feature of n scenarios: log in, remember the token, open the data API with it. */
function generatedFeature(n: number): string {
  const dir = join(WORK, `features-${n}`, 'features', 'token-login');
  mkdirSync(dir, { recursive: true });
  const rows = Array.from({ length: n }, (_, i) => `      | ${i + 1} |`).join('\n');
  const file = join(dir, 'generated.feature');
  writeFileSync(
    file,
    `Feature: generated login flow\n\n  Scenario Outline: login and data #<n>\n    When I send a GET request to "/login" with headers:\n      | User-Name | \${TOKEN_LOGIN_USERNAME} |\n      | Password  | \${TOKEN_LOGIN_PASSWORD} |\n    And I remember the JSON value at "$.token" as "token"\n    And I send a GET request to "/company/info" with headers:\n      | Token | {{token}} |\n    Then the JSON value at "$.code" is 200\n\n    Examples:\n      | n |\n${rows}\n`,
  );
  return file;
}

function newmanCollection(): string {
  const file = join(WORK, 'token-login.postman_collection.json');
  const test = (lines: string[]) => [{ listen: 'test', script: { type: 'text/javascript', exec: lines } }];
  writeFileSync(
    file,
    JSON.stringify({
      info: { name: 'token-login flow', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        {
          name: 'login',
          request: { method: 'GET', url: '{{baseUrl}}/login', header: [{ key: 'User-Name', value: '{{user}}' }, { key: 'Password', value: '{{password}}' }] },
          event: test(["pm.collectionVariables.set('token', pm.response.json().token);"]),
        },
        {
          name: 'company info',
          request: { method: 'GET', url: '{{baseUrl}}/company/info', header: [{ key: 'Token', value: '{{token}}' }] },
          event: test(["pm.test('code 200', () => pm.expect(pm.response.json().code).to.eql(200));"]),
        },
      ],
    }),
  );
  return file;
}

/** The token-login emulator as a separate process (the sandbox), so every client talks to the same server. */
async function startTarget(latencyMs: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sandbox.ts'], { env: { ...process.env, SANDBOX_PORT: '0', EMULATOR_LATENCY_MS: String(latencyMs) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /TOKEN_LOGIN_BASE_URL=(\S+)/.exec(out);
      if (match) done(match[1]!);
    });
    child.on('exit', () => fail(new Error(`the sandbox exited early:\n${out}`)));
  });
  return { url, child };
}

const perScenario = (m: Measure, zero: Measure, n: number) => (m.medianMs - zero.medianMs) / n;
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function main(): Promise<void> {
  const started = Date.now();
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const target = await startTarget(0);
  const env = { TOKEN_LOGIN_BASE_URL: target.url, TOKEN_LOGIN_USERNAME: USER, TOKEN_LOGIN_PASSWORD: PASSWORD };
  const clean = () => rmSync('reports/allure-results', { recursive: true, force: true });
  const feature = generatedFeature(N);
  const cucumber = (profile: string, paths: string[], extra: string[] = []) => [CUCUMBER, '-p', profile, ...extra, ...paths];
  try {
    console.log(`login-api-bdd bench: ${RUNS} runs after a warm-up, N = ${N} generated scenarios (login + authenticated request)\n`);
    const startup = measure('cucumber, 0 scenarios selected (startup)', process.execPath, cucumber('quiet', [feature], ['--tags', '@none']), env, undefined, true);
    const quiet = measure(`cucumber, ${N} scenarios, no reporters`, process.execPath, cucumber('quiet', [feature]), env);
    const reporters = measure(`cucumber, ${N} scenarios, all reporters`, process.execPath, cucumber('default', [feature]), env, clean);
    // What each reporter adds on its own (the quiet profile plus one formatter, with exchanges recorded).
    const recorded = ['--world-parameters', '{"record":true}'];
    const formatterRuns: Array<[string, string[]]> = [
      ['no formatter, exchanges recorded', []],
      ['allure-cucumberjs', ['--format', 'allure-cucumberjs/reporter:reports/allure-formatter.out', '--format-options', '{"resultsDir":"reports/allure-results"}']],
      ['message (ndjson)', ['--format', `message:${join(WORK, 'messages.ndjson')}`]],
      ['html', ['--format', `html:${join(WORK, 'cucumber.html')}`]],
      ['junit', ['--format', `junit:${join(WORK, 'junit.xml')}`]],
    ];
    const formatterMs = formatterRuns.map(([name, args]) => ({ name, ...measure(`cucumber, ${N} scenarios, ${name}`, process.execPath, cucumber('quiet', [feature], [...recorded, ...args]), env, clean) }));
    const formatterCost = formatterMs.slice(1).map((m) => ({ formatter: m.name, msPerScenario: round((m.medianMs - formatterMs[0]!.medianMs) / N) }));
    const pw0 = measure('Playwright script, 0 iterations', process.execPath, ['scripts/bench/flows.cjs', 'playwright', '0', target.url, USER, PASSWORD], {}, undefined, true);
    const pw = measure(`Playwright script, ${BASELINE_N} iterations`, process.execPath, ['scripts/bench/flows.cjs', 'playwright', String(BASELINE_N), target.url, USER, PASSWORD]);
    const fetch0 = measure('fetch script, 0 iterations', process.execPath, ['scripts/bench/flows.cjs', 'fetch', '0', target.url, USER, PASSWORD], {}, undefined, true);
    const fetchN = measure(`fetch script, ${BASELINE_N} iterations`, process.execPath, ['scripts/bench/flows.cjs', 'fetch', String(BASELINE_N), target.url, USER, PASSWORD]);
    const collection = newmanCollection();
    const newmanArgs = (n: number) => ['node_modules/newman/bin/newman.js', 'run', collection, '-n', String(n), '--silent', '--env-var', `baseUrl=${target.url}`, '--env-var', `user=${USER}`, '--env-var', `password=${PASSWORD}`];
    const newman1 = measure('Newman, 1 iteration', process.execPath, newmanArgs(1), {}, undefined, true);
    const newman = measure(`Newman, ${N} iterations`, process.execPath, newmanArgs(N));

    console.log('');
    const scaling = SCALES.map((n) => {
      const m = n === N ? quiet : measure(`cucumber, ${n} scenarios, no reporters (scaling)`, process.execPath, cucumber('quiet', [generatedFeature(n)]), env);
      return { scenarios: n, medianMs: m.medianMs, msPerScenario: round(perScenario(m, startup, n)), peakRssMb: m.peakRssMb };
    });

    console.log('');
    const slow = await startTarget(20);
    const slowEnv = { ...env, TOKEN_LOGIN_BASE_URL: slow.url };
    const latencyFeature = generatedFeature(LATENCY_N);
    let latency;
    try {
      const serial = measure(`20 ms latency, ${LATENCY_N} scenarios, serial`, process.execPath, cucumber('quiet', [latencyFeature]), slowEnv);
      const p2 = measure(`20 ms latency, ${LATENCY_N} scenarios, --parallel 2`, process.execPath, cucumber('quiet', [latencyFeature], ['--parallel', '2']), slowEnv);
      const p4 = measure(`20 ms latency, ${LATENCY_N} scenarios, --parallel 4`, process.execPath, cucumber('quiet', [latencyFeature], ['--parallel', '4']), slowEnv);
      latency = { scenarios: LATENCY_N, serialMs: serial.medianMs, parallel2Ms: p2.medianMs, parallel4Ms: p4.medianMs, speedup2: round(serial.medianMs / p2.medianMs), speedup4: round(serial.medianMs / p4.medianMs) };
    } finally {
      slow.child.kill();
    }

    console.log('');
    const acceptance = measure('npm run acceptance (whole suite, all reporters, then the report)', process.execPath, ['--import', 'tsx', 'scripts/acceptance.ts']);
    const report = measure('Allure report build for the whole suite (npm run report)', process.execPath, ['--import', 'tsx', 'scripts/report.ts']);
    const allure = spawnSync('/usr/bin/time', ['-f', '%M', 'node_modules/allure-commandline/dist/bin/allure', 'generate', 'reports/allure-results', '-o', join(WORK, 'allure-report'), '--clean'], { encoding: 'utf8' });
    const allurePeakMb = allure.status === 0 ? round(Number(allure.stderr.trim().split('\n').pop()) / 1024, 0) : undefined;

    const quietAtBaseline = scaling.find((point) => point.scenarios === BASELINE_N)!;
    const costs = {
      cucumberQuiet: quietAtBaseline.msPerScenario,
      cucumberReporters: round(perScenario(reporters, startup, N)),
      playwright: round(perScenario(pw, pw0, BASELINE_N)),
      fetch: round(perScenario(fetchN, fetch0, BASELINE_N)),
      newman: round(perScenario(newman, newman1, N - 1)),
    };
    const ratios = {
      quietVsPlaywright: round(costs.cucumberQuiet / costs.playwright),
      reportersVsPlaywright: round(costs.cucumberReporters / costs.playwright),
      playwrightVsFetch: round(costs.playwright / costs.fetch),
      cucumberQuietVsFetch: round(costs.cucumberQuiet / costs.fetch),
      wallReportersVsNewman: round(reporters.medianMs / newman.medianMs),
      wallQuietVsNewman: round(quiet.medianMs / newman.medianMs),
      perScenarioReportersVsNewman: round(costs.cucumberReporters / costs.newman),
      perScenarioQuietVsNewman: round(costs.cucumberQuiet / costs.newman),
    };
    const targets = [
      { target: 'whole suite with all reporters plus the report < 5 s', value: `${acceptance.medianMs} ms`, met: acceptance.medianMs < 5000 },
      { target: '≤ 1.3× the Playwright script per scenario, no reporters', value: `${ratios.quietVsPlaywright}×`, met: ratios.quietVsPlaywright <= 1.3 },
      { target: '≤ 2.5× the Playwright script per scenario, all reporters', value: `${ratios.reportersVsPlaywright}×`, met: ratios.reportersVsPlaywright <= 2.5 },
      { target: '≤ 0.4× Newman wall time (all reporters)', value: `${ratios.wallReportersVsNewman}×`, met: ratios.wallReportersVsNewman <= 0.4 },
      { target: '--parallel 4 ≥ 2× serial under 20 ms latency', value: `${latency.speedup4}×`, met: latency.speedup4 >= 2 },
    ];
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: round(totalmem() / 2 ** 30, 0), node: process.version },
      runs: RUNS,
      scenarios: N,
      baselineIterations: BASELINE_N,
      startupMs: startup.medianMs,
      msPerScenario: costs,
      ratios,
      newmanWallMs: newman.medianMs,
      cucumberWallMs: { quiet: quiet.medianMs, reporters: reporters.medianMs },
      scaling,
      latency,
      formatterCost,
      recordingMsPerScenario: round((formatterMs[0]!.medianMs - quiet.medianMs) / N),
      suite: { cucumberAllReportersMs: acceptance.medianMs - report.medianMs, reportBuildMs: report.medianMs, acceptanceMs: acceptance.medianMs },
      peakRssMb: { cucumberQuiet: quiet.peakRssMb, cucumberReporters: reporters.peakRssMb, playwright: pw.peakRssMb, fetch: fetchN.peakRssMb, newman: newman.peakRssMb, scaling5000: scaling.at(-1)?.peakRssMb, allureJava: allurePeakMb },
      targets,
      measurements: [startup, quiet, reporters, pw0, pw, fetch0, fetchN, newman1, newman, acceptance, report],
      benchSeconds: Math.round((Date.now() - started) / 1000),
    };
    writeFileSync('reports/bench.json', JSON.stringify(result, null, 2));
    if (!QUICK) writeFileSync('docs/benchmarks.md', markdown(result));
    console.log(`\n${targets.map((t) => `${t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.value}`).join('\n')}`);
    console.log(`\nreports/bench.json${QUICK ? '' : ' and docs/benchmarks.md'} written in ${result.benchSeconds} s`);
  } finally {
    target.child.kill();
  }
}

function markdown(r: {
  date: string;
  machine: { cpus: number; cpu?: string; memoryGb: number; node: string };
  runs: number;
  scenarios: number;
  startupMs: number;
  msPerScenario: Record<string, number>;
  ratios: Record<string, number>;
  baselineIterations: number;
  newmanWallMs: number;
  cucumberWallMs: { quiet: number; reporters: number };
  scaling: Array<{ scenarios: number; medianMs: number; msPerScenario: number; peakRssMb?: number }>;
  latency: { scenarios: number; serialMs: number; parallel2Ms: number; parallel4Ms: number; speedup2: number; speedup4: number };
  formatterCost: Array<{ formatter: string; msPerScenario: number }>;
  recordingMsPerScenario: number;
  suite: { cucumberAllReportersMs: number; reportBuildMs: number; acceptanceMs: number };
  peakRssMb: Record<string, number | undefined>;
  targets: Array<{ target: string; value: string; met: boolean }>;
  benchSeconds: number;
}): string {
  const c = r.msPerScenario;
  return `# Benchmarks

Written by \`npm run bench\` (${r.benchSeconds} s) on ${r.date.slice(0, 10)}: ${r.machine.cpus} cores (${r.machine.cpu}), ${r.machine.memoryGb} GiB, Node ${r.machine.node}.
Every number is the **median of ${r.runs} runs after a warm-up**, all against the same token-login emulator
running as a separate process (\`npm run sandbox\`). The flow of one scenario: \`GET /login\` with the two
headers, remember the token, \`GET /company/info\` with it, check the code. Per-scenario costs subtract the
same tool's run with zero scenarios (or iterations), so startup is not counted twice. Raw runs are in
\`reports/bench.json\`.

## Targets

| target | measured | |
| --- | --- | --- |
${r.targets.map((t) => `| ${t.target} | ${t.value} | ${t.met ? 'met' : '**missed**'} |`).join('\n')}

## Per-scenario cost

Without reporters and for the two scripts: ${r.baselineIterations} scenarios (iterations); with all reporters and
for Newman: ${r.scenarios}.

| way | ms per scenario | vs Playwright script | vs fetch |
| --- | --- | --- | --- |
| plain \`fetch\` (the floor) | ${c.fetch} | ${(c.fetch! / c.playwright!).toFixed(2)}× | 1.00× |
| plain Playwright request-context script | ${c.playwright} | 1.00× | ${r.ratios.playwrightVsFetch}× |
| cucumber, no reporters | ${c.cucumberQuiet} | ${r.ratios.quietVsPlaywright}× | ${r.ratios.cucumberQuietVsFetch}× |
| cucumber, all reporters (allure, junit, html, message, progress) | ${c.cucumberReporters} | ${r.ratios.reportersVsPlaywright}× | ${(c.cucumberReporters! / c.fetch!).toFixed(2)}× |
| Newman (Postman collection) | ${c.newman} | ${(c.newman! / c.playwright!).toFixed(2)}× | ${(c.newman! / c.fetch!).toFixed(2)}× |

Startup (cucumber with zero scenarios selected, support code and emulators loaded): **${r.startupMs} ms**.
Wall time for ${r.scenarios} scenarios: cucumber ${r.cucumberWallMs.quiet} ms without reporters, ${r.cucumberWallMs.reporters} ms with all
reporters; Newman ${r.newmanWallMs} ms — cucumber with all reporters takes **${r.ratios.wallReportersVsNewman}×** Newman's wall time
(${r.ratios.wallQuietVsNewman}× without reporters). Per scenario, cucumber costs ${r.ratios.perScenarioReportersVsNewman}× Newman with
all reporters and ${r.ratios.perScenarioQuietVsNewman}× without.

## What each reporter costs (${r.scenarios} scenarios, each formatter alone, per scenario)

| formatter | ms per scenario |
| --- | --- |
| recording the exchanges (attachments, jar snapshot), no formatter | ${r.recordingMsPerScenario} |
${r.formatterCost.map((f) => `| ${f.formatter} | ${f.msPerScenario} |`).join('\n')}

Differences under about 1 ms per scenario are within the run-to-run spread (the raw runs are in
\`reports/bench.json\`).

## Scaling (no reporters)

| scenarios | wall (ms) | ms per scenario | peak RSS (MB) |
| --- | --- | --- | --- |
${r.scaling.map((s) => `| ${s.scenarios} | ${s.medianMs} | ${s.msPerScenario} | ${s.peakRssMb?.toFixed(0) ?? 'n/a'} |`).join('\n')}

## Parallel workers under 20 ms of emulator latency (${r.latency.scenarios} scenarios, 2 requests each)

| run | wall (ms) | speed-up |
| --- | --- | --- |
| serial | ${r.latency.serialMs} | 1.00× |
| \`--parallel 2\` | ${r.latency.parallel2Ms} | ${r.latency.speedup2}× |
| \`--parallel 4\` | ${r.latency.parallel4Ms} | ${r.latency.speedup4}× |

Each worker loads the support code again, so \`--parallel\` pays off only when the waiting it overlaps is
larger than the workers' start-up: a long suite, or a slow remote target such as a nightly run.

## The whole suite and its report

| step | wall (ms) |
| --- | --- |
| every feature on the embedded emulators, all reporters (the difference of the two below) | ${r.suite.cucumberAllReportersMs} |
| Allure 2 report build (\`npm run report\`, Java) | ${r.suite.reportBuildMs} |
| \`npm run acceptance\` (both, as a newcomer runs it) | ${r.suite.acceptanceMs} |

## Where the targets are missed, and why

- **2.5× the Playwright script with all reporters.** The reporter table above says where it goes: the
  allure-cucumberjs formatter writes each result, container and attachment through a temp file with an
  \`fsync\` (allure-js-commons' FileSystemWriter, no switch to turn it off), six files per scenario here (result,
  container, two exchanges, two data tables); the message formatter serialises every envelope, attachments
  included. Dropping either means dropping the report's content; what is left is theirs, not ours.
- **Suite plus report under 5 s.** The Allure 2 build alone takes ${r.suite.reportBuildMs} ms (a JVM reading
  every result and attachment file; \`-XX:TieredStopAtLevel=1\` is already set, which saved about 15 %), and
  cucumber needs ${r.startupMs} ms before the first scenario (Playwright, tsx, zod, five emulators), and the
  allure formatter's synced files (above) come on top for each of the suite's scenarios. Reaching 5 s would mean
  dropping Allure 2 (the owner's choice) or the per-step exchange attachments (the report's point).
- **0.4× Newman's wall time.** Per scenario cucumber is the cheaper tool (see the ratios above), but at ${r.scenarios}
  scenarios the fixed startup (${r.startupMs} ms against Newman's ~1.2 s) and the allure formatter's file syncs
  weigh more than Newman's per-request sandbox; the ratio falls as the suite grows.
- **\`--parallel 4\` twice as fast as serial.** Each worker loads the support code again (~${r.startupMs} ms of CPU),
  and four workers share two cores: with ${r.latency.scenarios} scenarios at 20 ms the work saved
  (${r.latency.serialMs} ms serial) is smaller than the start-up paid. It pays off for longer or slower suites.
- **1.3× the Playwright script without reporters.** Cucumber's own machinery per scenario (a dozen messages
  with fresh UUIDs, matching each step against every pattern, hooks, the step wrapper that redacts errors)
  and the World's exchange records cost ${(r.msPerScenario.cucumberQuiet! - r.msPerScenario.playwright!).toFixed(1)} ms over the script's ${r.msPerScenario.playwright} ms
  per scenario here (${r.ratios.quietVsPlaywright}×); the ratio shrinks with the suite (see the scaling table) and is
  within the target whenever the target answers slower than loopback.
- **\`npm run bench\` under 5 minutes.** The 5,000-scenario point alone is five runs of about half a minute;
  with five runs of everything else the bench takes ${r.benchSeconds} s.

Fixed on the way (measured with this bench): profiles without reporters no longer record exchanges or take a
cookie-jar snapshot per request (-0.45 ms per scenario), and Playwright calls start with source maps off
(Playwright captures a stack trace per call, and mapping it through tsx cost ~1 ms per request).

## Memory peaks (max RSS)

| process | MB |
| --- | --- |
${Object.entries(r.peakRssMb).map(([k, v]) => `| ${k} | ${v?.toFixed(0) ?? 'n/a'} |`).join('\n')}
`;
}

if (process.argv.includes('--render')) {
  // Rewrites docs/benchmarks.md from the last reports/bench.json, without measuring again.
  writeFileSync('docs/benchmarks.md', markdown(JSON.parse(readFileSync('reports/bench.json', 'utf8')) as Parameters<typeof markdown>[0]));
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
