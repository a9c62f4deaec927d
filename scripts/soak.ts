// Parallel isolation soak (issue 11): the whole suite with `--parallel 2` (profile quiet) SOAK_RUNS times
// (default 20). Every run must pass with the same scenario count, no scenario may fail in any run, and
// the SEC-04 scenarios of every API (an empty cookie jar at the start) must pass each time. Bounded: a
// run is killed after SOAK_RUN_TIMEOUT_S (180), the loop stops after SOAK_BUDGET_S (1500). Prints a table
// and merges its counts into reports/robustness.json.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_IDS } from '../support/config';
import { mergeReport, printCounts } from '../tests/robustness/report';

interface Envelope {
  pickle?: { id: string; uri: string; name: string; astNodeIds: string[]; tags: Array<{ name: string }> };
  testCase?: { id: string; pickleId: string };
  testCaseStarted?: { id: string; testCaseId: string };
  testStepFinished?: { testCaseStartedId: string; testStepResult: { status: string } };
  testCaseFinished?: { testCaseStartedId: string; willBeRetried: boolean };
}

interface RunResult {
  run: number;
  exit: number | null;
  timedOut: boolean;
  seconds: number;
  scenarios: number;
  passed: number;
  failed: string[];
  skipped: number;
  retried: number;
  /** Per API: SEC-04 scenarios passed / present. */
  sec04: Record<string, [passed: number, total: number]>;
}

const runs = positive('SOAK_RUNS', 20);
const runTimeoutMs = positive('SOAK_RUN_TIMEOUT_S', 180) * 1000;
const budgetMs = positive('SOAK_BUDGET_S', 1500) * 1000;
const RANK: Record<string, number> = { PASSED: 0, SKIPPED: 1, PENDING: 2, UNDEFINED: 3, AMBIGUOUS: 4, UNKNOWN: 5, FAILED: 6 };

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}=${process.env[name]} must be a positive whole number`);
  return value;
}

function runOnce(run: number, messages: string): Promise<{ exit: number | null; timedOut: boolean; seconds: number; output: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
    delete env.EMULATOR_FAULT;
    const child = spawn(process.execPath, ['node_modules/@cucumber/cucumber/bin/cucumber.js', '-p', 'quiet', '--parallel', '2', '--format', `message:${messages}`], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    let timedOut = false;
    const guard = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, runTimeoutMs);
    child.on('close', (exit) => {
      clearTimeout(guard);
      resolve({ exit, timedOut, seconds: Math.round((performance.now() - started) / 100) / 10, output: run === 0 ? output : output.slice(-2000) });
    });
  });
}

/** Final status of every scenario (its last attempt), from the message stream. */
function readRun(run: number, messages: string, ran: { exit: number | null; timedOut: boolean; seconds: number }): RunResult {
  let text = '';
  try {
    text = readFileSync(messages, 'utf8');
  } catch {
    // a run killed before it wrote anything has no scenarios
  }
  const envelopes = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Envelope);
  const pickles = new Map(envelopes.flatMap((e) => (e.pickle ? [[e.pickle.id, e.pickle] as const] : [])));
  const cases = new Map(envelopes.flatMap((e) => (e.testCase ? [[e.testCase.id, e.testCase.pickleId] as const] : [])));
  const attempts = new Map(envelopes.flatMap((e) => (e.testCaseStarted ? [[e.testCaseStarted.id, cases.get(e.testCaseStarted.testCaseId) ?? ''] as const] : [])));
  const worst = new Map<string, string>();
  const final = new Map<string, string>();
  let retried = 0;
  for (const envelope of envelopes) {
    if (envelope.testStepFinished) {
      const { testCaseStartedId, testStepResult } = envelope.testStepFinished;
      const current = worst.get(testCaseStartedId) ?? 'PASSED';
      if ((RANK[testStepResult.status] ?? 5) > (RANK[current] ?? 0)) worst.set(testCaseStartedId, testStepResult.status);
    }
    if (envelope.testCaseFinished) {
      const { testCaseStartedId, willBeRetried } = envelope.testCaseFinished;
      if (willBeRetried) retried++;
      else final.set(attempts.get(testCaseStartedId) ?? '', worst.get(testCaseStartedId) ?? 'PASSED');
    }
  }
  const sec04: Record<string, [number, number]> = Object.fromEntries(API_IDS.map((api) => [api, [0, 0]]));
  const failed: string[] = [];
  let passed = 0;
  let skipped = 0;
  for (const [pickleId, status] of final) {
    const pickle = pickles.get(pickleId);
    if (!pickle) continue;
    if (status === 'PASSED') passed++;
    else if (status === 'SKIPPED') skipped++;
    else failed.push(`${pickle.uri}: ${pickle.name} (${status.toLowerCase()})`);
    const api = /features\/([^/]+)\//.exec(pickle.uri)?.[1] ?? '';
    if (pickle.tags.some((tag) => tag.name === '@SEC-04') && sec04[api]) {
      sec04[api][1]++;
      if (status === 'PASSED') sec04[api][0]++;
    }
  }
  return { run, exit: ran.exit, timedOut: ran.timedOut, seconds: ran.seconds, scenarios: final.size, passed, failed, skipped, retried, sec04 };
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'soak-'));
  const started = performance.now();
  const results: RunResult[] = [];
  let stoppedEarly = false;
  console.log(`Soak: ${runs} runs of the whole suite with --parallel 2 (profile quiet), ${runTimeoutMs / 1000} s per run, ${budgetMs / 1000} s in all\n`);
  console.log('run  exit  seconds  scenarios  passed  failed  skipped  retried  SEC-04 passed (per API)');
  try {
    for (let run = 1; run <= runs; run++) {
      if (performance.now() - started > budgetMs) {
        stoppedEarly = true;
        break;
      }
      const messages = join(dir, `run-${run}.ndjson`);
      const ran = await runOnce(run, messages);
      const result = readRun(run, messages, ran);
      results.push(result);
      const sec04 = Object.entries(result.sec04).map(([api, [ok, total]]) => `${api} ${ok}/${total}`).join(', ');
      console.log(
        `${String(run).padStart(3)}  ${String(result.timedOut ? 'kill' : result.exit).padStart(4)}  ${result.seconds.toFixed(1).padStart(7)}  ${String(result.scenarios).padStart(9)}  ${String(result.passed).padStart(6)}  ${String(result.failed.length).padStart(6)}  ${String(result.skipped).padStart(7)}  ${String(result.retried).padStart(7)}  ${sec04}`,
      );
      for (const failure of result.failed) console.log(`       failed: ${failure}`);
      if (result.exit !== 0 && result.failed.length === 0) console.log(`       ${ran.output.trim().split('\n').slice(-5).join('\n       ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const expectedCount = results[0]?.scenarios ?? 0;
  const flaky = results.filter(
    (r) => r.exit !== 0 || r.timedOut || r.scenarios !== expectedCount || r.scenarios === 0 || r.passed !== results[0]?.passed || r.failed.length > 0 || r.retried > 0 || Object.values(r.sec04).some(([ok, total]) => total === 0 || ok !== total),
  );
  const failedScenarios = new Set(results.flatMap((r) => r.failed));
  const report = mergeReport({
    soak: {
      runs: results.length,
      runsRequested: runs,
      flakyRuns: flaky.length,
      failedScenarios: failedScenarios.size,
      scenariosPerRun: expectedCount,
      parallel: 2,
      stoppedEarly,
      durationS: Math.round((performance.now() - started) / 1000),
      sec04EveryRun: results.every((r) => Object.values(r.sec04).every(([ok, total]) => total > 0 && ok === total)),
      table: results.map(({ run, exit, seconds, scenarios, passed, failed, skipped, retried, sec04 }) => ({ run, exit, seconds, scenarios, passed, failed: failed.length, skipped, retried, sec04 })),
      failed: [...failedScenarios],
    },
  });
  console.log(`\n${results.length} of ${runs} runs${stoppedEarly ? ` (stopped: the ${budgetMs / 1000} s budget ran out)` : ''}, ${expectedCount} scenarios each`);
  console.log(`flaky runs ${flaky.length}; scenarios that failed in any run ${failedScenarios.size}; SEC-04 (empty cookie jar at the start) passed in every run for every API: ${report.soak?.sec04EveryRun}`);
  console.log(`\n${printCounts(report.counts)}\n(merged into reports/robustness.json)`);
  return flaky.length === 0 && !stoppedEarly && results.length === runs ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
