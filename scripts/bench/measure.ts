// Runs a command a mode's number of times and keeps every run's wall time, and the peak RSS and CPU time of its node processes.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median } from './stats';

export const WORK = resolve('reports/bench');
const RSS_FILE = join(WORK, 'rss.txt');
const PEAK_RSS = resolve('scripts/bench/peak-rss.cjs');

export interface Measure {
  label: string;
  runsMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  peakRssMb: number | undefined;
  /** Median over the runs of the CPU time (user + system) of every node process of a run; 0 for other programs. */
  cpuMs?: number;
}

export interface MeasureOptions {
  runs: number;
  env?: Record<string, string>;
  /** Runs before each run (e.g. clearing allure-results, as `npm run acceptance` does). */
  before?: () => void;
  /** One unmeasured run first: the first use of a tool fills the disk and transpile caches. */
  warm?: boolean;
  /** Where the preloaded peak-rss.cjs writes (default reports/bench/rss.txt). */
  usageFile?: string;
}

export function measure(label: string, command: string, args: string[], options: MeasureOptions): Measure {
  const runsMs: number[] = [];
  const cpusMs: number[] = [];
  const usageFile = options.usageFile ?? RSS_FILE;
  let peak: number | undefined;
  for (let i = options.warm ? 0 : 1; i <= options.runs; i += 1) {
    options.before?.();
    rmSync(usageFile, { force: true });
    const started = process.hrtime.bigint();
    const ran = spawnSync(command, args, {
      env: { ...process.env, FORCE_COLOR: '0', NODE_OPTIONS: `--require ${PEAK_RSS}`, BENCH_RSS_FILE: usageFile, ...options.env },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (ran.status !== 0) throw new Error(`${label} failed (exit ${ran.status}):\n${ran.stdout.slice(-2000)}\n${ran.stderr.slice(-2000)}`);
    if (i === 0) continue;
    runsMs.push(ms);
    const processes = usage(usageFile);
    peak = Math.max(peak ?? 0, ...processes.map((p) => p.rssMb));
    cpusMs.push(processes.reduce((sum, p) => sum + p.cpuMs, 0));
  }
  const result = { label, runsMs: runsMs.map(Math.round), medianMs: Math.round(median(runsMs)), minMs: Math.round(Math.min(...runsMs)), maxMs: Math.round(Math.max(...runsMs)), peakRssMb: peak || undefined, cpuMs: Math.round(median(cpusMs)) };
  const rss = result.peakRssMb ? `  peak ${result.peakRssMb.toFixed(0)} MB` : '';
  console.log(`${label.padEnd(62)} median ${String(result.medianMs).padStart(6)} ms  (${result.runsMs.join(', ')})${rss}`);
  return result;
}

/** What the preloaded peak-rss.cjs wrote: one line per node process of the run; none for other programs. */
function usage(file: string): Array<{ rssMb: number; cpuMs: number }> {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').map((line) => {
      const [, rss, cpu] = line.split(' ');
      return { rssMb: Number(rss), cpuMs: Number(cpu) };
    });
  } catch {
    return [];
  }
}
