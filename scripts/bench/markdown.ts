// docs/benchmarks.md from one bench result: the targets (met or missed, and for a missed one the numbers
// of this run that say where the time goes), then every measurement.
import type { Measure } from './measure';
import { round, type CostLine } from './stats';

export interface BenchResult {
  date: string;
  machine: { cpus: number; cpu: string; memoryGb: number; node: string };
  runs: number;
  scenarios: number;
  baselineIterations: number;
  startupMs: number;
  /** Wall time of a run with one scenario (iteration): start-up plus the first scenario. */
  firstScenarioMs: Record<'quiet' | 'reporters' | 'floor' | 'playwright' | 'fetch' | 'newman', number>;
  /** Slopes at baselineIterations scenarios; Newman's at `scenarios`. */
  perScenarioMs: Record<'fetch' | 'playwright' | 'floor' | 'quiet' | 'reporters' | 'newman', number>;
  /** At Newman's size (`scenarios`). */
  perScenarioAtNMs: { reporters: number; newman: number };
  wallMs: { reporters: number; quiet: number | undefined; newman: number };
  newmanSizeForRatio: number | undefined;
  scaling: Array<{ scenarios: number; medianMs: number; msPerScenario: number; peakRssMb?: number }>;
  latency: {
    scenarios: number;
    serialMs: number;
    parallel2Ms: number;
    parallel4Ms: number;
    speedup2: number;
    speedup4: number;
    serialLine: CostLine;
    parallel4Line: CostLine;
    scenariosForSpeedup4: number | undefined;
  };
  formatters: { base: number; each: Array<{ formatter: string; msPerScenario: number }> } | undefined;
  suite: { scenarios: number; resultFiles: number; acceptanceMs: number; reportMs: number };
  peakRssMb: Record<string, number | undefined>;
  measurements: Measure[];
  benchSeconds: number;
}

export interface Target {
  target: string;
  measured: string;
  met: boolean;
  /** For a missed target: where the time goes, in this run's numbers. */
  why: string;
}

const x = (value: number) => `${round(value)}×`;
const ms = (value: number) => `${Math.round(value)} ms`;

export function targets(r: BenchResult): Target[] {
  const c = r.perScenarioMs;
  const largest = r.scaling.at(-1)!;
  const suiteMs = r.suite.acceptanceMs - r.suite.reportMs;
  const perScenarioFor5s = (5_000 - r.suite.reportMs - r.firstScenarioMs.reporters) / r.suite.scenarios;
  const l = r.latency;
  return [
    {
      target: 'whole suite with all reporters plus the report < 5 s',
      measured: ms(r.suite.acceptanceMs),
      met: r.suite.acceptanceMs < 5_000,
      why:
        `The Allure 2 build alone takes ${ms(r.suite.reportMs)} (a JVM reading ${r.suite.resultFiles} result files). The ${r.suite.scenarios} scenarios with all reporters take the rest, ${ms(suiteMs)}, of which start-up and a first scenario are ${ms(r.firstScenarioMs.reporters)}. ` +
        (perScenarioFor5s <= 0
          ? `The report and start-up alone pass 5 s.`
          : `Fitting in 5 s would need ${round(perScenarioFor5s)} ms per scenario with all reporters, ${x(perScenarioFor5s / c.floor)} of the cucumber floor without any (${c.floor} ms).`),
    },
    {
      target: '≤ 1.3× the Playwright script per scenario, no reporters',
      measured: x(c.quiet / c.playwright),
      met: c.quiet / c.playwright <= 1.3,
      why: `The cucumber floor (four plain-JS steps making the same Playwright calls, nothing else) costs ${c.floor} ms per scenario, ${x(c.floor / c.playwright)} the script's ${c.playwright} ms: that much is cucumber's own, under any step library. Ours costs ${round(c.quiet - c.floor)} ms more than the floor (${x(c.quiet / c.floor)}).`,
    },
    {
      target: '≤ 2.5× the Playwright script per scenario, all reporters',
      measured: x(c.reporters / c.playwright),
      met: c.reporters / c.playwright <= 2.5,
      why:
        `All reporters add ${round(c.reporters - c.quiet)} ms per scenario to the ${c.quiet} ms without; within 2.5× they could add ${round(2.5 * c.playwright - c.quiet)} ms. ` +
        `allure-cucumberjs writes a result, a container and an attachment per exchange and per data table, ${r.suite.resultFiles} files for the suite's ${r.suite.scenarios} scenarios (${round(r.suite.resultFiles / r.suite.scenarios, 1)} a scenario), and the html and message formatters copy every attachment again. ` +
        (r.formatters ? `Alone, per scenario: ${r.formatters.each.map((f) => `${f.formatter} ${f.msPerScenario} ms`).join(', ')}.` : 'Run `npm run bench -- --formatters` to measure each reporter alone.'),
    },
    {
      target: `≤ 0.4× Newman wall time (all reporters, ${r.scenarios} scenarios)`,
      measured: x(r.wallMs.reporters / r.wallMs.newman),
      met: r.wallMs.reporters / r.wallMs.newman <= 0.4,
      why:
        `Over ${r.scenarios} scenarios we cost ${r.perScenarioAtNMs.reporters} ms per scenario to Newman's ${r.perScenarioAtNMs.newman} ms (${x(r.perScenarioAtNMs.reporters / r.perScenarioAtNMs.newman)}), but start-up and a first scenario cost us ${ms(r.firstScenarioMs.reporters)} to Newman's ${ms(r.firstScenarioMs.newman)}. ` +
        (r.newmanSizeForRatio === undefined
          ? 'Per scenario we cost more than 0.4× Newman, so no suite size reaches 0.4×.'
          : `On the two measured lines the ratio reaches 0.4× from about ${r.newmanSizeForRatio} scenarios.`),
    },
    {
      target: `--parallel 4 ≥ 2× serial under ${20} ms latency (${l.scenarios} scenarios)`,
      measured: x(l.speedup4),
      met: l.speedup4 >= 2,
      why:
        `Four workers each load the support code before their first scenario: a 1-scenario run takes ${ms(l.parallel4Line.fixedMs + l.parallel4Line.perScenarioMs)} with --parallel 4 and ${ms(l.serialLine.fixedMs + l.serialLine.perScenarioMs)} serial. Each further scenario costs ${round(l.parallel4Line.perScenarioMs)} ms to serial's ${round(l.serialLine.perScenarioMs)} ms (${x(l.serialLine.perScenarioMs / l.parallel4Line.perScenarioMs)}). ` +
        (l.scenariosForSpeedup4 === undefined ? 'On these lines no suite size reaches 2×.' : `On these lines 2× is reached from about ${l.scenariosForSpeedup4} scenarios.`),
    },
    {
      target: '`npm run bench` under 5 minutes',
      measured: `${r.benchSeconds} s`,
      met: r.benchSeconds < 300,
      why: `The ${largest.scenarios}-scenario point alone is ${r.runs} runs of ${ms(largest.medianMs)} (${Math.round((r.runs * largest.medianMs) / 1000)} s); at the Playwright script's own ${c.playwright} ms per iteration, ${r.runs} × ${largest.scenarios} iterations would take ${Math.round((r.runs * largest.scenarios * c.playwright) / 1000)} s.`,
    },
  ];
}

export function markdown(r: BenchResult): { text: string; targets: Target[] } {
  const c = r.perScenarioMs;
  const f = r.firstScenarioMs;
  const list = targets(r);
  const missed = list.filter((t) => !t.met);
  const vs = (value: number, base: number) => x(value / base);
  const text = `# Benchmarks

Written by \`npm run bench\` (${r.benchSeconds} s) on ${r.date.slice(0, 10)}: ${r.machine.cpus} cores (${r.machine.cpu}), ${r.machine.memoryGb} GiB, Node ${r.machine.node}.
Every number is the **median of ${r.runs} runs after a warm-up**, against the token-login emulator running as a
separate process (\`npm run sandbox\`). The flow of one scenario: \`GET /login\` with the two headers, remember the
token, \`GET /company/info\` with it, check the code. A cost per scenario is the slope between a run of one
scenario and a run of many, so what only the first scenario pays (loading Playwright, the first connection)
stays in the fixed part. Raw runs: \`reports/bench.json\`.

## Targets

| target | measured | |
| --- | --- | --- |
${list.map((t) => `| ${t.target} | ${t.measured} | ${t.met ? 'met' : '**missed**'} |`).join('\n')}
${missed.length ? `\n### Where the missed ones go\n\n${missed.map((t) => `- **${t.target}.** ${t.why}`).join('\n')}\n` : ''}
## Per-scenario cost

| way | start-up + first scenario | per further scenario | vs Playwright script | vs fetch |
| --- | --- | --- | --- | --- |
| plain \`fetch\` (the floor of any client) | ${ms(f.fetch)} | ${c.fetch} ms | ${vs(c.fetch, c.playwright)} | 1× |
| plain Playwright request-context script | ${ms(f.playwright)} | ${c.playwright} ms | 1× | ${vs(c.playwright, c.fetch)} |
| cucumber floor: plain-JS steps, same Playwright calls | ${ms(f.floor)} | ${c.floor} ms | ${vs(c.floor, c.playwright)} | ${vs(c.floor, c.fetch)} |
| our suite, no reporters | ${ms(f.quiet)} | ${c.quiet} ms | ${vs(c.quiet, c.playwright)} | ${vs(c.quiet, c.fetch)} |
| our suite, all reporters (allure, junit, html, message, progress) | ${ms(f.reporters)} | ${c.reporters} ms | ${vs(c.reporters, c.playwright)} | ${vs(c.reporters, c.fetch)} |
| Newman (Postman collection), over ${r.scenarios} iterations | ${ms(f.newman)} | ${c.newman} ms | ${vs(c.newman, c.playwright)} | ${vs(c.newman, c.fetch)} |

Every way but Newman ran ${r.baselineIterations} scenarios (iterations): the cost per scenario falls as a run grows (see the
scaling table), so they are compared at one size. Start-up of our suite with no scenario selected (support
code loaded, emulators started; Playwright loads with the first scenario): **${ms(r.startupMs)}**.

Wall time for ${r.scenarios} scenarios: our suite ${r.wallMs.quiet === undefined ? '' : `${ms(r.wallMs.quiet)} without reporters, `}${ms(r.wallMs.reporters)} with all reporters;
Newman ${ms(r.wallMs.newman)}: **${vs(r.wallMs.reporters, r.wallMs.newman)}** Newman's wall time with all reporters.
${r.formatters ? `\n## What each reporter costs alone (${r.scenarios} scenarios, per scenario, over exchanges recorded without a formatter)\n\n| formatter | ms per scenario |\n| --- | --- |\n${r.formatters.each.map((e) => `| ${e.formatter} | ${e.msPerScenario} |`).join('\n')}\n\nDifferences under about 1 ms per scenario are within the run-to-run spread.\n` : ''}
## Scaling (no reporters)

| scenarios | wall | ms per scenario after the first | peak RSS |
| --- | --- | --- | --- |
${r.scaling.map((s) => `| ${s.scenarios} | ${ms(s.medianMs)} | ${s.msPerScenario} | ${s.peakRssMb === undefined ? 'n/a' : `${s.peakRssMb.toFixed(0)} MB`} |`).join('\n')}

## Parallel workers under 20 ms of emulator latency (${r.latency.scenarios} scenarios, 2 requests each)

| run | wall | speed-up |
| --- | --- | --- |
| serial | ${ms(r.latency.serialMs)} | 1× |
| \`--parallel 2\` | ${ms(r.latency.parallel2Ms)} | ${x(r.latency.speedup2)} |
| \`--parallel 4\` | ${ms(r.latency.parallel4Ms)} | ${x(r.latency.speedup4)} |

## The whole suite and its report (${r.suite.scenarios} scenarios)

| step | wall |
| --- | --- |
| \`npm run acceptance\`: every feature on the embedded emulators with all reporters, then the report | ${ms(r.suite.acceptanceMs)} |
| of which the Allure 2 report build (\`npm run report\`, Java, ${r.suite.resultFiles} result files) | ${ms(r.suite.reportMs)} |

## Memory peaks (max RSS of the largest run of each)

| process | MB |
| --- | --- |
${Object.entries(r.peakRssMb).map(([k, v]) => `| ${k} | ${v === undefined ? 'n/a' : v.toFixed(0)} |`).join('\n')}
`;
  return { text, targets: list };
}
