// Response-time figures of a request sent N times: min, median, a percentile and max, by the
// nearest-rank method (the value below which that share of the measured sends fall; always one of them,
// never an interpolation), and their one-line and attachment forms.

export interface Timings {
  count: number;
  min: number;
  median: number;
  /** The percentile asked for (95 for p95) and its value. */
  percentile: number;
  atPercentile: number;
  max: number;
}

/** Nearest rank: the ⌈p/100 · n⌉-th smallest of n values (p in 1..100). */
export function nearestRank(sortedMs: readonly number[], percentile: number): number {
  if (sortedMs.length === 0) throw new Error('no durations were measured');
  if (!(percentile > 0 && percentile <= 100)) throw new Error(`the ${percentile}th percentile does not exist: write one from 1 to 100`);
  return sortedMs[Math.max(0, Math.ceil((percentile / 100) * sortedMs.length) - 1)]!;
}

export function summarise(durationsMs: readonly number[], percentile: number): Timings {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted[0] ?? Number.NaN,
    median: nearestRank(sorted, 50),
    percentile,
    atPercentile: nearestRank(sorted, percentile),
    max: sorted[sorted.length - 1]!,
  };
}

/** "min 3, median 4, p95 7, max 9 ms" */
export function figures(timings: Timings): string {
  return `min ${timings.min}, median ${timings.median}, p${timings.percentile} ${timings.atPercentile}, max ${timings.max} ms`;
}

/** "95th", "1st", "22nd", "13th" */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** Statuses as "200 × 19, 503 × 1", most frequent first. */
export function statusTally(statuses: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([status, count]) => `${status} × ${count}`).join(', ');
}
