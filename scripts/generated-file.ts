// The one way a generated file is written or checked: `--check` on the command line compares instead of
// writing, and fails in one sentence naming the file, its sources and the command that regenerates it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function writeOrCheck(path: string, wanted: string, from: { sources: string; command: string }): void {
  if (process.argv.includes('--check')) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== wanted) {
      console.error(`${path} is out of date with ${from.sources}: run ${from.command}`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(path, wanted);
  console.log(`${path} written from ${from.sources}`);
}
