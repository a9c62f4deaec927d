// Issue 11, robustness: bad input to every emulator and every step; nothing crashes, nothing hangs.
// The corpus runs in-process over real sockets (tests/robustness/), the misbehaving-server fixture
// runs cucumber against a server that answers HTML, truncated XML, nothing at all; the counts land in
// reports/robustness.json (npm run soak adds the flaky-run count of the parallel soak).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXPECTED_FAILURES, runMisbehavingFixture } from './robustness/misbehaving';
import { mergeReport, readReport } from './robustness/report';
import { CUT_OFF_MS, runCorpus, type CorpusResult } from './robustness/runner';
import { corpusFor } from './robustness/corpus';
import { ENDPOINTS } from './robustness/endpoints';
import { corpusPart, corpusTable, fixturePart } from './robustness/summary';
import { API_IDS, loadConfig } from '../support/config';

const findings = (result: CorpusResult, verdict: string) =>
  result.findings.filter((f) => f.verdict === verdict).slice(0, 20).map((f) => `${f.api} ${f.endpoint}: ${f.input}: ${f.detail}`).join('\n');

describe('robustness: the bad-input corpus against every emulator', () => {
  it('has at least 30 bad inputs for every main endpoint of every API', () => {
    for (const api of API_IDS) {
      const endpoints = ENDPOINTS[api](loadConfig({}).targets[api].vars);
      assert.ok(endpoints.length >= 2, `${api} lists ${endpoints.length} endpoints`);
      for (const endpoint of endpoints) assert.ok(corpusFor(endpoint).length >= 30, `${api} ${endpoint.name}: ${corpusFor(endpoint).length} inputs`);
    }
  });

  it('answers every input with a documented status and a well-formed body, fast, and keeps serving', async () => {
    const started = performance.now();
    const result = await runCorpus();
    const report = mergeReport({ corpus: corpusPart(result) });
    const table = corpusTable(result);
    assert.ok(performance.now() - started < 45_000, `the corpus took ${Math.round(performance.now() - started)} ms\n${table}`);
    assert.ok(result.inputsTried >= 30 * result.endpoints.length, table);
    assert.equal(result.crashes, 0, `5xx answers or dropped connections:\n${findings(result, 'crash')}`);
    assert.equal(result.unexpectedStatuses, 0, `unexpected statuses:\n${findings(result, 'unexpected-status')}`);
    assert.equal(result.malformedBodies, 0, `bodies not well-formed for their Content-Type:\n${findings(result, 'malformed-body')}`);
    assert.equal(result.slowRequests, 0, `requests over 1 s, or slow clients not cut off:\n${findings(result, 'slow')}`);
    assert.ok(result.endpoints.every((e) => e.baselineAfter === 'served'), table);
    assert.ok(result.memory.withinBounds, `memory grew past the bounds: ${JSON.stringify(result.memory)}`);
    assert.ok(result.prototypeClean, 'a __proto__ key from the wire reached Object.prototype');
    assert.equal(result.slowClients.length, 3 * API_IDS.length * result.memory.passes.length);
    assert.ok(result.slowClients.every((s) => s.ok && s.cutAfterMs <= CUT_OFF_MS), table);
    assert.ok(result.answeredDuringSlowClients > 0, 'no request was answered while the slow clients were connected');
    assert.equal(report.counts.inputsTried, result.inputsTried);
  });

  it('notices a crashing and a careless emulator (the judge has teeth)', async () => {
    const crashing = await runCorpus({ apis: ['o2g'], fault: { api: 'o2g', fault: 'broken-basic-crash' }, passes: 1 });
    assert.ok(crashing.crashes > 0, 'a 500 on a Basic header without a colon went unnoticed');
    const careless = await runCorpus({ apis: ['token-login'], fault: { api: 'token-login', fault: 'any-password' }, passes: 1 });
    assert.ok(careless.unexpectedStatuses > 0, 'a login with a wrong password that succeeds went unnoticed');
  });
});

describe('robustness: a misbehaving server fails each step with one readable sentence', () => {
  it('fails every fixture scenario with its expected sentence and the redacted exchange, within the timeouts', async () => {
    const result = await runMisbehavingFixture();
    mergeReport({ misbehaving: fixturePart(result) });
    const detail = `${result.problems.join('\n')}\n--- output ---\n${result.output.slice(-4000)}`;
    assert.deepEqual(result.problems, [], detail);
    assert.equal(result.exitCode, 1, detail);
    assert.equal(result.scenarios.length, Object.keys(EXPECTED_FAILURES).length, detail);
    assert.equal(result.failedAsExpected, result.scenarios.length, detail);
    assert.equal(result.unhandled, 0, detail);
    assert.equal(result.secretLeaks, 0, detail);
    assert.ok(result.durationMs < 60_000, `the fixture run took ${result.durationMs} ms`);
    const counts = readReport()?.counts;
    assert.equal(counts?.crashes, 0);
    assert.equal(counts?.unexpectedStatuses, 0);
    assert.equal(counts?.slowRequests, 0);
  });
});
