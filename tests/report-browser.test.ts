// The Allure report as a stakeholder sees it: served on loopback, opened in Debian's Chromium through
// Playwright (no browser download), every API's suite visible and an exchange attachment readable and
// redacted. Leaves a screenshot at reports/report-screenshot.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { chromium } from '@playwright/test';
import { serveDirectory } from '../scripts/serve-report';
import { CONTRACT } from '../support/config';
import { MASK } from '../support/redact';
import { explain, tsx } from './run';

function chromiumPath(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim().split('\n')[0]!;
  } catch {
    throw new Error('Chromium is not installed: apt-get install chromium (.ci/run does it)');
  }
}

describe('Allure report in a browser', () => {
  it('shows every API as a suite, a redacted exchange attachment and the traceability matrix', async () => {
    // Its own acceptance run: whatever report an earlier test left (a nightly run with an unreachable API)
    // is not the one a stakeholder reads.
    const ran = tsx('scripts/acceptance.ts');
    assert.equal(ran.status, 0, explain(ran));
    assert.ok(existsSync('reports/allure-report/index.html'));
    // Before the server starts: a missing browser must fail the test, not leave a server holding it open.
    const executablePath = chromiumPath();
    const server = await serveDirectory('reports/allure-report');
    const browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(`${server.url}#suites`);
      for (const api of Object.values(CONTRACT)) {
        await page.locator('.node__name', { hasText: new RegExp(`^${api.product}$`) }).waitFor({ timeout: 15_000 });
      }
      await page.locator('.node__title', { hasText: CONTRACT['token-login'].product }).first().click();
      await page.locator('.node__title', { hasText: 'Pégase 3 API login with User-Name and Password headers' }).click();
      await page.locator('.node__title', { hasText: 'a user logs in with the User-Name and Password headers' }).click();
      await page.locator('.step__title', { hasText: 'When I send a GET request to "/login"' }).first().click();
      await page.locator('.attachment-row', { hasText: 'GET /login → 200' }).first().click();
      const attachment = page.locator('pre', { hasText: 'GET http://' }).first();
      await attachment.waitFor({ timeout: 15_000 });
      const text = await attachment.innerText();
      assert.match(text, new RegExp(`Password: ${MASK.replace(/[[\]]/g, '\\$&')}`));
      assert.match(text, /"token": "\[REDACTED\]"/);
      assert.match(text, /← 200 OK/);
      await page.screenshot({ path: 'reports/report-screenshot.png' });

      // The matrix: its own suite on the overview's Suites widget, the page attached to its one result.
      await page.goto(`${server.url}#suites`);
      await page.locator('.node__title', { hasText: 'Traceability matrix' }).first().click();
      await page.locator('.node__title', { hasText: 'acceptance run' }).first().click();
      await page.locator('.node__title', { hasText: 'Which vendor behaviours hold' }).first().click();
      await page.locator('.attachment-row', { hasText: 'Traceability matrix' }).first().click();
      const matrix = page.frameLocator('iframe').first();
      await matrix.locator('h1', { hasText: 'Traceability: which vendor behaviours hold' }).waitFor({ timeout: 15_000 });
      for (const api of Object.values(CONTRACT)) await matrix.locator('h2', { hasText: api.product }).first().waitFor({ timeout: 5_000 });
      assert.match(await matrix.locator('tr', { has: page.locator('th', { hasText: /^SDM-02$/ }) }).first().innerText(), /holds/);
      await page.screenshot({ path: 'reports/report-traceability.png' });
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
