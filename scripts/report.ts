// `npm run report`: turns reports/allure-results into reports/allure-report with Allure 2, after adding
// what stakeholders need around the results: the target of each API (emulator or URL) and versions,
// the executor, categories that tell a product defect from a broken test environment, and the history
// of the previous report (kept when reports/allure-report/history exists).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiModule } from '../support/apis';
import { CONTRACT, loadConfig, type Config } from '../support/config';
import { CATEGORY_CODES, type CategoryCode } from '../support/errors';
import { Redactor } from '../support/redact';

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
function recordedTargets(results: string): Map<string, string> {
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
    return `target.${target.id}=${!ran.has(target.id) ? 'not run' : (recorded.get(target.id) ?? `${here}${mode}`)}`;
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

export function generateReport(results = RESULTS, report = REPORT): void {
  // C1-only JIT: Allure is a short-lived JVM, and this cuts its build by about 15 % (measured by npm run bench).
  const env = { ...process.env, JAVA_OPTS: process.env.JAVA_OPTS ?? '-XX:TieredStopAtLevel=1' };
  execFileSync(ALLURE, ['generate', results, '-o', report, '--clean'], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

/** Context, history and the report, with one sentence on what went wrong; the exit status. */
export function buildReport(): number {
  if (!existsSync(RESULTS)) {
    console.error(`No results in ${RESULTS}: run "npm run acceptance" (or cucumber-js with the default profile) first.`);
    return 1;
  }
  writeReportContext();
  const history = carryHistory();
  try {
    generateReport();
  } catch {
    console.error('Allure could not build the report: it needs Java 17 (java on PATH or JAVA_HOME). .ci/run installs it with apt.');
    return 1;
  }
  console.log(`Allure report: ${join(process.cwd(), REPORT, 'index.html')}${history ? ' (with the previous run\'s history)' : ''}. View it with: npm run report:open`);
  return 0;
}

if (require.main === module) process.exit(buildReport());
