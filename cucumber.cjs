// Cucumber profiles. The environment is validated here, before cucumber loads anything, so a bad .env
// stops every profile with one line per problem and no scenario runs.
const { require: tsxRequire } = require('tsx/cjs/api');

const { loadConfig, nightlyNothingToRun, ConfigError } = tsxRequire('./support/config.ts', __filename);
const { PlainResultsWriter } = tsxRequire('./support/allure-writer.ts', __filename);
let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

const common = {
  requireModule: ['tsx/cjs'],
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
      'html:reports/cucumber.html',
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
};
