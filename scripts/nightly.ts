// `npm run nightly`: the regression against real sandboxes. Runs the nightly profile (only APIs whose
// <PREFIX>BASE_URL is set; with none it stops at once, naming the variables), then reruns — up to
// NIGHTLY_RETRIES times (default 2) — only the scenarios whose failure was a network error
// (TargetError: refused, reset, DNS, timeout), never an assertion.
// Reruns land in the same Allure results, where they show as retries. Then writes the traceability
// matrix (reports/traceability.*) and builds the report.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Envelope } from '@cucumber/messages';
import { ConfigError, loadConfig, nightlyNothingToRun, type Config } from '../support/config';
import { envelopes, runScenarios } from '../support/traceability/scenarios';
import { trace } from './traceability';

interface Outcome {
  /** `features/x.feature:12` → how its last attempt in this run ended. */
  network: Set<string>;
  other: Set<string>;
  passed: Set<string>;
}

function cucumber(args: string[]): number {
  const ran = spawnSync(process.execPath, ['node_modules/@cucumber/cucumber/bin/cucumber.js', ...args], { stdio: 'inherit' });
  return ran.status ?? 1;
}

/** Reads a message stream: which scenarios passed, failed on the network, or failed otherwise. */
export function outcomes(ndjson: string): Outcome {
  const where = new Map<string, string>();
  const caseOf = new Map<string, string>();
  const result: Outcome = { network: new Set(), other: new Set(), passed: new Set() };
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
    if (step && step.testStepResult.status !== 'PASSED' && step.testStepResult.status !== 'SKIPPED') {
      const scenario = where.get(caseOf.get(step.testCaseStartedId)!)!;
      if (verdict.get(scenario) === 'passed') verdict.set(scenario, step.testStepResult.exception?.type === 'TargetError' ? 'network' : 'other');
    }
  }
  for (const [scenario, outcome] of verdict) result[outcome].add(scenario);
  return result;
}

function configuration(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return process.exit(2);
  }
}

if (require.main === module) {
  const config = configuration();
  const idle = nightlyNothingToRun(config);
  if (idle) {
    console.error(idle);
    process.exit(1);
  }
  rmSync('reports/allure-results', { recursive: true, force: true });
  rmSync('reports/nightly.ndjson', { force: true });
  const status = cucumber(['-p', 'nightly', ...process.argv.slice(2)]);
  if (status === 2 || !existsSync('reports/nightly.ndjson')) process.exit(status || 2);
  const first = outcomes(readFileSync('reports/nightly.ndjson', 'utf8'));
  if (first.network.size + first.other.size + first.passed.size === 0) {
    console.error(`The nightly profile ran no scenario of ${config.nightly.apis.join(', ')}: check the cucumber options given after "npm run nightly --" (tags, paths).`);
    process.exit(1);
  }
  // Every attempt's results, in order, for the traceability matrix: a retry's result wins.
  const ran = runScenarios(envelopes(readFileSync('reports/nightly.ndjson', 'utf8')));
  let network = first.network;
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
  const catalogueProblems = trace({
    run: 'nightly',
    scenarios: ran,
    junit: [
      { file: 'reports/junit-nightly.xml', messages: 'reports/nightly.ndjson' },
      { file: 'reports/junit-nightly-retry.xml', messages: 'reports/nightly-retry.ndjson' },
    ],
  });
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report.ts'], { stdio: 'inherit' });
  const failed = [...first.other, ...network];
  console.log(
    failed.length
      ? `\nNightly: ${failed.length} scenario(s) failed (${network.size} still unreachable after ${retries} retries, ${first.other.size} product or test failures).`
      : '\nNightly: every scenario passed.',
  );
  process.exit(failed.length || catalogueProblems ? 1 : 0);
}
