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
  it('shows every API as a suite and a redacted exchange attachment', async () => {
    // Its own acceptance run: whatever report an earlier test left (a nightly run with an unreachable API)
    // is not the one a stakeholder reads.
    const ran = tsx('scripts/acceptance.ts');
    assert.equal(ran.status, 0, explain(ran));
    assert.ok(existsSync('reports/allure-report/index.html'));
    const server = await serveDirectory('reports/allure-report');
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
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
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
