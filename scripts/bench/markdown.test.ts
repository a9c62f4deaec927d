import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdown } from './markdown';
import { benchMode } from './mode';
import type { BenchResult, Way } from './result';
import type { Figure } from './stats';
import { targets } from './targets';

const at = (median: number, spread = 0.1): Figure => ({ median, min: Math.round(median * (1 - spread) * 100) / 100, max: Math.round(median * (1 + spread) * 100) / 100 });
const ways = (values: Record<Way, number>) => Object.fromEntries(Object.entries(values).map(([way, v]) => [way, at(v)])) as Record<Way, Figure>;

/** A default-mode run in which some targets are met and some missed. */
function result(overrides: Partial<BenchResult> = {}): BenchResult {
  return {
    date: '2026-12-02T16:10:00.000Z',
    mode: 'default',
    command: 'npm run bench',
    machine: { cpus: 2, cpu: 'AMD EPYC', memoryGb: 24, node: 'v20.20.2' },
    runs: 3,
    scenarios: 100,
    baseline: 300,
    benchSeconds: 280,
    startup: at(550),
    first: ways({ fetch: 700, playwright: 800, floor: 1400, quiet: 1500, reporters: 1700, peer: 3000, newman: 1400 }),
    perScenario: ways({ fetch: 2, playwright: 3.5, floor: 5, quiet: 5.5, reporters: 12, peer: 31.4, newman: 34 }),
    reportersAdd: at(6.5),
    wall: { reporters: at(2900), newman: at(4800) },
    scaling: [{ scenarios: 300, wall: at(3200), msPerScenario: 5.7, peakRssMb: 200 }],
    workers: { latencyMs: 50, paths: 'the whole suite', scenarios: 246, runs: [{ workers: 1, wall: at(30_000) }, { workers: 2, wall: at(16_000) }, { workers: 4, wall: at(11_000) }, { workers: 8, wall: at(12_000) }], best: { workers: 4, speedup: 2.73 }, speedup4: 2.73 },
    mainJob: { acceptance: at(9_000), quietSuite: at(5_000), allureEmpty: at(2_500) },
    suite: { scenarios: 246, resultFiles: 500 },
    peakRssMb: { quiet: 200 },
    nightlyDefaultParallel: 4,
    measurements: [],
    ...overrides,
  };
}

describe('bench targets and docs', () => {
  it('takes every ratio from the medians of the one run and says met or missed', () => {
    const byId = new Map(targets(result()).map((t) => [t.id, t]));
    assert.equal(byId.get('peer')!.met, true); // 12 / 31.4 = 0.38
    assert.match(byId.get('peer')!.measured, /^0\.38× \(12 \/ 31\.4 ms\)$/);
    assert.equal(byId.get('steps')!.met, true); // 5.5 / 5 = 1.1
    assert.equal(byId.get('reporters')!.met, false); // 6.5 ms > 5
    assert.equal(byId.get('startup')!.met, true);
    assert.equal(byId.get('newman')!.met, false); // 2900 / 4800 = 0.6
    assert.equal(byId.get('main-job')!.met, true); // 9000 / 7500 = 1.2
    assert.equal(byId.get('workers')!.met, true); // 30000 / 11000 = 2.73
    assert.equal(byId.get('memory')!.met, undefined, 'the default mode has no 5,000 point');
    assert.equal(byId.get('bench')!.met, true);
    assert.equal(byId.get('nightly')!.met, true);
    assert.equal(targets(result({ benchSeconds: 301 })).find((t) => t.id === 'bench')!.met, false);
    assert.equal(targets(result({ nightlyDefaultParallel: 2 })).find((t) => t.id === 'nightly')!.met, false);
  });

  it('judges the memory target and the full mode only where the full mode measured them', () => {
    const scaling = [1000, 5000].map((scenarios, i) => ({ scenarios, wall: at(10_000 * (i + 1)), msPerScenario: 8, peakRssMb: [240, 280][i] }));
    const full = targets(result({ mode: 'full', runs: 5, scaling }));
    assert.equal(full.find((t) => t.id === 'memory')!.met, true); // 280 / 240 = 1.17
    assert.equal(full.find((t) => t.id === 'bench')!.met, true);
    assert.equal(targets(result({ mode: 'full', runs: 3, scaling })).find((t) => t.id === 'bench')!.met, false);
  });

  it('names the mode and machine, shows min–max beside every median, and leaves a profile slot under each missed target', () => {
    const { text } = markdown(result());
    assert.match(text, /^Written by `npm run bench` \(the default mode\) in 280 s on 2026-12-02, on 2 cores \(AMD EPYC\), 24 GiB, Node v20\.20\.2\.$/m);
    assert.match(text, /\| playwright-bdd \+ allure-playwright \+ junit .*\| 3000 ms \(2700–3300\) \| 31\.4 ms \(28\.26–34\.54\) \| 8\.97× \|/);
    assert.match(text, /\| `--parallel 4` \| 11000 ms \(9900–12100\) \| 2\.73× \|/);
    assert.match(text, /- \*\*what the default profile's reporters add per scenario ≤ 5 ms\.\*\* .*\n {2}- Profile: not written yet \(scripts\/bench\/profile-notes\.ts, `reporters`\)\./);
    assert.doesNotMatch(text, /Profile: not written yet \(scripts\/bench\/profile-notes\.ts, `peer`\)/, 'no slot for a met target');
    const slow = markdown(result({ benchSeconds: 400, measurements: [{ label: 'serial', runsMs: [30_000, 31_000, 29_000], medianMs: 30_000, minMs: 29_000, maxMs: 31_000, peakRssMb: undefined }] })).text;
    assert.match(slow, /- \*\*`npm run bench` ≤ 5 minutes with ≥ 3 runs per figure\.\*\* The longest figures \(all their measured runs\): serial: 90 s\.\n(?! {2}- Profile)/, 'the bench\'s own length has no profile slot');
    assert.match(markdown(result({ mode: 'quick', runs: 1 })).text, /^Written by `BENCH_QUICK=1 npm run bench` \(a smoke run.*median of 1 run\*\*/ms);
  });
});

describe('bench modes', () => {
  it('runs 3 times by default, 5 with --full, once in the smoke; BENCH_RUNS overrides', () => {
    const standard = benchMode([], {});
    assert.equal(standard.runs, 3);
    assert.deepEqual(standard.scaling, [300]);
    assert.deepEqual(standard.workers, [1, 4]);
    assert.deepEqual(standard.suitePaths, [], 'the workers figure runs the whole suite');
    const full = benchMode(['--full'], {});
    assert.equal(full.runs, 5);
    assert.ok(full.scaling.includes(5000) && full.scaling.includes(1000) && full.formatters);
    assert.deepEqual(full.workers, [1, 2, 4, 8]);
    const quick = benchMode(['--full'], { BENCH_QUICK: '1' });
    assert.equal(quick.name, 'quick');
    assert.equal(quick.writesDocs, false);
    assert.equal(benchMode([], { BENCH_RUNS: '7' }).runs, 7);
    for (const bad of ['0', 'three', '2.5']) assert.throws(() => benchMode([], { BENCH_RUNS: bad }), { message: `BENCH_RUNS=${JSON.stringify(bad)} must be a whole number of runs, 1 or more (unset: 3, or 5 with --full).` });
  });
});
