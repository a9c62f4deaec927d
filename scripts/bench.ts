// `npm run bench`: what a scenario costs, every figure the median of a mode's runs (scripts/bench/mode.ts)
// with its min–max, all in one run on this machine: start-up; the per-scenario cost of a login + an
// authenticated request as our suite (no reporters, all reporters), as a cucumber floor (plain-JS steps
// making the same Playwright calls), as a plain Playwright script, as plain fetch, as playwright-bdd with
// allure-playwright + junit (the peer) and as a Newman collection; the whole suite under 50 ms of emulator
// latency, serial and with 4 workers; `npm run acceptance` against its floor; memory by size.
// Writes reports/bench.json and docs/benchmarks.md (not in the BENCH_QUICK=1 smoke). `--full` adds the
// 1,000- and 5,000-scenario points, 2 and 8 workers, each reporter alone and five runs; `--formatters` adds
// each reporter alone to the default; `--render` rewrites the docs from the last reports/bench.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { API_IDS, CONTRACT } from '../support/config';
import { PASSWORD, USER, generatedFeature, newmanCollection, startTarget } from './bench/fixtures';
import { markdown } from './bench/markdown';
import { WORK, measure, type Measure, type MeasureOptions } from './bench/measure';
import { benchMode, type BenchMode } from './bench/mode';
import { peerRun } from './bench/peer';
import type { BenchResult, Way } from './bench/result';
import { bestWorkers, figure, round, slope, type Figure } from './bench/stats';
import { NIGHTLY_DEFAULT_PARALLEL } from './nightly-options';

const CUCUMBER = 'node_modules/@cucumber/cucumber/bin/cucumber.js';
const ALLURE = 'node_modules/allure-commandline/dist/bin/allure';
/** As scripts/report.ts runs Allure. */
const ALLURE_ENV = { JAVA_OPTS: process.env.JAVA_OPTS ?? '-XX:TieredStopAtLevel=1' };
/** The whole suite on its embedded emulators: no developer's .env, no base URL from the environment. */
const SUITE_ENV: Record<string, string> = { DOTENV_PATH: '/dev/null', ...Object.fromEntries(API_IDS.map((id) => [`${CONTRACT[id].prefix}BASE_URL`, ''])) };

const clearResults = () => rmSync('reports/allure-results', { recursive: true, force: true });
const cucumber = (args: string[]) => [CUCUMBER, ...args];
/** A recording run's shapes go to the bench's folder: against its BASE_URL they would read as a vendor's in reports/shapes (npm run drift). */
const SHAPES_AWAY = ['--world-parameters', JSON.stringify({ shapesDir: join(WORK, 'shapes') })];
const fig = (run: Measure): Figure => ({ median: run.medianMs, min: run.minMs, max: run.maxMs });
const rounded = (value: Figure): Figure => ({ median: round(value.median), min: round(value.min), max: round(value.max) });

async function main(mode: BenchMode): Promise<void> {
  const started = Date.now();
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const { scenarios: N, baseline: B } = mode;
  const target = await startTarget(0);
  const env = { TOKEN_LOGIN_BASE_URL: target.url, TOKEN_LOGIN_USERNAME: USER, TOKEN_LOGIN_PASSWORD: PASSWORD };
  const one = generatedFeature(1);
  const feature = generatedFeature(N);
  const baseline = generatedFeature(B);
  const sizes = new Map([...new Set([...mode.scaling, B])].map((n) => [n, generatedFeature(n)]));
  const flows = (kind: string, n: number) => ['scripts/bench/flows.cjs', kind, String(n), target.url, USER, PASSWORD];
  const measured: Measure[] = [];
  const m = (label: string, command: string, args: string[], options: Omit<MeasureOptions, 'runs'> = {}) => {
    const result = measure(label, command, args, { runs: mode.runs, ...options });
    measured.push(result);
    return result;
  };
  /** One way at one scenario (with a warm-up) and at `large`: its first-scenario wall and its slope. */
  const pair = (small: Measure, large: Measure, n: number) => ({ first: fig(small), per: rounded(slope(1, small.runsMs, n, large.runsMs)) });
  try {
    console.log(`login-api-bdd bench, ${mode.name} mode: ${mode.runs} runs per figure; the flow of a scenario: login + authenticated request\n`);
    const startup = m('our suite, 0 scenarios selected (startup)', process.execPath, cucumber(['-p', 'quiet', '--tags', '@none', feature]), { env, warm: true });
    const quiet1 = m('our suite, 1 scenario, no reporters', process.execPath, cucumber(['-p', 'quiet', one]), { env });
    const scaling = [...sizes].map(([n, path]) => ({ n, run: m(`our suite, ${n} scenarios, no reporters`, process.execPath, cucumber(['-p', 'quiet', path]), { env }) }));
    const quietB = scaling.find((s) => s.n === B)!.run;
    const reporters1 = m('our suite, 1 scenario, all reporters', process.execPath, cucumber([...SHAPES_AWAY, one]), { env, before: clearResults, warm: true });
    const reportersN = m(`our suite, ${N} scenarios, all reporters`, process.execPath, cucumber([...SHAPES_AWAY, feature]), { env, before: clearResults });
    const reportersB = m(`our suite, ${B} scenarios, all reporters`, process.execPath, cucumber([...SHAPES_AWAY, baseline]), { env, before: clearResults });
    const floorArgs = (path: string) => cucumber(['--config', 'scripts/bench/floor/cucumber.cjs', path]);
    const floor1 = m('cucumber floor (plain-JS steps), 1 scenario', process.execPath, floorArgs(one), { env, warm: true });
    const floorB = m(`cucumber floor (plain-JS steps), ${B} scenarios`, process.execPath, floorArgs(baseline), { env });
    const pw1 = m('Playwright script, 1 iteration', process.execPath, flows('playwright', 1), { warm: true });
    const pwB = m(`Playwright script, ${B} iterations`, process.execPath, flows('playwright', B));
    const fetch1 = m('fetch script, 1 iteration', process.execPath, flows('fetch', 1), { warm: true });
    const fetchB = m(`fetch script, ${B} iterations`, process.execPath, flows('fetch', B));
    const peer = (n: number, path: string, warm = false) => {
      const run = peerRun(path, n);
      return m(`playwright-bdd + allure + junit, ${n} scenario${n > 1 ? 's' : ''}`, run.command, run.args, { env: { ...env, ...run.env }, before: run.before, warm });
    };
    const peer1 = peer(1, one, true); // the warm-up fills Playwright's transpile cache for the config and steps
    const peerB = peer(B, baseline);
    const collection = newmanCollection();
    const newman = (n: number) => ['node_modules/newman/bin/newman.js', 'run', collection, '-n', String(n), '--silent', '--env-var', `baseUrl=${target.url}`, '--env-var', `user=${USER}`, '--env-var', `password=${PASSWORD}`];
    const newman1 = m('Newman, 1 iteration', process.execPath, newman(1), { warm: true });
    const newmanN = m(`Newman, ${N} iterations`, process.execPath, newman(N));
    const formatters = mode.formatters ? measureFormatters(feature, env, N, m) : undefined;

    console.log('');
    const latencyEnv = { ...SUITE_ENV, EMULATOR_LATENCY_MS: String(mode.latencyMs) };
    const paths = mode.suitePaths.length ? mode.suitePaths.join(' ') : 'the whole suite';
    const workerRuns = mode.workers.map((workers) => {
      const parallel = workers > 1 ? ['--parallel', String(workers)] : [];
      const run = m(`${mode.latencyMs} ms latency, ${paths}, ${workers > 1 ? `--parallel ${workers}` : 'serial'}`, process.execPath, cucumber(['-p', 'quiet', ...parallel, ...mode.suitePaths]), { env: latencyEnv });
      return { workers, wall: fig(run) };
    });

    console.log('');
    const quietSuite = m(`${paths}, quiet profile (no reporters)`, process.execPath, cucumber(['-p', 'quiet', ...mode.suitePaths]), { env: SUITE_ENV });
    const empty = join(WORK, 'allure-empty');
    mkdirSync(empty, { recursive: true });
    const allureEmpty = m('Allure build of an empty results folder', ALLURE, ['generate', empty, '-o', join(WORK, 'allure-empty-report'), '--clean'], { env: ALLURE_ENV, warm: true });
    // No warm-up: cucumber, the support code and the emulators have run many times by now.
    const acceptance = m(`npm run acceptance (${paths}, all reporters, then the report)`, process.execPath, ['--import', 'tsx', 'scripts/acceptance.ts', ...mode.suitePaths], { env: SUITE_ENV });
    const suiteResults = readdirSync('reports/allure-results').length;
    const reportBuild = mode.reportBuild ? m('Allure report build for the whole suite (npm run report)', process.execPath, ['--import', 'tsx', 'scripts/report.ts']) : undefined;
    const allurePeakMb = mode.reportBuild ? allurePeak() : undefined;

    const largest = scaling.at(-1)!;
    const ways: Record<Way, { first: Figure; per: Figure }> = {
      fetch: pair(fetch1, fetchB, B),
      playwright: pair(pw1, pwB, B),
      floor: pair(floor1, floorB, B),
      quiet: pair(quiet1, quietB, B),
      reporters: pair(reporters1, reportersB, B),
      peer: pair(peer1, peerB, B),
      newman: pair(newman1, newmanN, N),
    };
    const each = <K extends 'first' | 'per'>(key: K) => Object.fromEntries(Object.entries(ways).map(([way, v]) => [way, v[key]])) as Record<Way, Figure>;
    const quietSlopes = quietB.runsMs.map((run, i) => (run - quiet1.runsMs[i]!) / (B - 1));
    const reportersAdd = rounded(figure(reportersB.runsMs.map((run, i) => (run - reporters1.runsMs[i]!) / (B - 1) - quietSlopes[i]!)));
    const serial = workerRuns.find((w) => w.workers === 1)!.wall.median;
    const p4 = workerRuns.find((w) => w.workers === 4)?.wall.median;
    const result: BenchResult = {
      date: new Date().toISOString(),
      mode: mode.name,
      command: { quick: 'BENCH_QUICK=1 npm run bench', default: 'npm run bench', full: 'npm run bench -- --full' }[mode.name],
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGb: round(totalmem() / 2 ** 30, 0), node: process.version },
      runs: mode.runs,
      scenarios: N,
      baseline: B,
      benchSeconds: 0,
      startup: fig(startup),
      first: each('first'),
      perScenario: each('per'),
      reportersAdd,
      wall: { reporters: fig(reportersN), newman: fig(newmanN) },
      scaling: scaling.map(({ n, run }) => ({ scenarios: n, wall: fig(run), msPerScenario: round((run.medianMs - quiet1.medianMs) / (n - 1)), peakRssMb: run.peakRssMb })),
      workers: {
        latencyMs: mode.latencyMs,
        paths,
        scenarios: suiteScenarios(),
        runs: workerRuns,
        best: bestWorkers(workerRuns.map((w) => ({ workers: w.workers, medianMs: w.wall.median }))),
        speedup4: p4 === undefined ? undefined : round(serial / p4),
      },
      mainJob: { acceptance: fig(acceptance), quietSuite: fig(quietSuite), allureEmpty: fig(allureEmpty) },
      suite: { scenarios: suiteScenarios(), resultFiles: suiteResults, reportBuild: reportBuild && fig(reportBuild) },
      formatters,
      peakRssMb: { quiet: largest.run.peakRssMb, reporters: reportersB.peakRssMb, floor: floorB.peakRssMb, playwright: pwB.peakRssMb, fetch: fetchB.peakRssMb, peer: peerB.peakRssMb, newman: newmanN.peakRssMb, allureJava: allurePeakMb },
      nightlyDefaultParallel: NIGHTLY_DEFAULT_PARALLEL,
      measurements: measured,
    };
    result.benchSeconds = Math.round((Date.now() - started) / 1000);
    writeFileSync('reports/bench.json', JSON.stringify(result, null, 2));
    const doc = markdown(result);
    if (mode.writesDocs) writeFileSync('docs/benchmarks.md', doc.text);
    console.log(`\n${doc.targets.map((t) => `${t.met === undefined ? 'n/a   ' : t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.measured}`).join('\n')}`);
    console.log(`\nreports/bench.json${mode.writesDocs ? ' and docs/benchmarks.md' : ''} written in ${result.benchSeconds} s (${mode.name} mode)`);
  } finally {
    target.child.kill();
  }
}

/** What each reporter adds alone: the quiet profile with exchanges recorded, plus one formatter. */
function measureFormatters(feature: string, env: Record<string, string>, n: number, m: (label: string, command: string, args: string[], options: Omit<MeasureOptions, 'runs'>) => Measure): BenchResult['formatters'] {
  const recorded = ['-p', 'quiet', '--world-parameters', JSON.stringify({ record: true, shapesDir: join(WORK, 'shapes') })];
  const runs: Array<[string, string[]]> = [
    ['exchanges recorded, no formatter', []],
    // The quiet profile carries the allure formatOptions (results folder and writer) of the other profiles.
    ['allure-cucumberjs', ['--format', 'allure-cucumberjs/reporter:reports/allure-formatter.out']],
    ['message (ndjson)', ['--format', `message:${join(WORK, 'messages.ndjson')}`]],
    ['html', ['--format', `html:${join(WORK, 'cucumber.html')}`]],
    ['junit', ['--format', `junit:${join(WORK, 'junit.xml')}`]],
  ];
  const [base, ...rest] = runs.map(([name, args]) => ({ name, run: m(`our suite, ${n} scenarios, ${name}`, process.execPath, cucumber([...recorded, ...args, feature]), { env, before: clearResults }) }));
  return { base: fig(base!.run), each: rest.map(({ name, run }) => ({ formatter: name, msPerScenario: round((run.medianMs - base!.run.medianMs) / n) })) };
}

/** Peak RSS of Allure's JVM building the whole suite's report, in MB. */
function allurePeak(): number | undefined {
  const allure = spawnSync('/usr/bin/time', ['-f', '%M', ALLURE, 'generate', 'reports/allure-results', '-o', join(WORK, 'allure-report'), '--clean'], { encoding: 'utf8', env: { ...process.env, ...ALLURE_ENV } });
  return allure.status === 0 ? round(Number(allure.stderr.trim().split('\n').pop()) / 1024, 0) : undefined;
}

/** The number of scenarios of the suite, from the last acceptance run's JUnit file. */
function suiteScenarios(): number {
  return (readFileSync('reports/junit.xml', 'utf8').match(/<testcase /g) ?? []).length;
}

if (process.argv.includes('--render')) {
  writeFileSync('docs/benchmarks.md', markdown(JSON.parse(readFileSync('reports/bench.json', 'utf8')) as BenchResult).text);
} else {
  let mode: BenchMode;
  try {
    mode = benchMode(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  main(mode).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
