// `npm run report`: turns reports/allure-results into reports/allure-report with Allure 2, after adding
// what stakeholders need around the results: the target of each API (emulator or URL) and versions,
// the executor, categories that tell a product defect from a broken test environment, and the history
// of the previous report (kept when reports/allure-report/history exists).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT, loadConfig } from '../support/config';

export const RESULTS = 'reports/allure-results';
export const REPORT = 'reports/allure-report';
const ALLURE = 'node_modules/allure-commandline/dist/bin/allure';

/** Messages are matched against our own sentences (support/errors.ts, support/world.ts, http steps). */
export const CATEGORIES = [
  { name: 'Environment: target unreachable or too slow', matchedStatuses: ['broken', 'failed'], messageRegex: '(?s).*Cannot reach .*' },
  { name: 'Environment: bad configuration', matchedStatuses: ['broken', 'failed'], messageRegex: '(?s).*(Configuration is invalid|is not set: set |No emulator is running).*' },
  { name: 'Product defect: wrong status', matchedStatuses: ['failed'], messageRegex: '(?s).*(Expected status |Expected HTTP ).*' },
  { name: 'Product defect: body does not match the documented schema', matchedStatuses: ['failed'], messageRegex: '(?s).*(to match the ".*" schema|Expected a JSON body|Expected an XML body).*' },
  { name: 'Product defect: other documented behaviour', matchedStatuses: ['failed'] },
  { name: 'Test defect: a step broke', matchedStatuses: ['broken'] },
];

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join('node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

export function writeReportContext(results = RESULTS): void {
  mkdirSync(results, { recursive: true });
  const config = loadConfig();
  const lines = Object.values(config.targets).map(
    (target) => `target.${target.id}=${target.baseUrl === undefined ? 'embedded emulator' : target.baseUrl.replace(/\/\/[^/@]*@/, '//')}${target.id === 'token-login' ? ` (status mode ${target.vars.TOKEN_LOGIN_STATUS_MODE})` : ''}`,
  );
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

if (require.main === module) {
  if (!existsSync(RESULTS)) {
    console.error(`No results in ${RESULTS}: run "npm run acceptance" (or cucumber-js with the default profile) first.`);
    process.exit(1);
  }
  writeReportContext();
  const history = carryHistory();
  try {
    generateReport();
  } catch {
    console.error('Allure could not build the report: it needs Java 17 (java on PATH or JAVA_HOME). .ci/run installs it with apt.');
    process.exit(1);
  }
  console.log(`Allure report: ${join(process.cwd(), REPORT, 'index.html')}${history ? ' (with the previous run\'s history)' : ''}. View it with: npm run report:open`);
}
