// A/B check for the suite's own cost (issue #21), rerunnable before and after a change, same session:
// `node --import tsx scripts/bench/profile-suite.ts [startup] [quiet] [floor] [reporters] [formatters] [rss] [acceptance]`
// (none named: all). Each figure is the median of PROFILE_RUNS runs (default 5) after a warm-up, as wall
// time and as CPU time (user + system of every node process: steadier when the machine is shared); per-scenario costs are
// (wall at n − wall at 1) / (n − 1), as npm run bench computes them. PROFILE_N sets n (default 500).
// PROFILE_CONFIG=<file> runs every cucumber command with `--config <file>` (the A side of an A/B: an
// earlier cucumber.cjs kept outside the project). `--cpu-prof` writes a CPU profile of one quiet n-scenario run to reports/profile/cpu/ instead.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PASSWORD, USER, generatedFeature as benchFeature, startTarget } from './fixtures';
import { measure as benchMeasure, type MeasureOptions } from './measure';

const CUCUMBER = 'node_modules/@cucumber/cucumber/bin/cucumber.js';
const N = Number(process.env.PROFILE_N ?? 500);
const REPORTERS_N = 100;
const RUNS = Number(process.env.PROFILE_RUNS ?? 5);
const args = process.argv.slice(2);
const wanted = (name: string) => args.filter((a) => !a.startsWith('--')).length === 0 || args.includes(name);
const clearResults = () => rmSync('reports/allure-results', { recursive: true, force: true });
/** Its own folder: npm run bench clears reports/bench when it starts. */
const OWN = resolve('reports/profile');
const USAGE_FILE = join(OWN, 'usage.txt');

type Options = Omit<MeasureOptions, 'runs' | 'warm' | 'usageFile'>;

/** The bench's measure, PROFILE_RUNS times after one unmeasured run, its usage file in this script's own folder. */
function measure(label: string, command: string, argv: string[], options: Options = {}): { medianMs: number; cpuMs: number; peakRssMb: number } {
  const m = benchMeasure(label, command, argv, { runs: RUNS, warm: true, usageFile: USAGE_FILE, ...options });
  return { medianMs: m.medianMs, cpuMs: m.cpuMs ?? 0, peakRssMb: Math.round(m.peakRssMb ?? 0) };
}
const CONFIG = process.env.PROFILE_CONFIG ? ['--config', process.env.PROFILE_CONFIG] : [];
const perScenario = (one: number, many: number, n: number) => Math.round(((many - one) / (n - 1)) * 100) / 100;

/** The bench's generated feature, copied under OWN (still under features/token-login/, which names its API). */
function generatedFeature(n: number): string {
  const to = join(OWN, `features-${n}`, 'features', 'token-login', 'generated.feature');
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(benchFeature(n), to);
  return to;
}

async function main(): Promise<void> {
  mkdirSync(OWN, { recursive: true });
  const target = await startTarget(0);
  const env = { TOKEN_LOGIN_BASE_URL: target.url, TOKEN_LOGIN_USERNAME: USER, TOKEN_LOGIN_PASSWORD: PASSWORD };
  const one = generatedFeature(1);
  const many = generatedFeature(N);
  const run = (label: string, cli: string[], options: Options = {}) => measure(label, process.execPath, [CUCUMBER, ...CONFIG, ...cli], { env, ...options });
  /** Per scenario between 1 and n scenarios, by wall and by CPU time. */
  const slope = (label: string, cli: (path: string) => string[], n: number, options: Options = {}) => {
    const small = run(`${label}, 1 scenario`, cli(one), options);
    const large = run(`${label}, ${n} scenarios`, cli(n === N ? many : generatedFeature(n)), options);
    return { wall: perScenario(small.medianMs, large.medianMs, n), cpu: perScenario(small.cpuMs, large.cpuMs, n) };
  };
  const show = (cost: { wall: number; cpu: number }) => `${cost.wall} ms wall, ${cost.cpu} ms CPU`;
  const lines: string[] = [];
  try {
    if (args.includes('--cpu-prof')) {
      const dir = join(OWN, 'cpu');
      rmSync(dir, { recursive: true, force: true });
      const profile = args.includes('startup') ? ['-p', 'quiet', '--tags', '@none', one] : args.includes('reporters') ? [generatedFeature(REPORTERS_N)] : ['-p', 'quiet', many];
      measure(`cpu profile of ${profile.join(' ')}`, process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, CUCUMBER, ...CONFIG, ...profile], { env, before: clearResults });
      console.log(`profiles in ${dir}`);
      return;
    }
    if (wanted('startup')) {
      const started = run('startup (0 scenarios selected)', ['-p', 'quiet', '--tags', '@none', many]);
      lines.push(`startup (0 scenarios selected): ${started.medianMs} ms wall, ${started.cpuMs} ms CPU`);
    }
    const quiet = wanted('quiet') || wanted('floor') ? slope('quiet', (path) => ['-p', 'quiet', path], N) : undefined;
    if (quiet) lines.push(`quiet: ${show(quiet)} per scenario`);
    if (wanted('floor')) {
      const floor = slope('floor', (path) => ['--config', 'scripts/bench/floor/cucumber.cjs', path], N);
      lines.push(`floor: ${show(floor)} per scenario; quiet/floor ${Math.round((quiet!.wall / floor.wall) * 100) / 100}× wall, ${Math.round((quiet!.cpu / floor.cpu) * 100) / 100}× CPU`);
    }
    if (wanted('reporters')) {
      const bare = slope('quiet', (path) => ['-p', 'quiet', path], REPORTERS_N);
      const all = slope('default profile', (path) => [path], REPORTERS_N, { before: clearResults });
      lines.push(`default profile: ${show(all)} per scenario; its reporters add ${Math.round((all.wall - bare.wall) * 100) / 100} ms wall, ${Math.round((all.cpu - bare.cpu) * 100) / 100} ms CPU per scenario over quiet`);
    }
    if (wanted('formatters')) {
      const feature = generatedFeature(REPORTERS_N);
      const recorded = ['-p', 'quiet', '--world-parameters', '{"record":true}'];
      const base = run(`recorded, no formatter, ${REPORTERS_N}`, [...recorded, feature]);
      for (const [name, format] of [
        ['allure', 'allure-cucumberjs/reporter:reports/allure-formatter.out'],
        ['message', `message:${join(OWN, 'messages.ndjson')}`],
        ['html', `html:${join(OWN, 'cucumber.html')}`],
        ['junit', `junit:${join(OWN, 'junit.xml')}`],
      ] as const) {
        const with1 = run(`recorded + ${name}, ${REPORTERS_N}`, [...recorded, '--format', format, feature], { before: clearResults });
        const per = (a: number, b: number) => Math.round(((a - b) / REPORTERS_N) * 100) / 100;
        lines.push(`${name} adds ${per(with1.medianMs, base.medianMs)} ms wall, ${per(with1.cpuMs, base.cpuMs)} ms CPU per scenario`);
      }
    }
    if (wanted('rss')) {
      const at = (n: number) => run(`quiet, ${n} scenarios (peak RSS)`, ['-p', 'quiet', generatedFeature(n)]).peakRssMb;
      const small = at(1000);
      const large = at(5000);
      lines.push(`peak RSS: ${small} MB at 1000, ${large} MB at 5000 (${Math.round((large / small) * 100) / 100}×)`);
    }
    if (wanted('acceptance')) {
      const suite = measure('npm run acceptance', process.execPath, ['--import', 'tsx', 'scripts/acceptance.ts']);
      const quietSuite = measure('quiet suite', process.execPath, [CUCUMBER, '-p', 'quiet']);
      const empty = join(OWN, 'empty-results');
      mkdirSync(empty, { recursive: true });
      const allure = measure('allure generate (empty results)', 'node_modules/allure-commandline/dist/bin/allure', ['generate', empty, '-o', join(OWN, 'empty-report'), '--clean']);
      lines.push(`acceptance ${suite.medianMs} ms against floor ${quietSuite.medianMs} + ${allure.medianMs} ms: ${Math.round((suite.medianMs / (quietSuite.medianMs + allure.medianMs)) * 100) / 100}×`);
    }
  } finally {
    target.child.kill();
  }
  console.log(`\n${lines.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
