// Runs a project command the way a user would, capturing its output, for the integration tests.
import { spawnSync } from 'node:child_process';

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

const CUCUMBER = 'node_modules/@cucumber/cucumber/bin/cucumber.js';

export function run(args: string[], env: Record<string, string | undefined> = {}, cwd = process.cwd()): Ran {
  const result = spawnSync(process.execPath, args, { cwd, env: { ...process.env, FORCE_COLOR: '0', ...env }, encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function cucumber(args: string[], env: Record<string, string | undefined> = {}, cwd = process.cwd()): Ran {
  return run([CUCUMBER, ...args], env, cwd);
}

export function tsx(script: string, args: string[] = [], env: Record<string, string | undefined> = {}, cwd = process.cwd()): Ran {
  return run(['--import', 'tsx', script, ...args], env, cwd);
}

/** "19 scenarios (19 passed)" → { total: 19, passed: 19 } from cucumber's summary. */
export function scenarioCounts(output: string): { total: number; passed: number; failed: number; skipped: number } {
  const line = /(\d+) scenarios? \(([^)]*)\)/.exec(output);
  const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(line?.[2] ?? '')?.[1] ?? 0);
  return { total: Number(line?.[1] ?? 0), passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

export function explain(ran: Ran): string {
  return `exit ${ran.status}\n--- stdout ---\n${ran.stdout.slice(-6000)}\n--- stderr ---\n${ran.stderr.slice(-4000)}`;
}
