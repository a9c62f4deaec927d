// The generated scenario's four steps for playwright-bdd, as thin as the cucumber floor's
// (scripts/bench/floor/steps.cjs): the `request` fixture (one APIRequestContext per test) and a
// per-test `remembered` fixture for the token.
import { expect } from '@playwright/test';
import { createBdd, test as base, type DataTable } from 'playwright-bdd';

interface Scenario {
  body: Record<string, unknown>;
  remembered: Record<string, string>;
}

const test = base.extend<{ scenario: Scenario }>({
  // eslint-disable-next-line no-empty-pattern
  scenario: async ({}, use) => use({ body: {}, remembered: {} }),
});
const { When, Then } = createBdd(test);

const base_url = process.env.TOKEN_LOGIN_BASE_URL;
const settings: Record<string, string | undefined> = { TOKEN_LOGIN_USERNAME: process.env.TOKEN_LOGIN_USERNAME, TOKEN_LOGIN_PASSWORD: process.env.TOKEN_LOGIN_PASSWORD };
const expand = (scenario: Scenario, text: string) =>
  text.replace(/\$\{(\w+)\}/g, (_, name: string) => settings[name] ?? '').replace(/\{\{(\w+)\}\}/g, (_, name: string) => scenario.remembered[name] ?? '');

When('I send a GET request to {string} with headers:', async ({ request, scenario }, path: string, table: DataTable) => {
  const headers = Object.fromEntries(table.raw().map(([name, value]) => [name!, expand(scenario, value!)]));
  scenario.body = JSON.parse((await (await request.get(`${base_url}${path}`, { headers })).body()).toString()) as Record<string, unknown>;
});

When('I remember the JSON value at {string} as {string}', ({ scenario }, path: string, name: string) => {
  scenario.remembered[name] = String(scenario.body[path.slice(2)]);
});

Then('the JSON value at {string} is {int}', ({ scenario }, path: string, expected: number) => {
  expect(scenario.body[path.slice(2)]).toBe(expected);
});

export { test };
