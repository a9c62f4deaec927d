// The behaviour catalogue: each API's behaviours (support/apis/<id>/behaviours.ts) and the security
// baseline (support/apis/security.ts), and the check that tags and catalogue agree.
import { APIS } from '../apis';
import { SECURITY_BEHAVIOURS } from '../apis/security';
import type { Behaviour } from '../apis/types';
import { behaviourIds, featureFolder } from '../feature-place';
import type { RunScenario } from './scenarios';

export interface CatalogueEntry extends Behaviour {
  /** The APIs whose scenarios may carry this ID: its own, or those the baseline applies to. */
  apis: string[];
}

export function catalogue(): CatalogueEntry[] {
  return [
    ...APIS.flatMap((api) => api.behaviours.map((behaviour) => ({ ...behaviour, apis: [api.contract.id as string] }))),
    ...SECURITY_BEHAVIOURS.map(({ appliesTo, ...behaviour }) => ({ ...behaviour, apis: appliesTo })),
  ];
}

/**
 * Where tags and catalogue disagree, one sentence each: a catalogued ID no scenario of its API carries, a
 * tag that names no catalogued ID (or one of another API), a @documented scenario asserting an inferred
 * behaviour. `scenarios` are all of features/ (featureScenarios), not only those a run selected.
 */
export function catalogueProblems(entries: CatalogueEntry[], scenarios: RunScenario[]): string[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const problems: string[] = [];
  for (const scenario of scenarios) {
    const api = featureFolder(scenario.uri);
    const ids = behaviourIds(scenario.tags);
    for (const id of ids) {
      const entry = byId.get(id);
      if (!entry) problems.push(`${scenario.where} "${scenario.name}" is tagged @${id}, which is not in the behaviour catalogue (support/apis/<api>/behaviours.ts)`);
      else if (api && !entry.apis.includes(api)) problems.push(`${scenario.where} "${scenario.name}" is tagged @${id}, a behaviour of ${entry.apis.join(', ')}, not of ${api}`);
    }
    if (scenario.tags.includes('documented')) {
      const inferred = ids.filter((id) => byId.get(id)?.documented === false);
      if (inferred.length) problems.push(`${scenario.where} "${scenario.name}" is @documented but asserts inferred behaviour ${inferred.join(', ')}: drop @documented or move that check to another scenario`);
    }
  }
  for (const entry of entries) {
    for (const api of entry.apis) {
      if (!scenarios.some((s) => featureFolder(s.uri) === api && s.tags.includes(entry.id))) {
        problems.push(`${entry.id} (${entry.statement}) is catalogued for ${api} but no scenario of features/${api}/ is tagged @${entry.id}`);
      }
    }
  }
  return problems;
}
