// What a bench run measures, by mode. The default fits in about five minutes on a 2-core machine with
// three runs per figure; `--full` adds the 1,000- and 5,000-scenario points (memory), each reporter
// alone and the whole suite's report build, with five runs; BENCH_QUICK=1 is a smoke run of small sizes
// that writes no docs. BENCH_RUNS overrides the runs of any mode.

export type BenchModeName = 'quick' | 'default' | 'full';

export interface BenchMode {
  name: BenchModeName;
  /** Measured runs per figure (after a warm-up where one is asked for). */
  runs: number;
  /** Newman's size, where wall times are compared (the "100 scenarios with all reporters"). */
  scenarios: number;
  /** Where every way's cost per scenario is taken: all at one size, since it falls as a run grows. */
  baseline: number;
  /** Our suite without reporters at these sizes too (baseline always), for the scaling and memory table. */
  scaling: number[];
  /** Emulator latency for the workers figure, and the worker counts compared under it. */
  latencyMs: number;
  workers: number[];
  /** The features of the workers figure and of the main job: none given (the whole suite), or one API in a smoke run. */
  suitePaths: string[];
  formatters: boolean;
  /** The Allure build of the whole suite's results on its own. */
  reportBuild: boolean;
  writesDocs: boolean;
}

export function benchMode(argv: string[], env: NodeJS.ProcessEnv): BenchMode {
  const name: BenchModeName = env.BENCH_QUICK === '1' ? 'quick' : argv.includes('--full') ? 'full' : 'default';
  const runs = runsOf(env.BENCH_RUNS, { quick: 1, default: 3, full: 5 }[name]);
  // The whole suite under latency is the longest figure (about 30 s a serial run, 10–15 s with workers):
  // to stay near five minutes the default compares serial with the target's 4 workers; --full adds 2 and 8.
  const common = { name, runs, latencyMs: 50, workers: name === 'full' ? [1, 2, 4, 8] : [1, 4], writesDocs: name !== 'quick' };
  if (name === 'quick') return { ...common, scenarios: 20, baseline: 40, scaling: [40], suitePaths: ['features/token-login'], formatters: argv.includes('--formatters'), reportBuild: false };
  const full = name === 'full';
  return {
    ...common,
    scenarios: 100,
    baseline: 300,
    scaling: full ? [100, 300, 1000, 5000] : [300],
    suitePaths: [],
    formatters: full || argv.includes('--formatters'),
    reportBuild: full,
  };
}

function runsOf(given: string | undefined, fallback: number): number {
  if (given === undefined || given === '') return fallback;
  if (!/^\d+$/.test(given) || Number(given) < 1) throw new Error(`BENCH_RUNS=${JSON.stringify(given)} must be a whole number of runs, 1 or more (unset: 3, or 5 with --full).`);
  return Number(given);
}
