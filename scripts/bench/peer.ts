// The peer a user would pick instead: playwright-bdd running the same generated feature with
// allure-playwright and junit (scripts/bench/peer/playwright.config.ts). Its wall time counts `bddgen`
// (the feature turned into Playwright tests) and then `playwright test`, as its users run them.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { WORK } from './measure';

const CONFIG = 'scripts/bench/peer/playwright.config.ts';
const BDDGEN = 'node_modules/playwright-bdd/dist/cli/index.js';
const PLAYWRIGHT = 'node_modules/@playwright/test/cli.js';

/** The command of one peer run over `feature` (n scenarios), its environment and what to clear before each run. */
export function peerRun(feature: string, n: number): { command: string; args: string[]; env: Record<string, string>; before: () => void } {
  const out = join(WORK, `peer-${n}`);
  const node = JSON.stringify(process.execPath);
  return {
    command: '/bin/sh',
    args: ['-c', `${node} ${BDDGEN} -c ${CONFIG} && ${node} ${PLAYWRIGHT} test -c ${CONFIG}`],
    env: { BENCH_PEER_FEATURE: feature, BENCH_PEER_OUT: out },
    // Its reports start empty each run, as ours (allure-results cleared) do.
    before: () => rmSync(out, { recursive: true, force: true }),
  };
}
