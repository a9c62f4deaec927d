// The traceability matrix: behaviour ID → statement → documented? → its scenarios (file:line) and their
// result in this run → the emulator faults that prove those scenarios can fail. Per API, documented
// behaviours first, then the security baseline that applies to it.
import { APIS } from '../apis';
import type { Behaviour } from '../apis/types';
import { featureFolder } from '../feature-place';
import { catalogue, catalogueProblems } from './catalogue';
import type { RunScenario, ScenarioStatus } from './scenarios';

export type Verdict = 'holds' | 'fails' | 'skipped' | 'not run';

export interface MatrixRow extends Behaviour {
  verdict: Verdict;
  scenarios: Array<Pick<RunScenario, 'where' | 'name' | 'status'>>;
  /** `api:fault` of every catalogued fault naming this behaviour; `caught` where a mutation run says so. */
  faults: Array<{ fault: string; says: string; caught?: boolean }>;
}

export interface Matrix {
  run: string;
  generatedAt: string;
  apis: Array<{ api: string; product: string; target: string; rows: MatrixRow[] }>;
  problems: string[];
  totals: Record<Verdict, number>;
}

/** For a mutation run: per `api:fault`, the places (file:line) of the scenarios that failed under it. */
export type FaultKills = ReadonlyMap<string, readonly string[]>;

export function verdictOf(statuses: ScenarioStatus[]): Verdict {
  if (statuses.includes('failed')) return 'fails';
  if (statuses.includes('passed')) return 'holds';
  if (statuses.includes('skipped')) return 'skipped';
  return 'not run';
}

export function buildMatrix(run: string, scenarios: RunScenario[], options: { kills?: FaultKills; targets?: Record<string, string> } = {}): Matrix {
  const entries = catalogue();
  const apis = APIS.map((api) => {
    const id = api.contract.id as string;
    const mine = scenarios.filter((scenario) => featureFolder(scenario.uri) === id);
    const rows = entries
      .filter((entry) => entry.apis.includes(id))
      .map(({ apis: _apis, ...behaviour }): MatrixRow => {
        const carriers = mine.filter((scenario) => scenario.tags.includes(behaviour.id));
        const faults = api.faults
          .filter((fault) => fault.behaviours.includes(behaviour.id))
          .map((fault) => {
            const key = `${id}:${fault.name}`;
            const killedAt = options.kills?.get(key);
            return { fault: key, says: fault.says, ...(killedAt ? { caught: carriers.some((s) => killedAt.includes(s.where)) } : {}) };
          });
        return { ...behaviour, verdict: verdictOf(carriers.map((s) => s.status)), scenarios: carriers.map(({ where, name, status }) => ({ where, name, status })), faults };
      })
      // Documented first, then inferred, then the baseline; each group in catalogue order.
      .sort((a, b) => rank(a) - rank(b));
    return { api: id, product: api.contract.product, target: options.targets?.[id] ?? '', rows };
  });
  const totals: Record<Verdict, number> = { holds: 0, fails: 0, skipped: 0, 'not run': 0 };
  for (const row of apis.flatMap((api) => api.rows)) totals[row.verdict]++;
  return { run, generatedAt: new Date().toISOString(), apis, problems: catalogueProblems(entries, scenarios), totals };
}

function rank(row: Behaviour): number {
  return row.id.startsWith('SEC-') ? 2 : row.documented ? 0 : 1;
}
