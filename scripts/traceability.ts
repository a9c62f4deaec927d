// The traceability matrix of a run (support/traceability/): which catalogued vendor behaviours held.
// Called by `npm run acceptance`, `npm run nightly` and `npm run mutation` after their cucumber runs;
// `npm run traceability` rebuilds it from reports/messages.ndjson. Exits 1 when tags and catalogue disagree.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../support/config';
import { Redactor } from '../support/redact';
import { featureScenarios, withResults } from '../support/traceability/features';
import { withBehaviourProperties } from '../support/traceability/junit';
import { buildMatrix, type FaultKills } from '../support/traceability/matrix';
import { envelopes, runScenarios, type RunScenario } from '../support/traceability/scenarios';
import { writeTraceability } from '../support/traceability/write';
import { RESULTS, shownUrl } from './report';

export interface TraceOptions {
  /** What ran: "acceptance", "nightly", "mutation". */
  run: string;
  /** Cucumber message files, in order: a later one's result for a scenario wins (a nightly retry). */
  messages?: string[];
  /** JUnit files, each with the messages file of the same run, to carry behaviour properties. */
  junit?: Array<{ file: string; messages: string }>;
  /** Scenarios already read (the mutation check's baselines), instead of message files. */
  scenarios?: RunScenario[];
  kills?: FaultKills;
  /** Each API's target as shown, when this process's config does not know it (the nightly's merge job). */
  targets?: Record<string, string>;
}

/** Writes reports/traceability.* (and the Allure result); prints one line, and the problems; their count. */
export function trace(options: TraceOptions): number {
  const config = loadConfig();
  const read = (file: string) => (existsSync(file) ? runScenarios(envelopes(readFileSync(file, 'utf8'))) : []);
  const ran = options.scenarios ?? (options.messages ?? []).flatMap(read);
  // Later results win: withResults keeps the last one per place.
  const scenarios = withResults(featureScenarios(), ran);
  const redactor = new Redactor(config.secrets, config.identities);
  const targets = options.targets ?? Object.fromEntries(Object.values(config.targets).map((t) => [t.id, t.baseUrl === undefined ? 'embedded emulator' : shownUrl(t.baseUrl, redactor)]));
  const matrix = buildMatrix(options.run, scenarios, { kills: options.kills, targets });
  const [, , html] = writeTraceability(matrix, redactor, { allureResults: options.run === 'mutation' ? undefined : RESULTS });
  for (const { file, messages } of options.junit ?? []) {
    if (existsSync(file)) writeFileSync(file, withBehaviourProperties(readFileSync(file, 'utf8'), read(messages)));
  }
  const { holds, fails, skipped } = matrix.totals;
  console.log(`Traceability: ${holds} behaviours hold, ${fails} fail, ${skipped} skipped, ${matrix.totals['not run']} not run: ${html}`);
  for (const problem of matrix.problems) console.error(`Behaviour catalogue: ${problem}`);
  return matrix.problems.length;
}

if (require.main === module) {
  process.exit(trace({ run: 'acceptance', messages: ['reports/messages.ndjson'], junit: [{ file: 'reports/junit.xml', messages: 'reports/messages.ndjson' }] }) ? 1 : 0);
}
