// Cucumber profiles. The environment is validated here, before cucumber loads anything, so a bad .env
// stops every profile with one line per problem and no scenario runs.
const { require: tsxRequire } = require('tsx/cjs/api');

const { loadConfig, ConfigError } = tsxRequire('./support/config.ts', __filename);
try {
  loadConfig();
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
  labels: [
    { name: 'severity', pattern: [/^@severity:(blocker|critical|normal|minor|trivial)$/] },
  ],
};

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
  // No reporters: the fastest run, used by the mutation check.
  quiet: { ...common, format: ['summary'] },
};
