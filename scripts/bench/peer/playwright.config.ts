// The bench's peer: the generated feature run by playwright-bdd (what a user would pick instead), with
// allure-playwright and junit, one worker (as our serial run), the `request` fixture only (no browser is
// launched: no project names one and no step asks for `page`). scripts/bench.ts runs `bddgen` and then
// `playwright test` with this config, both counted in the peer's wall time.
// BENCH_PEER_FEATURE: the generated feature; BENCH_PEER_OUT: a folder for bddgen's tests and the reports.
import { dirname, join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { defineBddConfig } from 'playwright-bdd';

const feature = process.env.BENCH_PEER_FEATURE;
const out = process.env.BENCH_PEER_OUT;
if (!feature || !out) throw new Error('scripts/bench/peer/playwright.config.ts needs BENCH_PEER_FEATURE (the generated feature) and BENCH_PEER_OUT (a folder for its output): run it through npm run bench.');

export default defineConfig({
  testDir: defineBddConfig({ features: [feature], featuresRoot: dirname(feature), steps: [join(__dirname, 'steps.ts')], outputDir: join(out, 'bdd-tests') }),
  outputDir: join(out, 'test-results'),
  workers: 1,
  retries: 0,
  reporter: [
    ['allure-playwright', { resultsDir: join(out, 'allure-results') }],
    ['junit', { outputFile: join(out, 'junit.xml') }],
  ],
});
