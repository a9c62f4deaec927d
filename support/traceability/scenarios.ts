// What a run did, read from cucumber's messages (the default profile's reports/messages.ndjson, the
// nightly's): every scenario with its place, its behaviour tags and its final result.
import type { Envelope } from '@cucumber/messages';

export type ScenarioStatus = 'passed' | 'failed' | 'skipped' | 'not run';

export interface RunScenario {
  /** features/<api>/<file>.feature:<line> */
  where: string;
  uri: string;
  name: string;
  /** The feature's name (JUnit's classname). */
  feature: string;
  tags: string[];
  status: ScenarioStatus;
}

const RANK: Record<ScenarioStatus, number> = { 'not run': 0, passed: 1, skipped: 2, failed: 3 };

/** One envelope per line; a cut last line (an interrupted run) is skipped, not fatal. */
export function envelopes(ndjson: string): Envelope[] {
  return ndjson.split('\n').flatMap((line) => {
    if (!line.trim()) return [];
    try {
      return [JSON.parse(line) as Envelope];
    } catch {
      return [];
    }
  });
}

/**
 * Every scenario the messages hold, in pickle order, with the result of its last attempt: failed when any
 * step failed (or was undefined, ambiguous, pending), skipped when a step was skipped and none failed.
 */
export function runScenarios(messages: Envelope[]): RunScenario[] {
  const features = new Map<string, string>();
  const scenarios = new Map<string, RunScenario>();
  const pickleOfCase = new Map<string, string>();
  const pickleOfStarted = new Map<string, string>();
  const attempt = new Map<string, ScenarioStatus>();
  for (const envelope of messages) {
    if (envelope.gherkinDocument?.uri) features.set(envelope.gherkinDocument.uri, envelope.gherkinDocument.feature?.name ?? '');
    const { pickle } = envelope;
    if (pickle) {
      scenarios.set(pickle.id, {
        where: `${pickle.uri}:${pickle.location?.line ?? 0}`,
        uri: pickle.uri,
        name: pickle.name,
        feature: features.get(pickle.uri) ?? '',
        tags: pickle.tags.map((tag) => tag.name.slice(1)),
        status: 'not run',
      });
    }
    if (envelope.testCase) pickleOfCase.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) {
      pickleOfStarted.set(envelope.testCaseStarted.id, pickleOfCase.get(envelope.testCaseStarted.testCaseId)!);
      attempt.set(envelope.testCaseStarted.id, 'passed');
    }
    const finished = envelope.testStepFinished;
    if (finished) {
      const status = finished.testStepResult.status;
      const seen: ScenarioStatus = status === 'PASSED' ? 'passed' : status === 'SKIPPED' ? 'skipped' : 'failed';
      const before = attempt.get(finished.testCaseStartedId) ?? 'passed';
      attempt.set(finished.testCaseStartedId, RANK[seen] > RANK[before] ? seen : before);
    }
    const done = envelope.testCaseFinished;
    if (done) {
      const scenario = scenarios.get(pickleOfStarted.get(done.testCaseStartedId)!);
      if (scenario) scenario.status = attempt.get(done.testCaseStartedId) ?? 'passed';
    }
  }
  return [...scenarios.values()];
}
