// Issue 11, robustness: bad input to every emulator and every step; nothing crashes, nothing hangs.
// The corpus runs in-process over real sockets (support/robustness/), the misbehaving-server fixture
// runs cucumber against a server that answers HTML, truncated XML, nothing at all; the counts land in
// reports/robustness.json (npm run soak adds the flaky-run and shared-cookie counts of the parallel soak).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkCookies, cookiesShared, type ScenarioCookies } from '../support/robustness/cookies';
import { EXPECTED_FAILURES, runMisbehavingFixture } from '../support/robustness/misbehaving';
import { mergeReport, readReport } from '../support/robustness/report';
import { SLOW_MS, runCorpus, type CorpusResult } from '../support/robustness/runner';
import { readRun, runSuite } from '../support/robustness/soak-run';
import { corpusFor } from '../support/robustness/corpus';
import { allEndpoints } from '../support/robustness/all-endpoints';
import { corpusPart, corpusTable, fixturePart } from '../support/robustness/summary';
import { API_IDS, loadConfig, type ApiId } from '../support/config';

const findings = (result: CorpusResult, verdict: string) =>
  result.findings.filter((f) => f.verdict === verdict).slice(0, 20).map((f) => `${f.api} ${f.endpoint}: ${f.input}: ${f.detail}`).join('\n');

describe('robustness: the bad-input corpus against every emulator', () => {
  it('has at least 30 bad inputs for every endpoint of every API', () => {
    const { targets } = loadConfig({});
    const byApi = allEndpoints(Object.fromEntries(API_IDS.map((id) => [id, targets[id].vars])) as Record<ApiId, Record<string, string>>);
    for (const api of API_IDS) {
      const endpoints = byApi[api];
      assert.ok(endpoints.length >= 1, `${api} lists no endpoint`);
      for (const endpoint of endpoints) assert.ok(corpusFor(endpoint).length >= 30, `${api} ${endpoint.name}: ${corpusFor(endpoint).length} inputs`);
    }
  });

  it('answers every input with a documented status and a well-formed body, fast, and keeps serving', async () => {
    const started = performance.now();
    const result = await runCorpus();
    const report = mergeReport({ corpus: corpusPart(result) });
    const table = corpusTable(result);
    // A hang guard scaled to the corpus: 2-4 ms per input measured alone, 8 ms with two corpora on two cores.
    const took = performance.now() - started;
    assert.ok(took < result.inputsTried * 10, `the corpus took ${Math.round(took)} ms for ${result.inputsTried} inputs\n${table}`);
    assert.ok(result.inputsTried >= 30 * result.endpoints.length, table);
    assert.equal(result.crashes, 0, `5xx answers or dropped connections:\n${findings(result, 'crash')}`);
    assert.equal(result.unexpectedStatuses, 0, `unexpected statuses:\n${findings(result, 'unexpected-status')}`);
    assert.equal(result.malformedBodies, 0, `bodies not well-formed for their Content-Type:\n${findings(result, 'malformed-body')}`);
    assert.equal(result.slowRequests, 0, `requests over 1 s, or slow clients not cut off:\n${findings(result, 'slow')}`);
    assert.ok(result.endpoints.every((e) => e.baselineAfter === 'served'), table);
    assert.ok(result.memory.withinBounds, `memory grew past the bounds: ${JSON.stringify(result.memory)}`);
    assert.ok(result.prototypeClean, 'a __proto__ key from the wire reached Object.prototype');
    assert.equal(result.slowClients.length, 5 * API_IDS.length * result.memory.passes.length);
    // Within SLOW_MS of the same bytes sent at once, answered 408 in the API's format.
    assert.ok(result.slowClients.every((s) => s.ok && s.cutAfterMs <= s.wellBehavedMs + SLOW_MS), table);
    assert.ok(result.answeredDuringSlowClients > 0, 'no request was answered while the slow clients were connected');
    assert.equal(report.counts.inputsTried, result.inputsTried);
  });

  it('notices a crashing and a careless emulator (the judge has teeth)', async () => {
    const crashing = await runCorpus({ apis: ['o2g'], fault: { api: 'o2g', fault: 'broken-basic-crash' }, passes: 1 });
    assert.ok(crashing.crashes > 0, 'a 500 on a Basic header without a colon went unnoticed');
    // Careless twice over: a wrong password accepted, and Node's old 2 s / 3 s limits for dribbling clients.
    const careless = await runCorpus({ apis: ['token-login'], fault: { api: 'token-login', fault: 'any-password' }, passes: 1, host: { timeouts: { headersMs: 2_000, requestMs: 3_000 } } });
    assert.ok(careless.unexpectedStatuses > 0, 'a login with a wrong password that succeeds went unnoticed');
    assert.ok(careless.slowClients.some((s) => !s.ok && s.cutAfterMs > s.wellBehavedMs + SLOW_MS), `slow clients cut after 2-3 s went unnoticed: ${JSON.stringify(careless.slowClients)}`);
  });
});

describe('robustness: no cookie crosses scenarios (the soak\'s direct check)', () => {
  const log = (attempt: string, worker: string, received: Array<[string, string]>, held: Array<[string, string]> = []): ScenarioCookies => ({ run: 1, attempt, worker, scenario: attempt, log: { received, held } });

  it('counts a value set for two scenarios, in one worker or two, and a jar value no answer of the scenario set', () => {
    const clean = checkCookies(3, [log('a', 'w0', [['JSESSIONID', 'one']], [['JSESSIONID', 'one']]), log('b', 'w1', [['JSESSIONID', 'two']]), log('c', 'w0', [])]);
    assert.deepEqual([clean.values, cookiesShared(clean), clean.logged], [2, 0, 3]);
    const sameWorker = checkCookies(2, [log('a', 'w0', [['AlcUserId', 'x']]), log('b', 'w0', [['AlcUserId', 'x']])]);
    assert.deepEqual([sameWorker.shared.length, sameWorker.acrossWorkers], [1, 0]);
    const twoWorkers = checkCookies(2, [log('a', 'w0', [['AlcUserId', 'x']]), log('b', 'w1', [['AlcUserId', 'x']])]);
    assert.deepEqual([twoWorkers.shared.length, twoWorkers.acrossWorkers], [1, 1]);
    const leaked = checkCookies(2, [log('a', 'w0', [['QCSession', 'q']]), log('b', 'w0', [], [['QCSession', 'q']])]);
    // Named and hashed, never the value itself.
    assert.match(sameWorker.shared[0]!, /^AlcUserId#[0-9a-f]{8}: a \| b$/);
    assert.deepEqual(leaked.heldFromElsewhere, [leaked.heldFromElsewhere[0]]);
    assert.match(leaked.heldFromElsewhere[0]!, /^QCSession#[0-9a-f]{8} in b$/);
  });

  it('sees, through the probe in real parallel runs, the sessions an emulator hands to two scenarios', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cookie-probe-'));
    try {
      const messages = join(dir, 'o2g.ndjson');
      const ran = await runSuite({ messages, timeoutMs: 120_000, paths: ['features/o2g'], fault: 'o2g:one-session-per-user' });
      const run = readRun(1, messages, ran);
      const check = checkCookies(run.attempts, run.cookies);
      assert.ok(run.attempts > 0 && check.logged === run.attempts, `cookie logs from ${check.logged} of ${run.attempts} attempts\n${ran.output}`);
      assert.ok(check.values > 0, 'no cookie value recorded');
      assert.ok(check.shared.length > 0, `one session per user went unnoticed: ${JSON.stringify(check)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
