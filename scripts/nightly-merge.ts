// `node --import tsx scripts/nightly-merge.ts <shards folder>`: the nightly merge job's traceability
// matrix over every shard. Each shard (the CI job of one API, or its i-th of n parts: NIGHTLY_SHARD)
// uploads its message streams (reports/nightly.ndjson, reports/nightly-retry.ndjson) into a folder of its
// own under <shards folder>. Once every shard's Allure results are merged into reports/allure-results,
// this drops the shards' own matrices (each saw only its part: the rest "not run") and writes one over
// all of them: every first run, then every retry, so a retry's result wins. Exits 1 when tags and the
// behaviour catalogue disagree, as `npm run nightly` does.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_IDS } from '../support/config';
import { removeReportEntries } from '../support/report-entry';
import { envelopes, runScenarios } from '../support/traceability/scenarios';
import { MATRIX_ENTRY } from '../support/traceability/write';
import { RESULTS, recordedTargets } from './report';
import { trace } from './traceability';

/** The shards' message streams in the order their results count: all first runs, then all retries. */
export function shardStreams(root: string): string[] {
  const shards = existsSync(root) ? readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => join(root, entry.name)).sort() : [];
  return ['nightly.ndjson', 'nightly-retry.ndjson'].flatMap((name) => shards.map((shard) => join(shard, name)).filter((file) => existsSync(file)));
}

if (require.main === module) {
  const root = process.argv[2];
  const streams = root ? shardStreams(root) : [];
  if (!root || streams.length === 0) {
    console.error(`No shard's message stream under ${root ?? '(no folder given)'}: give the folder holding one folder per shard, each with its reports/nightly.ndjson (node --import tsx scripts/nightly-merge.ts <folder>).`);
    process.exit(1);
  }
  removeReportEntries(RESULTS, MATRIX_ENTRY);
  // The merge job has no base URL: each API's target is as its shard recorded it.
  const recorded = recordedTargets(RESULTS);
  const targets = Object.fromEntries(API_IDS.map((id) => [id, recorded.get(id) ?? 'not run']));
  // A shard's stream lists every scenario, those of the other shards as not run: only what it ran counts.
  const ran = streams.flatMap((file) => runScenarios(envelopes(readFileSync(file, 'utf8')))).filter((scenario) => scenario.status !== 'not run');
  process.exit(trace({ run: 'nightly', scenarios: ran, targets }) ? 1 : 0);
}
