// Cucumber profiles. The environment is validated here, before cucumber loads anything, so a bad .env
// stops every profile with one line per problem and no scenario runs.
// Our own .ts require hook (support/compiled-require.cjs: esbuild, cached by content hash), registered
// here and handed to cucumber as its requireModule. tsx/cjs/api's namespaced require, used before,
// keyed tsx's cache by a per-process query: config.ts and its imports were transpiled on every run.
const compiledRequire = require.resolve('./support/compiled-require.cjs');
require(compiledRequire);

const { loadConfig, nightlyNothingToRun, ConfigError } = require('./support/config.ts');
const { PlainResultsWriter } = require('./support/allure-writer.ts');
let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
// Once per run (parallel workers do not load this file): each API whose certificate is not checked.
for (const line of require('./support/tls/settings.ts').insecureWarnings(Object.values(config.targets))) process.stderr.write(`${line}\n`);

const common = {
  requireModule: [compiledRequire],
  require: ['support/hooks.ts', 'steps/**/*.ts'],
  strict: true,
};

const allure = {
  resultsDir: 'reports/allure-results',
  writer: new PlainResultsWriter('reports/allure-results'), // no fsync per file (support/allure-writer.ts)
  labels: [
    { name: 'severity', pattern: [/^@severity:(blocker|critical|normal|minor|trivial)$/] },
  ],
};

// The nightly regression runs only the APIs whose <PREFIX>BASE_URL is set (NIGHTLY_APIS narrows it
// further, one API per CI shard). With none it must run nothing, not fall back to features/** on the
// emulators (scripts/nightly.ts stops before cucumber then; this covers `cucumber-js -p nightly`).
// scripts/nightly.ts reruns only the scenarios that failed on a network error, with the nightly-retry
// profile (no paths of its own: it is given scenario locations).
const nightlyIdle = nightlyNothingToRun(config);
const argv = process.argv.join(' ');
if (nightlyIdle && /(^| )(-p |--profile[ =])nightly( |$)/.test(argv)) process.stderr.write(`${nightlyIdle}\n`);
const nightlyFormats = (suffix) => [
  'allure-cucumberjs/reporter:reports/allure-formatter.out',
  `junit:reports/junit-nightly${suffix}.xml`,
  `message:reports/nightly${suffix}.ndjson`,
  'progress',
];

module.exports = {
  // Every feature against the embedded emulators (or the BASE_URLs set), with every reporter.
  default: {
    ...common,
    format: [
      'allure-cucumberjs/reporter:reports/allure-formatter.out', // needs a file target, or progress is dropped
      'junit:reports/junit.xml',
      // No html formatter: about 2 ms a scenario for a page the Allure report already covers (npm run
      // bench). One flag away: `npm run acceptance -- --html` (or `--format html:reports/cucumber.html`).
      'message:reports/messages.ndjson',
      'progress', // the one formatter on stdout: keep it last
    ],
    formatOptions: allure,
  },
  smoke: { ...common, tags: '@smoke', format: ['progress'] },
  catalog: { ...common, dryRun: true, format: ['usage'] },
  nightly: nightlyIdle
    ? { ...common, paths: ['features/.no-api-configured-for-the-nightly'], format: ['summary'] } // a path that matches nothing: 0 scenarios, no report overwritten
    : { ...common, paths: config.nightly.apis.map((id) => `features/${id}`), format: nightlyFormats(''), formatOptions: allure },
  'nightly-retry': { ...common, format: nightlyFormats('-retry'), formatOptions: allure },
  // No reporters, so nothing recorded for them (exchanges still appear in failure messages): the
  // fastest run, used by the mutation check and the benchmark's baseline.
  // formatOptions only for a formatter added on the command line (npm run bench -- --formatters).
  quiet: { ...common, format: ['summary'], formatOptions: allure, worldParameters: { record: false } },
  // npm run drift (scripts/drift.ts): records the exchanges' shapes into shapesDir, no reporter.
  drift: { ...common, format: ['summary'], worldParameters: { shapesDir: 'reports/drift/emulator' } },
};
