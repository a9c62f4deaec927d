// Turns a corpus run and a fixture run into the parts of reports/robustness.json and a printed table.
import type { FixtureResult } from './misbehaving';
import type { CorpusPart, FixturePart } from './report';
import { SLOW_MS, type CorpusResult } from './runner';

export function corpusPart(result: CorpusResult): CorpusPart {
  const { findings, ...rest } = result;
  return { ...rest, findings: findings.slice(0, 100), findingsNotShown: Math.max(0, findings.length - 100) };
}

export function fixturePart(result: FixtureResult): FixturePart {
  return {
    scenarios: result.scenarios.length,
    failedAsExpected: result.failedAsExpected,
    unhandled: result.unhandled,
    secretLeaks: result.secretLeaks,
    durationMs: result.durationMs,
    problems: result.problems,
    peakRssMb: result.peakRssMb,
    sentences: Object.fromEntries(result.scenarios.map((s) => [s.name, s.sentence])),
  };
}

export function corpusTable(result: CorpusResult): string {
  const rows = result.endpoints.map((e) => {
    const statuses = Object.entries(e.statuses).map(([status, n]) => `${status}×${n}`).join(' ');
    return `${`${e.api} ${e.endpoint}`.padEnd(36)} ${String(e.inputs).padStart(5)}  ${String(e.slowestMs).padStart(5)} ms  ${e.baselineAfter.padEnd(7)}  ${statuses}  (slowest: ${e.slowestInput})`;
  });
  const slow = result.slowClients.map((s) => `  ${s.api.padEnd(16)} ${s.kind.padEnd(60)} ${String(s.cutAfterMs).padStart(4)} ms (at once ${String(s.wellBehavedMs).padStart(3)} ms)  ${s.answer}${s.ok ? '' : '  (NOT OK)'}`);
  const memory = result.memory.passes.map((p, i) => `pass ${i + 1}: heap ${p.heapGrowthMb} MB, RSS ${p.rssGrowthMb} MB`).join('; ');
  return [
    `${'endpoint'.padEnd(36)} ${'inputs'.padStart(5)}  slowest   after    statuses (token-login: the code in the body)`,
    ...rows,
    '',
    `slow clients (each answered 408 in the API's format within ${SLOW_MS} ms of the same bytes sent at once):`,
    ...slow,
    '',
    `memory growth (bound ${result.memory.boundMb} MB; first-pass RSS ${result.memory.firstPassRssBoundMb} MB): ${memory}`,
    `slowest request ${result.slowestMs} ms (slow clients included); longest event-loop stall ${result.eventLoopDelayMaxMs} ms`,
    `requests answered while slow clients were connected: ${result.answeredDuringSlowClients}; Object.prototype untouched: ${result.prototypeClean}; ${result.durationMs} ms`,
    ...result.findings.slice(0, 30).map((f) => `  ${f.verdict}: ${f.api} ${f.endpoint}: ${f.input}: ${f.detail}`),
  ].join('\n');
}
