import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bestWorkers, costLine, figure, median, sizeForRatio, slope, wallAt } from './stats';

describe('bench arithmetic', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.throws(() => median([]));
  });

  it('fits the line through two sizes, keeping the first scenario\'s extra cost in the fixed part', () => {
    const line = costLine(1, 2_000, 1_001, 12_000);
    assert.equal(line.perScenarioMs, 10);
    assert.equal(line.fixedMs, 1_990);
    assert.equal(wallAt(line, 101), 3_000);
    assert.throws(() => costLine(100, 1, 100, 2));
  });

  it('finds the suite size from which a wall-time ratio holds, and says when none does', () => {
    const ours = { fixedMs: 2_000, perScenarioMs: 10 };
    const newman = { fixedMs: 1_000, perScenarioMs: 30 };
    const size = sizeForRatio(ours, newman, 0.4)!;
    assert.ok(wallAt(ours, size) <= 0.4 * wallAt(newman, size));
    assert.ok(wallAt(ours, size - 1) > 0.4 * wallAt(newman, size - 1));
    assert.equal(sizeForRatio(ours, { fixedMs: 1_000, perScenarioMs: 20 }, 0.4), undefined);
    assert.equal(sizeForRatio({ fixedMs: 100, perScenarioMs: 1 }, newman, 0.4), 0);
  });

  it('shows a figure as its median with the smallest and largest run', () => {
    assert.deepEqual(figure([30, 10, 20]), { median: 20, min: 10, max: 30 });
  });

  it('takes a per-scenario slope run by run, so its spread is the slopes\' own', () => {
    // Run 2 is slow at both sizes: its slope is ordinary; two medians taken apart would hide that pairing.
    assert.deepEqual(slope(1, [1_000, 1_500, 1_100], 101, [2_000, 2_600, 2_300]), { median: 11, min: 10, max: 12 });
    assert.throws(() => slope(10, [1], 10, [2]));
    assert.throws(() => slope(1, [], 2, []));
  });

  it('picks the fastest worker count and its speed-up over serial', () => {
    assert.deepEqual(bestWorkers([{ workers: 1, medianMs: 30_000 }, { workers: 2, medianMs: 16_000 }, { workers: 4, medianMs: 10_000 }, { workers: 8, medianMs: 11_000 }]), { workers: 4, speedup: 3 });
    assert.throws(() => bestWorkers([{ workers: 2, medianMs: 1 }]));
  });
});
