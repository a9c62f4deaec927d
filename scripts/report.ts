// `npm run report`: turns reports/allure-results into reports/allure-report with Allure 2, after adding
// what stakeholders need around the results: the target of each API (emulator or URL) and versions,
// the executor, categories that tell a product defect from a broken test environment, and the history
// of the previous report (kept when reports/allure-report/history exists). Allure builds into a folder
// next to the report, swapped in only once whole: an interrupted build leaves the previous report, and
// its history, as they were.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { apiModule } from '../support/apis';
import { CONTRACT, loadConfig, type Config } from '../support/config';
import { CATEGORY_CODES, type CategoryCode } from '../support/errors';
import { Redactor } from '../support/redact';
import { describeTransport } from '../support/tls/settings';
import { exitStatusFor, runChild, stopWithChildren, stopping } from './run/children';
import { takeReportsLock } from './run/lock';

export const RESULTS = 'reports/allure-results';
export const REPORT = 'reports/allure-report';
const ALLURE = 'node_modules/allure-commandline/dist/bin/allure';

// Allure puts a result in EVERY category that matches (Java regex, DOTALL, whole message). A message is
// cucumber's: the error's name first, and every error we raise names its category code there
// ("AssertionError [wrong-status]: Expected ...", support/errors.ts). So a category matches that code
// only, never the wording; the two catch-alls (an error we did not raise) exclude the others' codes.
const coded = (...codes: CategoryCode[]) => `[A-Za-z]+ \\[(?:${codes.join('|')})\\]: `;
const ANY_CODE = coded(...CATEGORY_CODES);

export const CATEGORIES = [
  { name: 'Environment: target unreachable or too slow', matchedStatuses: ['broken', 'failed'], messageRegex: `(?s)${coded('unreachable')}.*` },
  { name: 'Environment: bad configuration', matchedStatuses: ['broken', 'failed'], messageRegex: `(?s)${coded('bad-config')}.*` },
  { name: 'Product defect: wrong status', matchedStatuses: ['failed'], messageRegex: `(?s)${coded('wrong-status')}.*` },
  { name: 'Product defect: body does not match the documented schema', matchedStatuses: ['failed'], messageRegex: `(?s)${coded('bad-body')}.*` },
  // Also a failed result with no code at all: an assertion we did not raise.
  { name: 'Product defect: other documented behaviour', matchedStatuses: ['failed'], messageRegex: `(?s)(?:${coded('behaviour')}|(?!${ANY_CODE})).*` },
  { name: 'Test defect: a step broke', matchedStatuses: ['broken'], messageRegex: `(?s)(?!${coded('unreachable', 'bad-config')}).*` },
];

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join('node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/** A base URL as the report may show it: no userinfo, query or fragment, where credentials could hide. */
export function shownUrl(baseUrl: string, redactor = new Redactor()): string {
  const url = new URL(baseUrl);
  return redactor.text(`${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, ''));
}

/** The APIs that have results here, from the feature folder in each result's fullName. */
function apisWithResults(results: string): Set<string> {
  const apis = new Set<string>();
  for (const file of readdirSync(results)) {
    if (!file.endsWith('-result.json')) continue;
    const { fullName } = JSON.parse(readFileSync(join(results, file), 'utf8')) as { fullName?: string };
    const api = /:features\/([^/]+)\//.exec(fullName ?? '')?.[1];
    if (api) apis.add(api);
  }
  return apis;
}

/**
 * target.<api> lines already in the results: written where the run happened (each nightly shard), then
 * concatenated by the merge job. The first value that is not "not run" wins (another shard ran it).
 */
export function recordedTargets(results: string): Map<string, string> {
  const file = join(results, 'environment.properties');
  const found = new Map<string, string>();
  if (!existsSync(file)) return found;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^target\.([^=]+)=(.*)$/.exec(line);
    if (match && !match[2]!.startsWith('not run') && !found.has(match[1]!)) found.set(match[1]!, match[2]!.replace(/\\\\/g, '\\'));
  }
  return found;
}

/**
 * environment.properties (what each API ran against), executor.json and categories.json. A target
 * already recorded in the results is kept: the merge job of the nightly has no BASE_URL of its own.
 */
export function writeReportContext(results = RESULTS, config: Config = loadConfig()): void {
  mkdirSync(results, { recursive: true });
  const ran = apisWithResults(results);
  const recorded = recordedTargets(results);
  const redactor = new Redactor(config.secrets, config.identities);
  const lines = Object.values(config.targets).map((target) => {
    const mode = apiModule(target.id).describeTarget?.(target.vars) ?? '';
    const here = target.baseUrl === undefined ? 'embedded emulator' : shownUrl(target.baseUrl, redactor);
    return `target.${target.id}=${!ran.has(target.id) ? 'not run' : (recorded.get(target.id) ?? `${here}${mode}${redactor.text(describeTransport(target.transport))}`)}`;
  });
  lines.push(
    `node=${process.version}`,
    ...['@cucumber/cucumber', '@playwright/test', 'allure-cucumberjs', 'allure-commandline', 'zod', 'fast-xml-parser'].map((pkg) => `${pkg}=${versionOf(pkg)}`),
    `products=${Object.values(CONTRACT).map((api) => api.product).join(', ')}`,
  );
  writeFileSync(join(results, 'environment.properties'), `${lines.map((line) => line.replace(/\\/g, '\\\\')).join('\n')}\n`);
  const ci = process.env.GITHUB_ACTIONS === 'true';
  const runUrl = ci ? `${process.env.GITHUB_SERVER_URL}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}` : undefined;
  writeFileSync(
    join(results, 'executor.json'),
    JSON.stringify({
      name: ci ? 'GitHub Actions' : 'login-api-bdd (local run)',
      type: ci ? 'github' : 'local',
      buildName: ci ? `${process.env.GITHUB_WORKFLOW} #${process.env.GITHUB_RUN_NUMBER}` : `run of ${new Date().toISOString()}`,
      ...(runUrl ? { buildUrl: runUrl, reportUrl: runUrl } : {}),
    }),
  );
  writeFileSync(join(results, 'categories.json'), JSON.stringify(CATEGORIES, null, 2));
}

/** Carries the previous report's history into the results, so Allure draws the trend. */
export function carryHistory(results = RESULTS, previousReport = REPORT): boolean {
  const history = join(previousReport, 'history');
  if (!existsSync(history)) return false;
  cpSync(history, join(results, 'history'), { recursive: true });
  return true;
}

/** Where a build of `report` goes until it is whole: next to it (a rename, never a copy), named by the builder's pid. */
function buildingFolder(report: string, pid = process.pid): string {
  return join(dirname(report), `.${basename(report)}.building-${pid}`);
}

/** Leftovers of builds whose process is gone (killed with SIGKILL): removed before this one starts. */
function removeAbandonedBuilds(report: string): void {
  const prefix = `.${basename(report)}.building-`;
  if (!existsSync(dirname(report))) return;
  for (const name of readdirSync(dirname(report))) {
    const pid = Number(name.slice(prefix.length));
    if (!name.startsWith(prefix) || !Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(join(dirname(report), name), { recursive: true, force: true });
    }
  }
}

/**
 * Allure's report of `results`, built aside and swapped in whole. Why it failed, or undefined: the
 * previous report is then untouched (Allure missing, or the build stopped by a signal).
 */
export async function generateReport(results = RESULTS, report = REPORT): Promise<'failed' | 'stopped' | undefined> {
  removeAbandonedBuilds(report);
  const building = buildingFolder(report);
  // C1-only JIT: Allure is a short-lived JVM, and this cuts its build by about 15 % (measured by npm run bench).
  const env = { ...process.env, JAVA_OPTS: process.env.JAVA_OPTS ?? '-XX:TieredStopAtLevel=1' };
  try {
    const ended = await runChild(ALLURE, ['generate', results, '-o', building, '--clean'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (stopping() || ended.signal) return 'stopped';
    if (ended.status !== 0 || !existsSync(join(building, 'index.html'))) return 'failed';
    // Two renames, nothing asynchronous between them: a signal is handled after both.
    const previous = `${building}.previous`;
    if (existsSync(report)) renameSync(report, previous);
    renameSync(building, report);
    rmSync(previous, { recursive: true, force: true });
    return undefined;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

/** Context, history and the report, with one sentence on what went wrong; the exit status. */
export async function buildReport(): Promise<number> {
  if (!existsSync(RESULTS)) {
    console.error(`No results in ${RESULTS}: run "npm run acceptance" (or cucumber-js with the default profile) first.`);
    return 1;
  }
  writeReportContext();
  const history = carryHistory();
  const failed = await generateReport();
  if (failed === 'stopped') {
    console.error(`The report build was stopped (${stopping() ?? 'a signal'}): ${REPORT} is the previous report, untouched.`);
    return exitStatusFor(stopping() ?? 'SIGTERM');
  }
  if (failed) {
    console.error('Allure could not build the report: it needs Java 17 (java on PATH or JAVA_HOME). .ci/run installs it with apt.');
    return 1;
  }
  console.log(`Allure report: ${join(process.cwd(), REPORT, 'index.html')}${history ? ' (with the previous run\'s history)' : ''}. View it with: npm run report:open`);
  return 0;
}

if (require.main === module) {
  stopWithChildren();
  const refused = takeReportsLock('npm run report');
  if (refused) {
    console.error(refused);
    process.exit(1);
  }
  void buildReport().then((status) => process.exit(status));
}
