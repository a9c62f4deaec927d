// `npm run acceptance`: every feature against the embedded emulators (or the BASE_URLs of .env) with
// every reporter, then the traceability matrix (reports/traceability.*) and the Allure report, whatever
// the outcome. Exits with cucumber's status, or 1 when tags and the behaviour catalogue disagree. Extra
// arguments go to cucumber-js (`npm run acceptance -- --tags @smoke`).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

rmSync('reports/allure-results', { recursive: true, force: true });
const cucumber = spawnSync(process.execPath, ['node_modules/@cucumber/cucumber/bin/cucumber.js', ...process.argv.slice(2)], { stdio: 'inherit' });
if (cucumber.status === 2 || cucumber.error) process.exit(cucumber.status ?? 1); // bad configuration: nothing ran
// In this process (already under tsx), loaded only now: a second node process cost a start-up of its own.
const { trace } = require('./traceability') as typeof import('./traceability');
const catalogueProblems = trace({ run: 'acceptance', messages: ['reports/messages.ndjson'], junit: [{ file: 'reports/junit.xml', messages: 'reports/messages.ndjson' }] });
const { buildReport } = require('./report') as typeof import('./report');
const report = buildReport();
console.log(`Cucumber: ${join(process.cwd(), 'reports/cucumber.html')}, JUnit: reports/junit.xml`);
process.exit(cucumber.status || report || (catalogueProblems ? 1 : 0));
