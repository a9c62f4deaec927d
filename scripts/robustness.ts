// The robustness check on its own (issue 11): the bad-input corpus against every emulator over real
// sockets, then the misbehaving-server fixture; prints the table and the counts, merges them into
// reports/robustness.json, and exits 1 when any count that must be 0 is not.
import { runMisbehavingFixture } from '../support/robustness/misbehaving';
import { mergeReport, printCounts } from '../support/robustness/report';
import { runCorpus } from '../support/robustness/runner';
import { corpusPart, corpusTable, fixturePart } from '../support/robustness/summary';
import { runUnauthenticatedChecks } from '../support/robustness/unauthenticated';

async function main(): Promise<number> {
  const corpus = await runCorpus();
  console.log(corpusTable(corpus));
  const fixture = await runMisbehavingFixture();
  console.log(`\nmisbehaving server: ${fixture.failedAsExpected} of ${fixture.scenarios.length} scenarios failed with the expected sentence in ${fixture.durationMs} ms`);
  for (const problem of fixture.problems) console.log(`  ${problem}`);
  const unauthenticated = runUnauthenticatedChecks();
  console.log(`\nunauthenticated calls (SEC-06): ${unauthenticated.refused} of ${unauthenticated.calls} refused on ${unauthenticated.routes} routes, ${unauthenticated.served} of ${unauthenticated.controls} served with the live session, in ${unauthenticated.durationMs} ms`);
  for (const scenario of unauthenticated.notAsDocumented) console.log(`  not as documented: ${scenario}`);
  const report = mergeReport({ corpus: corpusPart(corpus), misbehaving: fixturePart(fixture), unauthenticated });
  console.log(`\n${printCounts(report.counts)}\n(written to reports/robustness.json)`);
  const { crashes, unexpectedStatuses, malformedBodies, slowRequests } = report.counts;
  const clean = crashes + unexpectedStatuses + malformedBodies + slowRequests === 0 && corpus.memory.withinBounds && corpus.prototypeClean && fixture.problems.length === 0 && unauthenticated.notAsDocumented.length === 0;
  return clean ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
