// Every scenario under features/, parsed with cucumber's own Gherkin parser (no run needed): the matrix
// and the catalogue check see all scenarios, whatever tags or paths a run selected.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateMessages } from '@cucumber/gherkin';
import { IdGenerator, SourceMediaType } from '@cucumber/messages';
import type { RunScenario } from './scenarios';

function featureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? featureFiles(join(dir, entry.name)) : entry.name.endsWith('.feature') ? [join(dir, entry.name)] : []))
    .sort();
}

/** Every scenario (each example row of an outline is one) under `dir`, status "not run". */
export function featureScenarios(dir = 'features'): RunScenario[] {
  const newId = IdGenerator.incrementing();
  return featureFiles(dir).flatMap((file) => {
    const uri = file.replace(/\\/g, '/');
    const envelopes = generateMessages(readFileSync(file, 'utf8'), uri, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN, { newId, includeGherkinDocument: true, includePickles: true, includeSource: false });
    const broken = envelopes.find((envelope) => envelope.parseError);
    if (broken) throw new Error(`${uri} cannot be parsed: ${broken.parseError!.message}`);
    const feature = envelopes.find((envelope) => envelope.gherkinDocument)?.gherkinDocument?.feature?.name ?? '';
    return envelopes.flatMap(({ pickle }) =>
      pickle ? [{ where: `${uri}:${pickle.location?.line ?? 0}`, uri, name: pickle.name, feature, tags: pickle.tags.map((t) => t.name.slice(1)), status: 'not run' as const }] : [],
    );
  });
}

/** The features' scenarios with the results a run recorded for them (matched by place); the rest "not run". */
export function withResults(all: RunScenario[], ran: RunScenario[]): RunScenario[] {
  const results = new Map(ran.map((scenario) => [scenario.where, scenario.status]));
  return all.map((scenario) => ({ ...scenario, status: results.get(scenario.where) ?? 'not run' }));
}
