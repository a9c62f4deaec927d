// One run at a time writes reports/ in a folder. Two acceptance runs used to share it: the second
// emptied reports/allure-results under the first (which crashed on ENOENT) and the report held the
// second's results. A run takes reports/.run.lock (linked into place whole: pid, command, start)
// before it touches anything; another run finding it held by a live process is refused with one
// sentence, and a lock left by a process that is gone is taken over.
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const LOCK = 'reports/.run.lock';

interface Holder {
  pid: number;
  command: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

function holderOf(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Holder;
    return typeof holder.pid === 'number' ? holder : undefined;
  } catch {
    return undefined; // half-written or gone: treated as stale below
  }
}

/** Why this run may not start (one sentence), or undefined once the lock is this process's until it exits. */
export function takeReportsLock(command: string, file = LOCK): string | undefined {
  mkdirSync(dirname(file), { recursive: true });
  const mine: Holder = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    // Written aside, then linked into place: the lock never exists half-written (link fails if it exists).
    const aside = `${file}.${process.pid}`;
    writeFileSync(aside, JSON.stringify(mine));
    try {
      linkSync(aside, file);
      process.once('exit', () => {
        if (holderOf(file)?.pid === process.pid) rmSync(file, { force: true });
      });
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(aside, { force: true });
    }
    const holder = holderOf(file);
    if (holder && holder.pid !== process.pid && alive(holder.pid)) {
      return `Another run is writing ${dirname(file)}/ in this folder: "${holder.command}" (pid ${holder.pid}, started ${holder.startedAt}); wait for it to end or stop it (kill ${holder.pid}), then run "${command}" again (nothing was run; if no such run exists, delete ${file}).`;
    }
    // Left by a run that is gone (SIGKILL, a restart). Two runs taking over the same stale lock in the
    // same instant could both start: a race this does not close.
    rmSync(file, { force: true });
  }
  return `Could not take ${file}: another run keeps creating it; run "${command}" again.`;
}
