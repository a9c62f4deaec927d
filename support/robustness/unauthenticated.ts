// The unauthenticated-call checks (SEC-06) for reports/robustness.json: runs the generated
// features/<api>/unauthenticated.feature against the emulators (never a BASE_URL, no fault) in a child
// cucumber, and counts per API the routes that need a session, the calls that lacked a valid one and
// how many of those were refused as documented, besides the calls with the live session that were served.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import { APIS, MODULES } from '../apis';
import { featureFolder } from '../feature-place';
import { featureFile } from '../unauthenticated/feature';
import type { UnauthenticatedPart } from './report';

interface Outcome {
  api: string;
  name: string;
  passed: boolean;
}

/** Runs the features and counts their outcomes; a run that cannot start throws, naming its output. */
export function runUnauthenticatedChecks(): UnauthenticatedPart {
  const started = performance.now();
  const features = APIS.map((api) => featureFile(api.contract.id)).filter((file) => existsSync(file));
  const dir = mkdtempSync(join(tmpdir(), 'unauthenticated-'));
  const messages = join(dir, 'messages.ndjson');
  try {
    // Empty counts as unset and keeps .env from filling it in: every API on its emulator, no fault.
    const onEmulators = Object.fromEntries(APIS.map((api) => [`${api.contract.prefix}BASE_URL`, '']));
    const env = { ...process.env, ...onEmulators, EMULATOR_FAULT: '', FORCE_COLOR: '0' };
    const ran = spawnSync(process.execPath, ['node_modules/@cucumber/cucumber/bin/cucumber.js', '-p', 'quiet', '--format', `message:${messages}`, ...features], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (!existsSync(messages)) throw new Error(`The unauthenticated-call features did not run (exit ${ran.status}): ${(ran.stderr || ran.stdout).trim().split('\n').slice(-3).join(' ')}`);
    return countOutcomes(outcomes(readFileSync(messages, 'utf8')), Math.round(performance.now() - started));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One outcome per scenario run (its last attempt), from cucumber's message stream. */
export function outcomes(ndjson: string): Outcome[] {
  const pickles = new Map<string, { uri: string; name: string }>();
  const testCases = new Map<string, string>();
  const attempts = new Map<string, string>();
  const failed = new Set<string>();
  const done: Outcome[] = [];
  for (const line of ndjson.split('\n')) {
    if (!line.trim()) continue;
    const envelope = JSON.parse(line) as Envelope;
    if (envelope.pickle) pickles.set(envelope.pickle.id, { uri: envelope.pickle.uri, name: envelope.pickle.name });
    if (envelope.testCase) testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) attempts.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
    if (envelope.testStepFinished && envelope.testStepFinished.testStepResult.status !== 'PASSED') failed.add(envelope.testStepFinished.testCaseStartedId);
    const finished = envelope.testCaseFinished;
    if (finished && !finished.willBeRetried) {
      const pickle = pickles.get(testCases.get(attempts.get(finished.testCaseStartedId)!)!)!;
      done.push({ api: featureFolder(pickle.uri) ?? pickle.uri, name: pickle.name, passed: !failed.has(finished.testCaseStartedId) });
    }
  }
  return done;
}

/** Calls lacking a valid session are the scenarios named "... is refused"; "... is served" ones are the live-session controls. */
export function countOutcomes(list: Outcome[], durationMs: number): UnauthenticatedPart {
  const byApi: UnauthenticatedPart['byApi'] = {};
  for (const api of MODULES) {
    const id = api.contract.id;
    const mine = list.filter((outcome) => outcome.api === id);
    if (!api.protectedRoutes?.routes.length) continue;
    const calls = mine.filter((outcome) => outcome.name.endsWith(' is refused'));
    const controls = mine.filter((outcome) => outcome.name.endsWith(' is served'));
    byApi[id] = { routes: api.protectedRoutes.routes.length, calls: calls.length, refused: calls.filter((c) => c.passed).length, served: controls.filter((c) => c.passed).length, controls: controls.length };
  }
  const sum = (field: 'routes' | 'calls' | 'refused' | 'served' | 'controls') => Object.values(byApi).reduce((total, api) => total + api[field], 0);
  return {
    routes: sum('routes'),
    calls: sum('calls'),
    refused: sum('refused'),
    served: sum('served'),
    controls: sum('controls'),
    byApi,
    notAsDocumented: list.filter((outcome) => !outcome.passed).map((outcome) => `${outcome.api}: ${outcome.name}`),
    durationMs,
  };
}
