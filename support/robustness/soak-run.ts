// One soak run: cucumber with --parallel 2 (profile quiet) and the cookie probe loaded, killed as a
// process group past its timeout, then its message stream read back: each scenario's final status, the
// SEC-04 scenarios per API, and the cookie log of every scenario attempt (support/robustness/cookies.ts).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { API_IDS } from '../config';
import { featureFolder } from '../feature-place';
import { cookieLogsOf, type CookieEnvelope, type ScenarioCookies } from './cookies';

export const COOKIE_PROBE = 'support/robustness/cookie-probe.ts';

type Envelope = CookieEnvelope & {
  pickle?: { tags: Array<{ name: string }> };
  testStepFinished?: { testCaseStartedId: string; testStepResult: { status: string } };
  testCaseFinished?: { testCaseStartedId: string; willBeRetried: boolean };
};

export interface Ran {
  exit: number | null;
  timedOut: boolean;
  seconds: number;
  output: string;
}

export interface RunResult {
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
  /** Scenario attempts started (retries included), and the cookie log each attached. */
  attempts: number;
  cookies: ScenarioCookies[];
}

export interface RunOptions {
  messages: string;
  timeoutMs: number;
  /** Feature paths; the profile's (every feature) when absent. */
  paths?: string[];
  /** EMULATOR_FAULT for the run (none unless given: the soak measures the healthy emulators). */
  fault?: string;
}

const RANK: Record<string, number> = { PASSED: 0, SKIPPED: 1, PENDING: 2, UNDEFINED: 3, AMBIGUOUS: 4, UNKNOWN: 5, FAILED: 6 };

export function runSuite(options: RunOptions): Promise<Ran> {
  const started = performance.now();
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
    delete env.EMULATOR_FAULT;
    if (options.fault) env.EMULATOR_FAULT = options.fault;
    const args = ['node_modules/@cucumber/cucumber/bin/cucumber.js', '-p', 'quiet', '--parallel', '2', '--require', COOKIE_PROBE, '--format', `message:${options.messages}`, ...(options.paths ?? [])];
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-8000)));
    child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-8000)));
    let timedOut = false;
    const guard = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.on('close', (exit) => {
      clearTimeout(guard);
      resolve({ exit, timedOut, seconds: Math.round((performance.now() - started) / 100) / 10, output });
    });
  });
}

/** Final status of every scenario (its last attempt) and the cookie logs, from the message stream. */
export function readRun(run: number, messages: string, ran: Ran): RunResult {
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
    const api = featureFolder(pickle.uri) ?? '';
    if (pickle.tags.some((tag) => tag.name === '@SEC-04') && sec04[api]) {
      sec04[api][1]++;
      if (status === 'PASSED') sec04[api][0]++;
    }
  }
  const cookies = cookieLogsOf(run, envelopes);
  return { run, exit: ran.exit, timedOut: ran.timedOut, seconds: ran.seconds, scenarios: final.size, passed, failed, skipped, retried, sec04, attempts: cookies.attempts, cookies: cookies.logs };
}
