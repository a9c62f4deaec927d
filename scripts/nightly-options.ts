// How `npm run nightly` spreads its scenarios: NIGHTLY_PARALLEL workers on one machine (cucumber's
// --parallel; the sandboxes are 50–200 ms away, so workers mostly wait and more of them than cores
// pay), and NIGHTLY_SHARD=i/n, the i-th of n CI jobs (cucumber's own --shard), for an API whose
// scenarios outgrow one machine. Read after loadConfig, so .env counts; a bad value is one sentence.

/** The best worker count under 50 ms of latency on a 2-core machine (docs/benchmarks.md, "Workers"). */
export const NIGHTLY_DEFAULT_PARALLEL = 4;
const MAX_PARALLEL = 16;

export interface NightlyRun {
  parallel: number;
  /** Unset: this job runs every scenario of its APIs. */
  shard: { index: number; total: number } | undefined;
}

export class NightlyOptionError extends Error {}

export function nightlyRun(env: NodeJS.ProcessEnv): NightlyRun {
  return { parallel: parallelOf(env.NIGHTLY_PARALLEL), shard: shardOf(env.NIGHTLY_SHARD) };
}

function parallelOf(given: string | undefined): number {
  if (given === undefined || given === '') return NIGHTLY_DEFAULT_PARALLEL;
  if (!/^\d+$/.test(given) || Number(given) < 1 || Number(given) > MAX_PARALLEL) {
    throw new NightlyOptionError(`NIGHTLY_PARALLEL=${JSON.stringify(given)} must be a whole number of workers from 1 to ${MAX_PARALLEL} (1 runs the scenarios one after another; unset: ${NIGHTLY_DEFAULT_PARALLEL}).`);
  }
  return Number(given);
}

function shardOf(given: string | undefined): NightlyRun['shard'] {
  if (given === undefined || given === '') return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(given);
  const [index, total] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || total < 1 || index < 1 || index > total) {
    throw new NightlyOptionError(`NIGHTLY_SHARD=${JSON.stringify(given)} must be i/n, this job's shard i of n shards, with 1 ≤ i ≤ n (such as 1/2 and 2/2 for two jobs; unset: one job runs everything).`);
  }
  return { index, total };
}

/** The cucumber options of the nightly's first run (a retry reruns given scenarios: no shard, no split). */
export function cucumberOptions(run: NightlyRun): string[] {
  return [...(run.parallel > 1 ? ['--parallel', String(run.parallel)] : []), ...(run.shard ? ['--shard', `${run.shard.index}/${run.shard.total}`] : [])];
}
