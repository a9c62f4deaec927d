// The shape of one bench run (reports/bench.json), from which docs/benchmarks.md is written.
import type { Measure } from './measure';
import type { BenchModeName } from './mode';
import type { Figure } from './stats';

export type Way = 'fetch' | 'playwright' | 'floor' | 'quiet' | 'reporters' | 'peer' | 'newman';

export interface BenchResult {
  date: string;
  mode: BenchModeName;
  /** The command that wrote it, as typed. */
  command: string;
  machine: { cpus: number; cpu: string; memoryGb: number; node: string };
  runs: number;
  /** Newman's size, where wall times are compared. */
  scenarios: number;
  /** The size every way's cost per scenario is taken at (Newman's at `scenarios`). */
  baseline: number;
  benchSeconds: number;
  /** Our suite with no scenario selected. */
  startup: Figure;
  /** Wall of a run of one scenario (iteration): start-up plus the first scenario. */
  first: Record<Way, Figure>;
  /** Slopes between one scenario and `baseline` (Newman: `scenarios`), run by run. */
  perScenario: Record<Way, Figure>;
  /** What all reporters add per scenario to the run without: run by run, reporters' slope minus quiet's. */
  reportersAdd: Figure;
  /** At `scenarios`. */
  wall: { reporters: Figure; newman: Figure };
  scaling: Array<{ scenarios: number; wall: Figure; msPerScenario: number; peakRssMb?: number }>;
  workers: { latencyMs: number; paths: string; scenarios: number; runs: Array<{ workers: number; wall: Figure }>; best: { workers: number; speedup: number }; speedup4: number | undefined };
  mainJob: { acceptance: Figure; quietSuite: Figure; allureEmpty: Figure };
  suite: { scenarios: number; resultFiles: number; reportBuild?: Figure };
  formatters?: { base: Figure; each: Array<{ formatter: string; msPerScenario: number }> };
  peakRssMb: Record<string, number | undefined>;
  /** NIGHTLY_PARALLEL's default in scripts/nightly-options.ts when the bench ran. */
  nightlyDefaultParallel: number;
  measurements: Measure[];
}
