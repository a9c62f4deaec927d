import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sourceMapsOff, withSourceMaps } from './source-maps';

/** The line of this file that holds `marker`, as a stack frame names it when source-mapped. */
const lineOf = (marker: string) => readFileSync(__filename, 'utf8').split('\n').findIndex((line) => line.includes(marker) && !line.includes('lineOf(')) + 1;

describe('source maps', () => {
  it('formats a stack read inside withSourceMaps with the .ts line, and leaves maps off around it', () => {
    const enabled = process.sourceMapsEnabled;
    try {
      sourceMapsOff();
      const [unmapped, mapped] = [new Error('one'), new Error('two')]; // the errors' line
      const frame = `source-maps.test.ts:${lineOf('// the errors\' line')}:`;
      assert.ok(!unmapped.stack!.includes(frame), 'a stack read with maps off should name the transpiled line');
      assert.ok(withSourceMaps(() => mapped.stack!).includes(frame), 'a stack read inside withSourceMaps should name the .ts line');
      assert.equal(process.sourceMapsEnabled, false);
    } finally {
      process.setSourceMapsEnabled(enabled);
    }
  });
});
