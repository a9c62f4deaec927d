// docs/benchmarks.md from one bench run: which mode wrote it and where, the targets (met or missed,
// and for a missed one this run's numbers and the profile's lines), then every figure as its median
// with the smallest and largest run beside it.
import { PROFILE_NOTES } from './profile-notes';
import type { BenchResult } from './result';
import { round, type Figure } from './stats';
import { PROFILED, targets, type Target } from './targets';

export type { BenchResult } from './result';

const ms = (value: number) => `${Math.round(value)} ms`;
/** "1234 ms (1200–1300)", or for a per-scenario cost "6.38 ms (6.1–6.9)". */
const f = (fig: Figure, digits = 0) => `${round(fig.median, digits)} ms (${round(fig.min, digits)}–${round(fig.max, digits)})`;
const x = (a: number, b: number) => `${round(a / b)}×`;
const verdict = (t: Target) => (t.met === undefined ? 'not measured in this mode' : t.met ? 'met' : '**missed**');

const MODES = {
  quick: '`BENCH_QUICK=1 npm run bench` (a smoke run: small sizes; its numbers are not the benchmark)',
  default: '`npm run bench` (the default mode)',
  full: '`npm run bench -- --full` (adds the 1,000- and 5,000-scenario points, 2 and 8 workers, each reporter alone and the whole report build)',
};

function missedSection(missed: Target[]): string {
  if (missed.length === 0) return '';
  const lines = missed.map((t) => {
    const notes = PROFILE_NOTES[t.id];
    const profile = notes?.length ? notes.map((line) => `  - ${line}`).join('\n') : `  - Profile: not written yet (scripts/bench/profile-notes.ts, \`${t.id}\`).`;
    return `- **${t.target}.** ${t.why}${PROFILED.has(t.id) ? `\n${profile}` : ''}`;
  });
  return `\n### Where the missed ones go\n\n${lines.join('\n')}\n`;
}

export function markdown(r: BenchResult): { text: string; targets: Target[] } {
  const c = r.perScenario;
  const p = c.playwright.median;
  const list = targets(r);
  const way = (name: string, first: Figure, per: Figure) => `| ${name} | ${f(first)} | ${f(per, 2)} | ${x(per.median, p)} |`;
  const serial = r.workers.runs.find((run) => run.workers === 1)!.wall.median;
  const text = `# Benchmarks

Written by ${MODES[r.mode]} in ${r.benchSeconds} s on ${r.date.slice(0, 10)}, on ${r.machine.cpus} cores (${r.machine.cpu}), ${r.machine.memoryGb} GiB, Node ${r.machine.node}.
Every figure is the **median of ${r.runs} run${r.runs === 1 ? '' : 's'}** (after a warm-up where a tool runs for the first time) with
the smallest and largest run beside it, **median (min–max)**; every ratio divides two medians of this one run.
The generated scenarios run against the token-login emulator as a separate process (\`npm run sandbox\`); the
flow of one: \`GET /login\` with the two headers, remember the token, \`GET /company/info\` with it, check the
code. A cost per scenario is the slope between a run of one scenario and a run of ${r.baseline}, taken run by run,
so what only the first scenario pays stays in the fixed part. Raw runs: \`reports/bench.json\`.

## Targets

| target | measured | |
| --- | --- | --- |
${list.map((t) => `| ${t.target} | ${t.measured} | ${verdict(t)} |`).join('\n')}
${missedSection(list.filter((t) => t.met === false))}
## Per-scenario cost (${r.baseline} scenarios; Newman ${r.scenarios} iterations)

| way | start-up + first scenario | per further scenario | vs Playwright script |
| --- | --- | --- | --- |
${way('plain `fetch` (the floor of any client)', r.first.fetch, c.fetch)}
${way('plain Playwright request-context script', r.first.playwright, c.playwright)}
${way('cucumber floor: plain-JS steps, same Playwright calls', r.first.floor, c.floor)}
${way('our suite, no reporters (quiet profile)', r.first.quiet, c.quiet)}
${way('our suite, all reporters (default profile)', r.first.reporters, c.reporters)}
${way('playwright-bdd + allure-playwright + junit (`bddgen` included, `request` fixture, 1 worker)', r.first.peer, c.peer)}
${way(`Newman (Postman collection, \`--silent\`: no reporter), over ${r.scenarios} iterations`, r.first.newman, c.newman)}

What all reporters add per scenario, run by run: **${f(r.reportersAdd, 2)}**. Start-up of our suite with no
scenario selected: **${f(r.startup)}**.

Wall time for ${r.scenarios} scenarios: ours with all reporters ${f(r.wall.reporters)}, Newman (\`--silent\`) ${f(r.wall.newman)}: **${x(r.wall.reporters.median, r.wall.newman.median)}**.
${r.formatters ? `\n## What each reporter costs alone (${r.scenarios} scenarios, per scenario, over exchanges recorded without a formatter: ${f(r.formatters.base)})\n\n| formatter | ms per scenario |\n| --- | --- |\n${r.formatters.each.map((e) => `| ${e.formatter} | ${e.msPerScenario} |`).join('\n')}\n\nDifferences under about 1 ms per scenario are within the run-to-run spread.\n` : ''}
## Workers under ${r.workers.latencyMs} ms of emulator latency (${r.workers.paths}, ${r.workers.scenarios} scenarios, quiet profile)

Every worker starts its own embedded emulators, each delaying every answer by ${r.workers.latencyMs} ms (\`EMULATOR_LATENCY_MS\`).

| workers | wall | speed-up over serial |
| --- | --- | --- |
${r.workers.runs.map((run) => `| ${run.workers === 1 ? '1 (serial)' : `\`--parallel ${run.workers}\``} | ${f(run.wall)} | ${x(serial, run.wall.median)} |`).join('\n')}

Best: **${r.workers.best.workers} worker${r.workers.best.workers === 1 ? '' : 's'}, ${r.workers.best.speedup}×**. The nightly's default (\`NIGHTLY_PARALLEL\`): ${r.nightlyDefaultParallel}.

## The main job against its floor (${r.suite.scenarios} scenarios, embedded emulators)

| run | wall |
| --- | --- |
| \`npm run acceptance\`: every feature with all reporters, the traceability matrix, the Allure report | ${f(r.mainJob.acceptance)} |
| the quiet suite (no reporters) | ${f(r.mainJob.quietSuite)} |
| an Allure build of an empty results folder (the JVM's floor) | ${f(r.mainJob.allureEmpty)} |
${r.suite.reportBuild ? `| the Allure build of the whole suite's ${r.suite.resultFiles} result files (\`npm run report\`) | ${f(r.suite.reportBuild)} |\n` : ''}
## Scaling (no reporters)

| scenarios | wall | ms per scenario after the first | peak RSS |
| --- | --- | --- | --- |
${r.scaling.map((s) => `| ${s.scenarios} | ${f(s.wall)} | ${s.msPerScenario} | ${s.peakRssMb === undefined ? 'n/a' : `${s.peakRssMb.toFixed(0)} MB`} |`).join('\n')}

## Memory peaks (max RSS of the largest run of each, MB)

| process | MB |
| --- | --- |
${Object.entries(r.peakRssMb).map(([k, v]) => `| ${k} | ${v === undefined ? 'n/a' : v.toFixed(0)} |`).join('\n')}
`;
  return { text, targets: list };
}
