// The targets of the performance issue, each with its ratio from one bench run, met or missed, and for
// a missed one the numbers of that run that say where the time goes.
import type { BenchResult } from './result';
import { round } from './stats';

export type TargetId = 'peer' | 'steps' | 'reporters' | 'startup' | 'newman' | 'main-job' | 'workers' | 'memory' | 'bench' | 'nightly';

export interface Target {
  id: TargetId;
  target: string;
  measured: string;
  /** undefined: this mode does not measure it. */
  met: boolean | undefined;
  /** For a missed target: where the time goes, in this run's numbers. */
  why: string;
}

/** The targets a profile can explain (the bench's own length and the nightly's default are not timings of a tool). */
export const PROFILED: ReadonlySet<TargetId> = new Set(['peer', 'steps', 'reporters', 'startup', 'newman', 'main-job', 'workers', 'memory']);

const x = (value: number) => `${round(value)}×`;

/** The four measurements that took longest in all, with their seconds. */
const longest = (r: BenchResult) =>
  [...r.measurements]
    .map((m) => ({ label: m.label, s: m.runsMs.reduce((sum, run) => sum + run, 0) / 1000 }))
    .sort((a, b) => b.s - a.s)
    .slice(0, 4)
    .map((m) => `${m.label}: ${Math.round(m.s)} s`)
    .join('; ');
const ms = (value: number) => `${Math.round(value)} ms`;

export function targets(r: BenchResult): Target[] {
  const c = Object.fromEntries(Object.entries(r.perScenario).map(([way, f]) => [way, f.median])) as Record<keyof BenchResult['perScenario'], number>;
  const w = r.workers;
  const serial = w.runs.find((run) => run.workers === 1)!.wall.median;
  const p4 = w.runs.find((run) => run.workers === 4)?.wall.median;
  const job = r.mainJob;
  const jobFloor = job.quietSuite.median + job.allureEmpty.median;
  const at = (n: number) => r.scaling.find((s) => s.scenarios === n);
  const [m1000, m5000] = [at(1000)?.peakRssMb, at(5000)?.peakRssMb];
  const list: Target[] = [
    {
      id: 'peer',
      target: `ours with all reporters ≤ 0.5× playwright-bdd + allure-playwright + junit, per scenario (${r.baseline} scenarios)`,
      measured: `${x(c.reporters / c.peer)} (${c.reporters} / ${c.peer} ms)`,
      met: c.reporters / c.peer <= 0.5,
      why: `playwright-bdd costs ${c.peer} ms per scenario, ${x(c.peer / c.playwright)} the Playwright script's ${c.playwright} ms; ours with all reporters ${c.reporters} ms, of which the reporters add ${r.reportersAdd.median} ms to the ${c.quiet} ms without. Within 0.5× ours could cost ${round(0.5 * c.peer)} ms.`,
    },
    {
      id: 'steps',
      target: 'our step library without reporters ≤ 1.2× the cucumber floor, per scenario',
      measured: `${x(c.quiet / c.floor)} (${c.quiet} / ${c.floor} ms)`,
      met: c.quiet / c.floor <= 1.2,
      why: `The floor (four plain-JS steps, same Playwright calls) costs ${c.floor} ms per scenario, ${x(c.floor / c.playwright)} the script's ${c.playwright} ms: that share is cucumber's. Ours adds ${round(c.quiet - c.floor)} ms to it; within 1.2× it could add ${round(0.2 * c.floor)} ms.`,
    },
    {
      id: 'reporters',
      target: "what the default profile's reporters add per scenario ≤ 5 ms",
      measured: `${r.reportersAdd.median} ms (${r.reportersAdd.min}–${r.reportersAdd.max})`,
      met: r.reportersAdd.median <= 5,
      why: `All reporters: ${c.reporters} ms per scenario; none: ${c.quiet} ms. ${r.suite.resultFiles} Allure result files for the suite's ${r.suite.scenarios} scenarios (${round(r.suite.resultFiles / Math.max(1, r.suite.scenarios), 1)} a scenario). ` +
        (r.formatters ? `Each formatter alone, per scenario: ${r.formatters.each.map((f) => `${f.formatter} ${f.msPerScenario} ms`).join(', ')}.` : 'Each formatter alone: `npm run bench -- --formatters` (or --full).'),
    },
    {
      id: 'startup',
      target: 'the suite with no scenario selected ≤ 0.6 s',
      measured: `${ms(r.startup.median)} (${r.startup.min}–${r.startup.max})`,
      met: r.startup.median <= 600,
      why: `A bare Playwright script starts and runs one iteration in ${ms(r.first.playwright.median)}, plain fetch in ${ms(r.first.fetch.median)}; the cucumber floor with one scenario in ${ms(r.first.floor.median)}.`,
    },
    {
      id: 'newman',
      target: `ours with all reporters ≤ 0.5× Newman's wall time (${r.scenarios} scenarios)`,
      measured: `${x(r.wall.reporters.median / r.wall.newman.median)} (${ms(r.wall.reporters.median)} / ${ms(r.wall.newman.median)})`,
      met: r.wall.reporters.median / r.wall.newman.median <= 0.5,
      why: `Start-up and a first scenario: ours ${ms(r.first.reporters.median)} with all reporters, Newman ${ms(r.first.newman.median)}; each further scenario ours ${c.reporters} ms, Newman ${c.newman} ms. At ${r.scenarios} scenarios start-up is ${Math.round((100 * r.first.reporters.median) / r.wall.reporters.median)} % of our wall.`,
    },
    {
      id: 'main-job',
      target: '`npm run acceptance` ≤ 1.2× (the quiet suite + an Allure build of an empty results folder)',
      measured: `${x(job.acceptance.median / jobFloor)} (${ms(job.acceptance.median)} / ${ms(job.quietSuite.median)} + ${ms(job.allureEmpty.median)})`,
      met: job.acceptance.median / jobFloor <= 1.2,
      why: `Over its floor the main job spends ${ms(job.acceptance.median - jobFloor)}: the reporters on ${r.suite.scenarios} scenarios, the traceability matrix and Allure reading ${r.suite.resultFiles} result files${r.suite.reportBuild ? ` (the whole suite's report build alone: ${ms(r.suite.reportBuild.median)})` : ''}.`,
    },
    {
      id: 'workers',
      target: `\`--parallel 4\` ≥ 2.5× serial under ${w.latencyMs} ms of emulator latency (${w.paths}, ${r.machine.cpus} cores)`,
      measured: p4 === undefined ? 'not measured' : `${x(serial / p4)} (${ms(serial)} / ${ms(p4)}); best: ${w.best.workers} worker${w.best.workers === 1 ? '' : 's'}, ${x(w.best.speedup)}`,
      met: p4 === undefined ? undefined : serial / p4 >= 2.5,
      why: `Every worker loads the support code and starts its own emulators before its first scenario (no scenario selected: ${ms(r.startup.median)} serial); ${w.runs.map((run) => `${run.workers} worker${run.workers > 1 ? 's' : ''} ${ms(run.wall.median)}`).join(', ')}.`,
    },
    {
      id: 'memory',
      target: 'peak RSS at 5,000 scenarios ≤ 1.2× the peak at 1,000',
      measured: m1000 && m5000 ? `${x(m5000 / m1000)} (${Math.round(m5000)} / ${Math.round(m1000)} MB)` : 'not measured: `npm run bench -- --full`',
      met: m1000 && m5000 ? m5000 / m1000 <= 1.2 : undefined,
      why: `Peak RSS by size (no reporters): ${r.scaling.map((s) => `${s.scenarios}: ${s.peakRssMb === undefined ? 'n/a' : `${Math.round(s.peakRssMb)} MB`}`).join(', ')}.`,
    },
    r.mode === 'full'
      ? {
          id: 'bench',
          target: '`npm run bench -- --full`: the 5,000-scenario point and ≥ 5 runs per figure',
          measured: `${r.benchSeconds} s, ${r.runs} runs, ${at(5000) ? 'with' : 'without'} the 5,000 point`,
          met: r.runs >= 5 && at(5000) !== undefined,
          why: `BENCH_RUNS=${r.runs} was set below 5, or the 5,000-scenario point is missing.`,
        }
      : {
          id: 'bench',
          target: '`npm run bench` ≤ 5 minutes with ≥ 3 runs per figure',
          measured: `${r.benchSeconds} s, ${r.runs} runs`,
          met: r.mode === 'default' ? r.benchSeconds <= 300 && r.runs >= 3 : undefined,
          why: `The longest figures (all their measured runs): ${longest(r)}.`,
        },
    {
      id: 'nightly',
      target: "the nightly's default worker count (NIGHTLY_PARALLEL) is the bench's best under latency",
      measured: `default ${r.nightlyDefaultParallel}, best ${w.best.workers}`,
      met: r.nightlyDefaultParallel === w.best.workers,
      why: `Set NIGHTLY_PARALLEL's default in scripts/nightly-options.ts to ${w.best.workers} if this holds on a quiet machine (a neighbour within the spread is as good: ${w.runs.map((run) => `${run.workers}: ${run.wall.min}–${run.wall.max} ms`).join(', ')}).`,
    },
  ];
  return list;
}
