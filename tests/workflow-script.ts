// The shell of a step of .github/workflows/nightly.yml, to run it locally as CI would (tests/nightly*.test.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

/** The `run: |` script of the first workflow step after the line containing `marker`. */
export function workflowScript(marker: string): string {
  const lines = readFileSync('.github/workflows/nightly.yml', 'utf8').split('\n');
  const start = lines.findIndex((line) => line.includes(marker));
  const run = lines.findIndex((line, i) => i > start && /^\s*run: \|$/.test(line));
  assert.ok(start >= 0 && run > start, `nightly.yml has a run: | step after "${marker}"`);
  const indent = /^ */.exec(lines[run + 1]!)![0];
  const body: string[] = [];
  for (const line of lines.slice(run + 1)) {
    if (line.trim() !== '' && !line.startsWith(indent)) break;
    body.push(line.slice(indent.length));
  }
  return body.join('\n');
}
