// The arithmetic of the benchmark, kept apart so it can be tested: medians, per-scenario slopes and the
// suite size at which a wall-time ratio reaches a target.

export const median = (values: number[]): number => {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A run's wall time as fixed cost plus a cost per scenario: the line through two measured sizes. */
export interface CostLine {
  fixedMs: number;
  perScenarioMs: number;
}

/**
 * The line through (small, smallMs) and (large, largeMs). Measuring from one scenario rather than zero
 * keeps in the fixed cost what only the first scenario pays (loading Playwright, first connections).
 */
export function costLine(small: number, smallMs: number, large: number, largeMs: number): CostLine {
  if (large <= small) throw new Error(`costLine needs two sizes, small < large (got ${small} and ${large})`);
  const perScenarioMs = (largeMs - smallMs) / (large - small);
  return { fixedMs: smallMs - perScenarioMs * small, perScenarioMs };
}

export const wallAt = (line: CostLine, scenarios: number): number => line.fixedMs + line.perScenarioMs * scenarios;

/**
 * The smallest suite size at which wall(ours) ≤ ratio × wall(theirs), or undefined when no size gets
 * there (per scenario, ours costs at least `ratio` times theirs).
 */
export function sizeForRatio(ours: CostLine, theirs: CostLine, ratio: number): number | undefined {
  const fixedGap = ours.fixedMs - ratio * theirs.fixedMs;
  if (fixedGap <= 0) return 0;
  const perScenarioGap = ratio * theirs.perScenarioMs - ours.perScenarioMs;
  return perScenarioGap > 0 ? Math.ceil(fixedGap / perScenarioGap) : undefined;
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** A figure as docs/benchmarks.md shows it: the median, with the smallest and largest run beside it. */
export interface Figure {
  median: number;
  min: number;
  max: number;
}

export const figure = (values: number[]): Figure => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });

/**
 * The cost per scenario between two measured sizes, run by run: the i-th run of each size makes one
 * slope, so the spread shown is that of the slopes and not of two medians taken apart.
 */
export function slope(small: number, smallRuns: number[], large: number, largeRuns: number[]): Figure {
  if (large <= small) throw new Error(`slope needs two sizes, small < large (got ${small} and ${large})`);
  const runs = Math.min(smallRuns.length, largeRuns.length);
  if (runs === 0) throw new Error('slope of no runs');
  return figure(Array.from({ length: runs }, (_, i) => (largeRuns[i]! - smallRuns[i]!) / (large - small)));
}

/** The worker count whose run was fastest (median wall), and that count's speed-up over one worker. */
export function bestWorkers(walls: Array<{ workers: number; medianMs: number }>): { workers: number; speedup: number } {
  const serial = walls.find((w) => w.workers === 1);
  if (!serial) throw new Error('bestWorkers needs the serial run (1 worker)');
  const best = walls.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
  return { workers: best.workers, speedup: round(serial.medianMs / best.medianMs) };
}
