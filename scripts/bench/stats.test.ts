import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { costLine, median, sizeForRatio, wallAt } from './stats';

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
});
