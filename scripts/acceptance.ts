// `npm run acceptance`: every feature against the embedded emulators (or the BASE_URLs of .env) with
// every reporter, then the traceability matrix (reports/traceability.*) and the Allure report, whatever
// the outcome. Exits with cucumber's status, or 1 when tags and the behaviour catalogue disagree. Extra
// arguments go to cucumber-js (`npm run acceptance -- --tags @smoke`), except `--html`: cucumber's own
// HTML page, reports/cucumber.html, which the default profile no longer writes.
// One run at a time per folder (reports/.run.lock: a second is refused with one sentence); a run that
// selects no scenario says so and builds no report; a SIGTERM (npm's, or to this process), SIGINT or
// SIGHUP stops cucumber and Allure too, and leaves the previous report as it was.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { exitStatusFor, runChild, stopWithChildren, stopping } from './run/children';
import { takeReportsLock } from './run/lock';
import { nothingSelected } from './run/selection';
import { clearShapeParts, mergeShapeParts } from '../support/shapes/collect';

const COMMAND = 'npm run acceptance';
const MESSAGES = 'reports/messages.ndjson';
const HTML = 'reports/cucumber.html';

function stopped(): number {
  const signal = stopping()!;
  console.error(`${COMMAND} was stopped (${signal}) with cucumber and Allure: the previous Allure report is kept.`);
  return exitStatusFor(signal);
}

async function main(given: string[]): Promise<number> {
  // `--html` adds cucumber's own HTML page, which the default profile leaves out (cucumber.cjs).
  const html = given.includes('--html');
  const args = html ? [...given.filter((arg) => arg !== '--html'), '--format', `html:${HTML}`] : given;
  rmSync('reports/allure-results', { recursive: true, force: true });
  rmSync(MESSAGES, { force: true }); // a stream left by an earlier run would read as this one's
  rmSync(HTML, { force: true }); // nor may an earlier page pass for this run's
  clearShapeParts(); // each worker writes its part of reports/shapes, merged once cucumber is done
  const cucumber = await runChild(process.execPath, ['node_modules/@cucumber/cucumber/bin/cucumber.js', ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (stopping()) return stopped();
  if (cucumber.status === 2 || cucumber.error) return cucumber.status ?? 1; // bad configuration: nothing ran
  mergeShapeParts();
  const nothing = nothingSelected(COMMAND, args, MESSAGES);
  if (nothing) {
    console.error(nothing);
    return 1;
  }
  // In this process (already under tsx), loaded only now: a second node process cost a start-up of its own.
  const { trace } = require('./traceability') as typeof import('./traceability');
  const catalogueProblems = trace({ run: 'acceptance', messages: [MESSAGES], junit: [{ file: 'reports/junit.xml', messages: MESSAGES }] });
  const { buildReport } = require('./report') as typeof import('./report');
  const report = await buildReport();
  if (stopping()) return stopped();
  console.log(`${html ? `Cucumber: ${join(process.cwd(), HTML)}, ` : ''}JUnit: reports/junit.xml`);
  return cucumber.status || report || (catalogueProblems ? 1 : 0);
}

stopWithChildren();
const refused = takeReportsLock(COMMAND);
if (refused) {
  console.error(refused);
  process.exit(1);
}
void main(process.argv.slice(2)).then((status) => process.exit(status));
