// The processes a script runs (cucumber, Allure's JVM) stop when the script is told to stop. npm forwards
// a SIGTERM to its child only, and that child is `sh -c "node ..."`: the shell dies and the script's
// node process is left running without it, its own children too. So a script that uses this module
// takes a SIGTERM, SIGINT or SIGHUP, and the death of its parent, as the order to stop: every child is
// started in a process group of its own (so a cucumber worker or the JVM behind Allure's shell script is
// reached too), the signal goes to each group, and the script is told (`stopping()`) to clean up and exit.
import { spawn, type SpawnOptions } from 'node:child_process';
import { constants } from 'node:os';

export interface Ended {
  status: number | null;
  signal: NodeJS.Signals | null;
  /** Why it could not start (no such file). */
  error?: Error;
}

const groups = new Set<number>();
let received: NodeJS.Signals | undefined;
const listeners: Array<(signal: NodeJS.Signals) => void> = [];

/** The signal the script was told to stop by, once it has been. */
export function stopping(): NodeJS.Signals | undefined {
  return received;
}

/** A shell's exit status for a process ended by `signal` (143 for SIGTERM, 130 for SIGINT). */
export function exitStatusFor(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

/** Calls `listener` once the script is told to stop (at once if it already has been). */
export function onStop(listener: (signal: NodeJS.Signals) => void): void {
  if (received) listener(received);
  else listeners.push(listener);
}

function signalGroups(signal: NodeJS.Signals): void {
  for (const group of groups) {
    try {
      process.kill(-group, signal);
    } catch {
      groups.delete(group); // already gone
    }
  }
}

function stop(signal: NodeJS.Signals): void {
  if (received) return signalGroups(signal); // a second Ctrl-C: passed on as well
  received = signal;
  signalGroups(signal);
  // A child that outlives the signal by 10 s (a JVM stuck in a shutdown hook) is killed.
  setTimeout(() => signalGroups('SIGKILL'), 10_000).unref();
  for (const listener of listeners.splice(0)) listener(signal);
}

let installed = false;
/** Takes SIGTERM, SIGINT, SIGHUP and the parent's death as the order to stop (instead of dying at once). */
export function stopWithChildren(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
  const parent = process.ppid;
  // npm's SIGTERM kills the shell between npm and this process: its parent changes, no signal comes.
  setInterval(() => {
    if (process.ppid !== parent) stop('SIGTERM');
  }, 200).unref();
}

/** Runs a command in a process group of its own, stdin closed, until it ends; after a stop order, runs nothing. */
export function runChild(command: string, args: string[], options: SpawnOptions = {}): Promise<Ended> {
  if (received) return Promise.resolve({ status: null, signal: received });
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options, detached: true });
    if (child.pid !== undefined) groups.add(child.pid);
    child.once('error', (error) => resolve({ status: null, signal: null, error }));
    child.once('close', (status, signal) => {
      if (child.pid !== undefined) groups.delete(child.pid);
      resolve({ status, signal });
    });
  });
}
