// The live processes under a pid, read from /proc (Linux): what a signal to that pid must also stop.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  state: string;
  command: string;
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
    return { pid, ppid: Number(ppid), state: state!, command };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** Every live (not zombie) descendant of `root`, nearest first. */
export function descendants(root: number): Proc[] {
  const all = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).flatMap((name) => readProc(Number(name)) ?? []);
  const found: Proc[] = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const proc of all) {
      if (proc.ppid !== parent || proc.state === 'Z') continue;
      found.push(proc);
      queue.push(proc.pid);
    }
  }
  return found;
}

/** Those of `pids` still alive (not zombies). */
export function alive(pids: number[]): Proc[] {
  return pids.flatMap((pid) => {
    const proc = readProc(pid);
    return proc && proc.state !== 'Z' ? [proc] : [];
  });
}

/** Polls `check` every 100 ms until it returns something truthy, or throws after `timeoutMs` naming `what`. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => T | undefined | false): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Live processes whose working folder is inside `dir`: what a test that ran commands there may still have
 * running. Safer than a process-group kill after the fact, when a group's id may already name another.
 */
export function runningIn(dir: string): Proc[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .flatMap((name) => {
      try {
        const cwd = readlinkSync(`/proc/${name}/cwd`);
        if (cwd !== dir && !cwd.startsWith(`${dir}/`)) return [];
      } catch {
        return []; // gone, or not ours to read
      }
      const proc = readProc(Number(name));
      return proc && proc.state !== 'Z' ? [proc] : [];
    });
}
