// Parallel isolation soak (issue 11): the whole suite with `--parallel 2` (profile quiet) SOAK_RUNS times
// (default 20). Every run must pass with the same scenario count, no scenario may fail in any run, and
// the SEC-04 scenarios of every API (an empty cookie jar at the start) must pass each time. Directly,
// too: every scenario attempt reports the cookie values it was set and its jars held (the cookie probe),
// and no value may be set for two scenarios (or workers) or sit in a jar of a scenario never sent it.
// Bounded: a run is killed after SOAK_RUN_TIMEOUT_S (180), the loop stops after SOAK_BUDGET_S (1500).
// Prints a table and merges its counts into reports/robustness.json.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCookies, cookiesShared } from '../support/robustness/cookies';
import { mergeReport, printCounts } from '../support/robustness/report';
import { readRun, runSuite, type RunResult } from '../support/robustness/soak-run';

const runs = positive('SOAK_RUNS', 20);
const runTimeoutMs = positive('SOAK_RUN_TIMEOUT_S', 180) * 1000;
const budgetMs = positive('SOAK_BUDGET_S', 1500) * 1000;

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}=${process.env[name]} must be a positive whole number`);
  return value;
}

function row(r: RunResult): string {
  const sec04 = Object.entries(r.sec04).map(([api, [ok, total]]) => `${api} ${ok}/${total}`).join(', ');
  const cells = [r.run, r.timedOut ? 'kill' : r.exit, r.seconds.toFixed(1), r.scenarios, r.passed, r.failed.length, r.skipped, r.retried, `${r.cookies.length}/${r.attempts}`];
  const widths = [3, 4, 7, 9, 6, 6, 7, 7, 11];
  return `${cells.map((cell, i) => String(cell).padStart(widths[i]!)).join('  ')}  ${sec04}`;
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'soak-'));
  const started = performance.now();
  const results: RunResult[] = [];
  let stoppedEarly = false;
  console.log(`Soak: ${runs} runs of the whole suite with --parallel 2 (profile quiet), ${runTimeoutMs / 1000} s per run, ${budgetMs / 1000} s in all\n`);
  console.log('run  exit  seconds  scenarios  passed  failed  skipped  retried  cookie logs  SEC-04 passed (per API)');
  try {
    for (let run = 1; run <= runs; run++) {
      if (performance.now() - started > budgetMs) {
        stoppedEarly = true;
        break;
      }
      const messages = join(dir, `run-${run}.ndjson`);
      const ran = await runSuite({ messages, timeoutMs: runTimeoutMs });
      const result = readRun(run, messages, ran);
      results.push(result);
      console.log(row(result));
      for (const failure of result.failed) console.log(`       failed: ${failure}`);
      if (result.exit !== 0 && result.failed.length === 0) console.log(`       ${ran.output.trim().split('\n').slice(-5).join('\n       ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const expectedCount = results[0]?.scenarios ?? 0;
  // A run without a cookie log per attempt did not run the probe: its isolation was not shown.
  const flaky = results.filter(
    (r) => r.exit !== 0 || r.timedOut || r.scenarios !== expectedCount || r.scenarios === 0 || r.passed !== results[0]?.passed || r.failed.length > 0 || r.retried > 0 || r.cookies.length !== r.attempts || Object.values(r.sec04).some(([ok, total]) => total === 0 || ok !== total),
  );
  const failedScenarios = new Set(results.flatMap((r) => r.failed));
  const cookies = checkCookies(results.reduce((n, r) => n + r.attempts, 0), results.flatMap((r) => r.cookies));
  const shared = cookiesShared(cookies);
  const report = mergeReport({
    soak: {
      runs: results.length,
      runsRequested: runs,
      flakyRuns: flaky.length,
      scenariosPerRun: expectedCount,
      cookiesShared: shared,
      failedScenarios: failedScenarios.size,
      parallel: 2,
      stoppedEarly,
      durationS: Math.round((performance.now() - started) / 1000),
      sec04EveryRun: results.every((r) => Object.values(r.sec04).every(([ok, total]) => total > 0 && ok === total)),
      cookies: { ...cookies, shared: cookies.shared.slice(0, 20), heldFromElsewhere: cookies.heldFromElsewhere.slice(0, 20) },
      table: results.map(({ run, exit, seconds, scenarios, passed, failed, skipped, retried, sec04, attempts, cookies: logs }) => ({ run, exit, seconds, scenarios, passed, failed: failed.length, skipped, retried, sec04, attempts, cookieLogs: logs.length })),
      failed: [...failedScenarios],
    },
  });
  console.log(`\n${results.length} of ${runs} runs${stoppedEarly ? ` (stopped: the ${budgetMs / 1000} s budget ran out)` : ''}, ${expectedCount} scenarios each`);
  console.log(`flaky runs ${flaky.length}; scenarios that failed in any run ${failedScenarios.size}; SEC-04 (empty cookie jar at the start) passed in every run for every API: ${report.soak?.sec04EveryRun}`);
  console.log(`cookies: ${cookies.values} values set over ${cookies.logged} of ${cookies.attempts} scenario attempts; set for two or more scenarios ${cookies.shared.length} (in two or more workers ${cookies.acrossWorkers}); held by a jar of a scenario never sent them ${cookies.heldFromElsewhere.length}`);
  for (const line of [...cookies.shared, ...cookies.heldFromElsewhere].slice(0, 10)) console.log(`       shared: ${line}`);
  console.log(`\n${printCounts(report.counts)}\n(merged into reports/robustness.json)`);
  const isolated = shared === 0 && cookies.values > 0 && cookies.logged === cookies.attempts;
  return flaky.length === 0 && isolated && !stoppedEarly && results.length === runs ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
