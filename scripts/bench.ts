// `npm run bench`: what a scenario costs, measured in one run on the same emulator, as medians of
// BENCH_RUNS (default 5) runs after a warm-up: startup; the per-scenario cost of a login + authenticated
// request as our suite (no reporters, all reporters), as a cucumber floor (plain-JS steps making the same
// Playwright calls), as a plain Playwright script, as plain fetch, and as a Newman collection; scaling to
// 5,000 scenarios; --parallel under 20 ms of latency; the whole suite and its Allure report; memory peaks.
// Writes reports/bench.json and docs/benchmarks.md. `--formatters` adds what each reporter costs alone;
// BENCH_QUICK=1 shrinks every size for a smoke run (and writes no docs); `--render` rewrites the docs
// from the last reports/bench.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { PASSWORD, USER, generatedFeature, newmanCollection, startTarget } from './bench/fixtures';
import { markdown, type BenchResult } from './bench/markdown';
import { RUNS, WORK, measure, type Measure } from './bench/measure';
import { costLine, round, sizeForRatio } from './bench/stats';

const QUICK = process.env.BENCH_QUICK === '1';
const N = QUICK ? 40 : 100;
/**
 * Every way is compared at this many scenarios (iterations): the cost per scenario falls as a run grows
 * (the JIT warms up), so ways measured at different sizes would not compare; at 100 it drowns in start-up noise.
 */
const BASELINE_N = QUICK ? 100 : 500;
const SCALES = QUICK ? [40, 100, 200] : [100, BASELINE_N, 1000, 5000];
const LATENCY_MS = 20;
const CUCUMBER = 'node_modules/@cucumber/cucumber/bin/cucumber.js';

const clearResults = () => rmSync('reports/allure-results', { recursive: true, force: true });
const cucumber = (args: string[]) => [CUCUMBER, ...args];

async function main(): Promise<void> {
  const started = Date.now();
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const target = await startTarget(0);
  const env = { TOKEN_LOGIN_BASE_URL: target.url, TOKEN_LOGIN_USERNAME: USER, TOKEN_LOGIN_PASSWORD: PASSWORD };
  const one = generatedFeature(1);
  const feature = generatedFeature(N);
  const baseline = generatedFeature(BASELINE_N);
  const sizes = new Map(SCALES.map((n) => [n, generatedFeature(n)]));
  const flows = (mode: string, n: number) => ['scripts/bench/flows.cjs', mode, String(n), target.url, USER, PASSWORD];
  const measured: Measure[] = [];
  const m = (...args: Parameters<typeof measure>) => {
    const result = measure(...args);
    measured.push(result);
    return result;
  };
  try {
    console.log(`login-api-bdd bench: ${RUNS} runs after a warm-up; the flow of a scenario: login + authenticated request\n`);
    const startup = m('our suite, 0 scenarios selected (startup)', process.execPath, cucumber(['-p', 'quiet', '--tags', '@none', feature]), { env, warm: true });
    const quiet1 = m('our suite, 1 scenario, no reporters', process.execPath, cucumber(['-p', 'quiet', one]), { env });
    const scaling = SCALES.map((n) => ({ n, run: m(`our suite, ${n} scenarios, no reporters`, process.execPath, cucumber(['-p', 'quiet', sizes.get(n)!]), { env }) }));
    const reporters1 = m('our suite, 1 scenario, all reporters', process.execPath, cucumber([one]), { env, before: clearResults, warm: true });
    const reportersN = m(`our suite, ${N} scenarios, all reporters`, process.execPath, cucumber([feature]), { env, before: clearResults });
    const reportersB = m(`our suite, ${BASELINE_N} scenarios, all reporters`, process.execPath, cucumber([baseline]), { env, before: clearResults });
    const floorArgs = (path: string) => cucumber(['--config', 'scripts/bench/floor/cucumber.cjs', path]);
    const floor1 = m('cucumber floor (plain-JS steps), 1 scenario', process.execPath, floorArgs(one), { env, warm: true });
    const floorB = m(`cucumber floor (plain-JS steps), ${BASELINE_N} scenarios`, process.execPath, floorArgs(baseline), { env });
    const pw1 = m('Playwright script, 1 iteration', process.execPath, flows('playwright', 1), { warm: true });
    const pwB = m(`Playwright script, ${BASELINE_N} iterations`, process.execPath, flows('playwright', BASELINE_N));
    const fetch1 = m('fetch script, 1 iteration', process.execPath, flows('fetch', 1), { warm: true });
    const fetchB = m(`fetch script, ${BASELINE_N} iterations`, process.execPath, flows('fetch', BASELINE_N));
    const collection = newmanCollection();
    const newman = (n: number) => ['node_modules/newman/bin/newman.js', 'run', collection, '-n', String(n), '--silent', '--env-var', `baseUrl=${target.url}`, '--env-var', `user=${USER}`, '--env-var', `password=${PASSWORD}`];
    const newman1 = m('Newman, 1 iteration', process.execPath, newman(1), { warm: true });
    const newmanN = m(`Newman, ${N} iterations`, process.execPath, newman(N));
    const formatters = process.argv.includes('--formatters') ? measureFormatters(feature, env, m) : undefined;

    console.log('');
    const slow = await startTarget(LATENCY_MS);
    const slowEnv = { ...env, TOKEN_LOGIN_BASE_URL: slow.url };
    let latency;
    try {
      const run = (label: string, path: string, extra: string[] = []) => m(`${LATENCY_MS} ms latency, ${label}`, process.execPath, cucumber(['-p', 'quiet', ...extra, path]), { env: slowEnv });
      const serial1 = run('1 scenario, serial', one);
      const serial = run(`${N} scenarios, serial`, feature);
      const p2 = run(`${N} scenarios, --parallel 2`, feature, ['--parallel', '2']);
      const p41 = run('1 scenario, --parallel 4', one, ['--parallel', '4']);
      const p4 = run(`${N} scenarios, --parallel 4`, feature, ['--parallel', '4']);
      const serialLine = costLine(1, serial1.medianMs, N, serial.medianMs);
      const p4Line = costLine(1, p41.medianMs, N, p4.medianMs);
      latency = {
        scenarios: N,
        serialMs: serial.medianMs,
        parallel2Ms: p2.medianMs,
        parallel4Ms: p4.medianMs,
        speedup2: round(serial.medianMs / p2.medianMs),
        speedup4: round(serial.medianMs / p4.medianMs),
        serialLine,
        parallel4Line: p4Line,
        scenariosForSpeedup4: sizeForRatio(p4Line, serialLine, 0.5),
      };
    } finally {
      slow.child.kill();
    }

    console.log('');
    // No warm-up: cucumber, the support code and the emulators have run many times by now.
    const acceptance = m('npm run acceptance (whole suite, all reporters, then the report)', process.execPath, ['--import', 'tsx', 'scripts/acceptance.ts']);
    const report = m('Allure report build for the whole suite (npm run report)', process.execPath, ['--import', 'tsx', 'scripts/report.ts']);
    const suiteResults = readdirSync('reports/allure-results').length;
    const allure = spawnSync('/usr/bin/time', ['-f', '%M', 'node_modules/allure-commandline/dist/bin/allure', 'generate', 'reports/allure-results', '-o', join(WORK, 'allure-report'), '--clean'], { encoding: 'utf8' });
    const allurePeakMb = allure.status === 0 ? round(Number(allure.stderr.trim().split('\n').pop()) / 1024, 0) : undefined;

    const largest = scaling.at(-1)!;
    const quietLine = costLine(1, quiet1.medianMs, BASELINE_N, scaling.find((s) => s.n === BASELINE_N)!.run.medianMs);
    const reportersLine = costLine(1, reporters1.medianMs, BASELINE_N, reportersB.medianMs);
    /** Against Newman, at Newman's size: its wall time is the peer's measure. */
    const reportersAtN = costLine(1, reporters1.medianMs, N, reportersN.medianMs);
    const floorLine = costLine(1, floor1.medianMs, BASELINE_N, floorB.medianMs);
    const pwLine = costLine(1, pw1.medianMs, BASELINE_N, pwB.medianMs);
    const fetchLine = costLine(1, fetch1.medianMs, BASELINE_N, fetchB.medianMs);
    const newmanLine = costLine(1, newman1.medianMs, N, newmanN.medianMs);
    const perScenario = {
      fetch: round(fetchLine.perScenarioMs),
      playwright: round(pwLine.perScenarioMs),
      floor: round(floorLine.perScenarioMs),
      quiet: round(quietLine.perScenarioMs),
      reporters: round(reportersLine.perScenarioMs),
      newman: round(newmanLine.perScenarioMs),
    };
    const result: BenchResult = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGb: round(totalmem() / 2 ** 30, 0), node: process.version },
      runs: RUNS,
      scenarios: N,
      baselineIterations: BASELINE_N,
      startupMs: startup.medianMs,
      firstScenarioMs: { quiet: quiet1.medianMs, reporters: reporters1.medianMs, floor: floor1.medianMs, playwright: pw1.medianMs, fetch: fetch1.medianMs, newman: newman1.medianMs },
      perScenarioMs: perScenario,
      wallMs: { reporters: reportersN.medianMs, quiet: scaling.find((s) => s.n === N)?.run.medianMs, newman: newmanN.medianMs },
      newmanSizeForRatio: sizeForRatio(reportersAtN, newmanLine, 0.4),
      perScenarioAtNMs: { reporters: round(reportersAtN.perScenarioMs), newman: round(newmanLine.perScenarioMs) },
      scaling: scaling.map(({ n, run }) => ({ scenarios: n, medianMs: run.medianMs, msPerScenario: round((run.medianMs - quiet1.medianMs) / (n - 1)), peakRssMb: run.peakRssMb })),
      latency,
      formatters,
      suite: { scenarios: suiteScenarios(), resultFiles: suiteResults, acceptanceMs: acceptance.medianMs, reportMs: report.medianMs },
      peakRssMb: { quiet: largest.run.peakRssMb, reporters: reportersB.peakRssMb, floor: floorB.peakRssMb, playwright: pwB.peakRssMb, fetch: fetchB.peakRssMb, newman: newmanN.peakRssMb, allureJava: allurePeakMb },
      measurements: measured,
      benchSeconds: Math.round((Date.now() - started) / 1000),
    };
    writeFileSync('reports/bench.json', JSON.stringify(result, null, 2));
    const doc = markdown(result);
    if (!QUICK) writeFileSync('docs/benchmarks.md', doc.text);
    console.log(`\n${doc.targets.map((t) => `${t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.measured}`).join('\n')}`);
    console.log(`\nreports/bench.json${QUICK ? '' : ' and docs/benchmarks.md'} written in ${result.benchSeconds} s`);
  } finally {
    target.child.kill();
  }
}

/** What each reporter adds alone: the quiet profile with exchanges recorded, plus one formatter. */
function measureFormatters(feature: string, env: Record<string, string>, m: typeof measure): BenchResult['formatters'] {
  const recorded = ['-p', 'quiet', '--world-parameters', '{"record":true}'];
  const runs: Array<[string, string[]]> = [
    ['exchanges recorded, no formatter', []],
    // The quiet profile carries the allure formatOptions (results folder and writer) of the other profiles.
    ['allure-cucumberjs', ['--format', 'allure-cucumberjs/reporter:reports/allure-formatter.out']],
    ['message (ndjson)', ['--format', `message:${join(WORK, 'messages.ndjson')}`]],
    ['html', ['--format', `html:${join(WORK, 'cucumber.html')}`]],
    ['junit', ['--format', `junit:${join(WORK, 'junit.xml')}`]],
  ];
  const [base, ...rest] = runs.map(([name, args]) => ({ name, run: m(`our suite, ${N} scenarios, ${name}`, process.execPath, cucumber([...recorded, ...args, feature]), { env, before: clearResults }) }));
  return { base: base!.run.medianMs, each: rest.map(({ name, run }) => ({ formatter: name, msPerScenario: round((run.medianMs - base!.run.medianMs) / N) })) };
}

/** The number of scenarios of the whole suite, from the last acceptance run's JUnit file. */
function suiteScenarios(): number {
  return (readFileSync('reports/junit.xml', 'utf8').match(/<testcase /g) ?? []).length;
}

if (process.argv.includes('--render')) {
  writeFileSync('docs/benchmarks.md', markdown(JSON.parse(readFileSync('reports/bench.json', 'utf8')) as BenchResult).text);
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
