// `npm run nightly`: the regression against real sandboxes. Runs the nightly profile (only APIs whose
// <PREFIX>BASE_URL is set; with none it stops at once, naming the variables), then reruns — up to
// NIGHTLY_RETRIES times (default 2) — only the scenarios whose failure was a network error
// (TargetError: refused, reset, DNS, timeout), never an assertion, a too-large body, nor a certificate or
// proxy problem (TransportSetupError: the same on every try). An API that
// refused the connection to every scenario it ran is down, not flaky: it is not retried, in one sentence.
// Reruns land in the same Allure results, where they show as retries. Then writes the traceability
// matrix (reports/traceability.*) and builds the report. NIGHTLY_PARALLEL sets the workers, NIGHTLY_SHARD=i/n
// runs this job's part only (scripts/nightly-options.ts; the merge job: scripts/nightly-merge.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Envelope } from '@cucumber/messages';
import { CONTRACT, ConfigError, loadConfig, nightlyNothingToRun, type ApiId, type Config } from '../support/config';
import { REFUSED } from '../support/errors';
import { featureFolder } from '../support/feature-place';
import { clearShapeParts, mergeShapeParts } from '../support/shapes/collect';
import { envelopes, runScenarios } from '../support/traceability/scenarios';
import { NightlyOptionError, cucumberOptions, nightlyRun } from './nightly-options';
import { shownUrl } from './report';
import { trace } from './traceability';

interface Outcome {
  /** `features/x.feature:12` → how its last attempt in this run ended. */
  network: Set<string>;
  other: Set<string>;
  passed: Set<string>;
  /** Of `network`: the connection was refused. */
  refused: Set<string>;
  /** Of `network`: a TLS or proxy failure (TransportSetupError), which a retry would only meet again. */
  settled: Set<string>;
  /** Of `passed`: skipped (an @emulator scenario against a real target), so it says nothing about the target. */
  skipped: Set<string>;
}

function cucumber(args: string[]): number {
  const ran = spawnSync(process.execPath, ['node_modules/@cucumber/cucumber/bin/cucumber.js', ...args], { stdio: 'inherit' });
  return ran.status ?? 1;
}

/** Reads a message stream: which scenarios passed, failed on the network, or failed otherwise. */
export function outcomes(ndjson: string): Outcome {
  const where = new Map<string, string>();
  const caseOf = new Map<string, string>();
  const result: Outcome = { network: new Set(), other: new Set(), passed: new Set(), refused: new Set(), settled: new Set(), skipped: new Set() };
  const verdict = new Map<string, 'network' | 'other' | 'passed'>();
  for (const line of ndjson.split('\n')) {
    if (!line.trim()) continue;
    const envelope = JSON.parse(line) as Envelope;
    if (envelope.pickle) where.set(envelope.pickle.id, `${envelope.pickle.uri}:${envelope.pickle.location?.line ?? 0}`);
    if (envelope.testCase) caseOf.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) {
      caseOf.set(envelope.testCaseStarted.id, caseOf.get(envelope.testCaseStarted.testCaseId)!);
      verdict.set(where.get(caseOf.get(envelope.testCaseStarted.id)!)!, 'passed');
    }
    const step = envelope.testStepFinished;
    if (step && step.testStepResult.status === 'SKIPPED') result.skipped.add(where.get(caseOf.get(step.testCaseStartedId)!)!);
    if (step && step.testStepResult.status !== 'PASSED' && step.testStepResult.status !== 'SKIPPED') {
      const scenario = where.get(caseOf.get(step.testCaseStartedId)!)!;
      const { exception } = step.testStepResult;
      const unreachable = exception?.type === 'TargetError' || exception?.type === 'TransportSetupError';
      if (verdict.get(scenario) === 'passed') verdict.set(scenario, unreachable ? 'network' : 'other');
      if (exception?.type === 'TransportSetupError') result.settled.add(scenario);
      if (exception?.type === 'TargetError' && exception.message?.split('\n')[0]!.includes(`: ${REFUSED};`)) result.refused.add(scenario);
    }
  }
  for (const [scenario, outcome] of verdict) result[outcome].add(scenario);
  for (const scenario of result.skipped) if (!result.passed.has(scenario)) result.skipped.delete(scenario);
  for (const scenario of result.refused) if (!result.network.has(scenario)) result.refused.delete(scenario);
  for (const scenario of result.settled) if (!result.network.has(scenario)) result.settled.delete(scenario);
  return result;
}

/** `features/alm/login.feature:12` → alm. */
const apiOf = (scenario: string) => featureFolder(scenario) ?? '';

/**
 * The APIs that refused the connection to every scenario of theirs that ran (skipped ones aside), with
 * those scenarios: a target that is down, which a retry a few seconds later would only wait on again.
 */
export function refusingEverything(outcome: Outcome): Map<string, string[]> {
  const byApi = new Map<string, string[]>();
  for (const scenario of [...outcome.network, ...outcome.other, ...outcome.passed]) {
    if (outcome.skipped.has(scenario)) continue;
    byApi.set(apiOf(scenario), [...(byApi.get(apiOf(scenario)) ?? []), scenario]);
  }
  return new Map([...byApi].filter(([, scenarios]) => scenarios.every((scenario) => outcome.refused.has(scenario))));
}

/** The one sentence for an API that is not retried. */
export function notRetriedSentence(api: string, scenarios: number, config: Config): string {
  const target = config.targets[api as ApiId];
  const where = target?.baseUrl === undefined ? 'its emulator' : `${CONTRACT[api as ApiId].prefix}BASE_URL=${shownUrl(target.baseUrl)}`;
  return `${api} refused the connection to all ${scenarios} of its scenarios (nothing listens at ${where}), so none is retried: start that sandbox or correct the URL.`;
}

/** What `read` gives, or exit 2 with the one sentence of the error it was expected to throw (a bad setting). */
function orExit<T>(read: () => T, expected: abstract new (...args: never[]) => Error): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof expected)) throw error;
    console.error(error.message);
    return process.exit(2);
  }
}

if (require.main === module) {
  const config = orExit(() => loadConfig(), ConfigError);
  // NIGHTLY_PARALLEL and NIGHTLY_SHARD, read after loadConfig, which brings in .env.
  const spread = orExit(() => nightlyRun(process.env), NightlyOptionError);
  const idle = nightlyNothingToRun(config);
  if (idle) {
    console.error(idle);
    process.exit(1);
  }
  rmSync('reports/allure-results', { recursive: true, force: true });
  rmSync('reports/nightly.ndjson', { force: true });
  clearShapeParts(); // reports/shapes: each worker writes a part, merged below (support/shapes/collect.ts)
  const status = cucumber(['-p', 'nightly', ...cucumberOptions(spread), ...process.argv.slice(2)]);
  if (status === 2 || !existsSync('reports/nightly.ndjson')) process.exit(status || 2);
  const first = outcomes(readFileSync('reports/nightly.ndjson', 'utf8'));
  if (first.network.size + first.other.size + first.passed.size === 0) {
    const shard = spread.shard ? ` (NIGHTLY_SHARD=${spread.shard.index}/${spread.shard.total}: fewer scenarios than shards?)` : '';
    console.error(`The nightly profile ran no scenario of ${config.nightly.apis.join(', ')}${shard}: check the cucumber options given after "npm run nightly --" (tags, paths).`);
    process.exit(1);
  }
  // Every attempt's results, in order, for the traceability matrix: a retry's result wins.
  const ran = runScenarios(envelopes(readFileSync('reports/nightly.ndjson', 'utf8')));
  const down = refusingEverything(first);
  const refusedAll = [...down.values()].flat();
  const settled = [...first.settled].filter((scenario) => !refusedAll.includes(scenario));
  const notRetried = [...refusedAll, ...settled];
  if (config.nightly.retries > 0) for (const [api, scenarios] of down) console.log(`\n${notRetriedSentence(api, scenarios.length, config)}`);
  if (config.nightly.retries > 0 && settled.length) console.log(`\n${settled.length} scenario(s) failed on a certificate or proxy problem, which a retry would meet again, so none is retried (each says what to set): ${settled.join(' ')}`);
  let network = new Set([...first.network].filter((scenario) => !notRetried.includes(scenario)));
  const retries = config.nightly.retries;
  for (let attempt = 1; attempt <= retries && network.size > 0; attempt += 1) {
    console.log(`\nRetry ${attempt} of ${retries}: ${network.size} scenario(s) failed on a network error: ${[...network].join(' ')}`);
    rmSync('reports/nightly-retry.ndjson', { force: true });
    cucumber(['-p', 'nightly-retry', ...network]);
    const retried = existsSync('reports/nightly-retry.ndjson') ? readFileSync('reports/nightly-retry.ndjson', 'utf8') : '';
    const again = outcomes(retried);
    ran.push(...runScenarios(envelopes(retried)));
    for (const scenario of again.other) first.other.add(scenario);
    network = again.network;
  }
  mergeShapeParts(); // reports/shapes/<api>.json, a retry's shapes winning: what npm run drift compares
  const catalogueProblems = trace({
    run: 'nightly',
    scenarios: ran,
    junit: [
      { file: 'reports/junit-nightly.xml', messages: 'reports/nightly.ndjson' },
      { file: 'reports/junit-nightly-retry.xml', messages: 'reports/nightly-retry.ndjson' },
    ],
  });
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report.ts'], { stdio: 'inherit' });
  const failed = [...first.other, ...network, ...notRetried];
  const unreachable = network.size + notRetried.length;
  console.log(
    failed.length
      ? `\nNightly: ${failed.length} scenario(s) failed (${unreachable} still unreachable after ${retries} retries${notRetried.length ? `, ${notRetried.length} of them not retried` : ''}, ${first.other.size} product or test failures).`
      : '\nNightly: every scenario passed.',
  );
  process.exit(failed.length || catalogueProblems ? 1 : 0);
}
