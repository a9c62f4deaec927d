// `npm run mutation`: proves every scenario can fail. Runs each API's features once without a fault (all
// must pass) and once per catalogued emulator fault (at least one scenario must fail), in-process through
// cucumber's API with support code loaded once per worker, one worker per core. An API with variants in
// its folder (token-login's mirror status mode, TOK-07) runs again in each, where every fault must be
// caught too. Exits non-zero when a fault survives or a scenario was never failed by any fault. Reports
// by behaviour too: which faults break each behaviour ID, and whether a scenario tagged with it caught
// them. Writes reports/mutation.json.
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Writable } from 'node:stream';
import type { Envelope } from '@cucumber/messages';
import { APIS } from '../support/apis';
import { allFaults, faultInfo } from '../support/emulators/faults';
import { behaviourIds, belowFeatures } from '../support/feature-place';

interface RunResult {
  /** `api:fault`, or `api:` for the run without a fault; `api@mode:fault` in a status mode's own worker. */
  run: string;
  scenarios: string[];
  failed: string[];
  /** Behaviour IDs each scenario is tagged with (@SDM-02 → SDM-02). */
  behaviours: Record<string, string[]>;
  /** Failure messages of the first failing steps, to explain an unexpected baseline failure. */
  errors: string[];
}

const apiOf = (run: string) => run.split(/[@:]/)[0]!;

/** Worker groups: the configuration as given, and each API's variants (support/apis/<id>/index.ts). */
const VARIANTS: Array<{ suffix: string; apis: string[] | undefined; env: Record<string, string> }> = [
  { suffix: '', apis: undefined, env: {} },
  ...APIS.flatMap((api) => ((api as { variants?: ReadonlyArray<{ name: string; env: Record<string, string> }> }).variants ?? []).map((variant) => ({ suffix: `@${variant.name}`, apis: [api.contract.id as string], env: variant.env }))),
];

async function worker(runs: string[]): Promise<void> {
  const { loadConfiguration, loadSupport, runCucumber } = await import('@cucumber/cucumber/api');
  const apis = [...new Set(runs.map(apiOf))];
  const supports = new Map<string, { options: Awaited<ReturnType<typeof loadConfiguration>>['runConfiguration']; support: Awaited<ReturnType<typeof loadSupport>> }>();
  for (const api of apis) {
    const { runConfiguration } = await loadConfiguration({ profiles: ['quiet'], provided: { paths: [`features/${api}`], format: [] } });
    // Support code is loaded once (the first time) and reused: require() caches it anyway.
    const support = supports.values().next().value?.support ?? (await loadSupport(runConfiguration));
    supports.set(api, { options: runConfiguration, support });
  }
  const silent = { stdout: devNull(), stderr: devNull() };
  for (const run of runs) {
    const [, fault] = run.split(':') as [string, string];
    const api = apiOf(run);
    if (fault) process.env.EMULATOR_FAULT = `${api}:${fault}`;
    else delete process.env.EMULATOR_FAULT;
    const { options, support } = supports.get(api)!;
    const pickles = new Map<string, string>();
    const behaviours: Record<string, string[]> = {};
    const started = new Map<string, string>();
    const failed = new Set<string>();
    const errors: string[] = [];
    await runCucumber({ ...options, support }, silent, (envelope: Envelope) => {
      if (envelope.pickle) {
        const scenario = `${envelope.pickle.uri}:${envelope.pickle.location?.line ?? 0} ${envelope.pickle.name}`;
        pickles.set(envelope.pickle.id, scenario);
        behaviours[scenario] = behaviourIds(envelope.pickle.tags.map((tag) => tag.name));
      }
      if (envelope.testCase) started.set(envelope.testCase.id, envelope.testCase.pickleId);
      if (envelope.testCaseStarted) started.set(envelope.testCaseStarted.id, started.get(envelope.testCaseStarted.testCaseId)!);
      const finished = envelope.testStepFinished;
      if (finished && (finished.testStepResult.status === 'FAILED' || finished.testStepResult.status === 'UNDEFINED' || finished.testStepResult.status === 'AMBIGUOUS')) {
        const scenario = pickles.get(started.get(finished.testCaseStartedId)!)!;
        if (!failed.has(scenario)) errors.push(`${scenario}: ${(finished.testStepResult.message ?? finished.testStepResult.status).split('\n')[0]}`);
        failed.add(scenario);
      }
    });
    process.send!({ run, scenarios: [...pickles.values()], failed: [...failed], errors, behaviours } satisfies RunResult);
  }
}

function devNull(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const faults = allFaults().filter((fault) => only.length === 0 || only.includes(apiOf(fault)));
  const workers = Math.max(1, Math.min(availableParallelism(), 4));
  const started = Date.now();
  const results: RunResult[] = [];
  const groups = VARIANTS.map((variant) => {
    const mine = faults.filter((fault) => !variant.apis || variant.apis.includes(apiOf(fault))).map((fault) => fault.replace(':', `${variant.suffix}:`));
    const labels = [...new Set(mine.map((run) => run.split(':')[0]!))];
    return { variant, baselines: labels.map((label) => `${label}:`), runs: [...labels.map((label) => `${label}:`), ...mine] };
  });
  await Promise.all(
    groups.flatMap(({ variant, runs }) => {
      const count = variant.suffix ? 1 : workers; // a status mode's few runs share one worker
      return Array.from({ length: count }, (_, index) => {
        const share = runs.filter((_, i) => i % count === index);
        if (share.length === 0) return Promise.resolve();
        return new Promise<void>((resolve, reject) => {
          const child = fork(__filename, ['--worker', JSON.stringify(share)], { execArgv: ['--import', 'tsx'], env: { ...process.env, FORCE_COLOR: '0', ...variant.env } });
          child.on('message', (message: RunResult) => results.push(message));
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mutation worker ${variant.suffix}${index} exited with ${code}`))));
        });
      });
    }),
  );

  const byRun = new Map(results.map((r) => [r.run, r]));
  const problems: string[] = [];
  const rows: string[][] = [];
  const everFailed = new Set<string>();
  const allScenarios = new Set<string>();
  const mutants = groups.flatMap((group) => group.runs.filter((run) => !run.endsWith(':')));
  for (const label of groups.flatMap((group) => group.baselines.map((run) => run.slice(0, -1)))) {
    const baseline = byRun.get(`${label}:`)!;
    baseline.scenarios.forEach((s) => allScenarios.add(s));
    if (baseline.failed.length) problems.push(`${label} fails without any fault:\n    ${baseline.errors.join('\n    ')}`);
    if (baseline.scenarios.length === 0) problems.push(`${label} has no scenario`);
  }
  for (const fault of mutants) {
    const result = byRun.get(fault)!;
    result.failed.forEach((s) => everFailed.add(s));
    rows.push([fault, result.failed.length ? 'killed' : 'SURVIVED', result.failed.length ? `${result.failed.length}: ${result.failed.map(belowFeatures).join('; ')}` : '-']);
  }
  const survivors = rows.filter((row) => row[1] === 'SURVIVED').map((row) => row[0]!);
  const neverFailed = [...allScenarios].filter((s) => !everFailed.has(s)).sort();

  const width = Math.max(...rows.map((r) => r[0]!.length), 5);
  console.log(`${'fault'.padEnd(width)}  result    scenarios that failed`);
  for (const [fault, verdict, failing] of rows) console.log(`${fault!.padEnd(width)}  ${verdict!.padEnd(8)}  ${truncate(failing!, 140)}`);
  console.log('');
  for (const problem of problems) console.log(`BASELINE: ${problem}`);
  for (const fault of survivors) console.log(`SURVIVED: ${fault} — no scenario fails when the emulator ${describeFault(fault)}`);
  for (const scenario of neverFailed) console.log(`NEVER FAILED: ${scenario} — no fault makes it fail: strengthen it or add the fault it is missing`);
  const byBehaviour = behaviourReport(mutants, byRun);
  console.log('');
  console.log('by behaviour: faults that break it, and how many a scenario tagged with it caught');
  for (const row of byBehaviour) console.log(`  ${row.behaviour.padEnd(8)} ${row.caughtByOwn}/${row.faults.length} caught by its own scenarios${row.faults.length ? `: ${row.faults.map((f) => f.fault).join(', ')}` : ''}`);
  const mistagged = mutants.filter((run) => {
    const result = byRun.get(run)!;
    const own = faultInfo(apiOf(run), run.split(':')[1]!)?.behaviours ?? [];
    return result.failed.length > 0 && !result.failed.some((scenario) => own.some((id) => result.behaviours[scenario]?.includes(id)));
  });
  for (const fault of mistagged) console.log(`NOT CAUGHT BY ITS BEHAVIOURS: ${fault} — no scenario tagged ${(faultInfo(apiOf(fault), fault.split(':')[1]!)?.behaviours ?? []).join(' or ')} fails: tag a scenario that catches it, or correct the fault's behaviours`);
  const catalogueProblems = traceMutation(groups.flatMap((group) => group.baselines), mutants, byRun);
  const killed = rows.length - survivors.length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`mutation score: ${killed}/${rows.length} faults killed (${rows.length ? ((100 * killed) / rows.length).toFixed(0) : 0}%), ${neverFailed.length} of ${allScenarios.size} scenarios never failed, ${seconds} s on ${workers} workers`);

  mkdirSync('reports', { recursive: true });
  writeFileSync(
    'reports/mutation.json',
    JSON.stringify({ killed, total: rows.length, survivors, neverFailed, baselineProblems: problems, notCaughtByTheirBehaviours: mistagged, seconds: Number(seconds), behaviours: byBehaviour, faults: rows.map(([fault, verdict]) => ({ fault, killed: verdict === 'killed', failedScenarios: byRun.get(fault!)!.failed })) }, null, 2),
  );
  process.exitCode = survivors.length || neverFailed.length || problems.length || mistagged.length || catalogueProblems ? 1 : 0;
}

/** The traceability matrix of this run: baselines give each scenario's result, fault runs what caught what. */
function traceMutation(baselines: string[], mutants: string[], byRun: Map<string, RunResult>): number {
  const { trace } = require('./traceability') as typeof import('./traceability');
  const where = (scenario: string) => scenario.split(' ')[0]!;
  const status = new Map<string, 'passed' | 'failed'>();
  for (const run of baselines) {
    const result = byRun.get(run)!;
    for (const scenario of result.scenarios) if (status.get(where(scenario)) !== 'failed') status.set(where(scenario), result.failed.includes(scenario) ? 'failed' : 'passed');
  }
  const kills = new Map<string, string[]>();
  for (const run of mutants) {
    const key = `${apiOf(run)}:${run.split(':')[1]!}`;
    kills.set(key, [...(kills.get(key) ?? []), ...byRun.get(run)!.failed.map(where)]);
  }
  const scenarios = [...status].map(([place, result]) => ({ where: place, status: result, uri: '', name: '', feature: '', tags: [] }));
  return trace({ run: 'mutation', scenarios, kills });
}

interface BehaviourRow {
  behaviour: string;
  caughtByOwn: number;
  faults: Array<{ fault: string; killed: boolean; caughtByOwn: boolean }>;
}

/** Per behaviour ID its faults' fates: killed at all, and killed by a scenario tagged with that ID. */
function behaviourReport(mutants: string[], byRun: Map<string, RunResult>): BehaviourRow[] {
  const rows = new Map<string, BehaviourRow>();
  for (const run of mutants) {
    const result = byRun.get(run)!;
    for (const behaviour of faultInfo(apiOf(run), run.split(':')[1]!)?.behaviours ?? []) {
      const caughtByOwn = result.failed.some((scenario) => result.behaviours[scenario]?.includes(behaviour));
      const row = rows.get(behaviour) ?? { behaviour, caughtByOwn: 0, faults: [] };
      row.faults.push({ fault: run, killed: result.failed.length > 0, caughtByOwn });
      if (caughtByOwn) row.caughtByOwn++;
      rows.set(behaviour, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.behaviour.localeCompare(b.behaviour, 'en', { numeric: true }));
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function describeFault(run: string): string {
  const api = apiOf(run);
  const fault = run.split(':')[1]!;
  return faultInfo(api, fault)?.says ?? fault;
}

if (process.argv[2] === '--worker') {
  worker(JSON.parse(process.argv[3]!) as string[]).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
