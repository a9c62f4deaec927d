// The benchmark's cucumber floor: the generated scenario's four steps implemented as thinly as cucumber
// allows, in plain JavaScript (no transpiler, no World class, no recording, no redaction), making the same
// Playwright calls as flows.cjs. What it costs over flows.cjs is what cucumber itself costs; what our suite
// costs over it is what our steps and World add.
const assert = require('node:assert/strict');
const { After, Before, Then, When } = require('@cucumber/cucumber');
const { request } = require('@playwright/test');

const base = process.env.TOKEN_LOGIN_BASE_URL;
const settings = { TOKEN_LOGIN_USERNAME: process.env.TOKEN_LOGIN_USERNAME, TOKEN_LOGIN_PASSWORD: process.env.TOKEN_LOGIN_PASSWORD };
const expand = (world, text) => text.replace(/\$\{(\w+)\}/g, (_, name) => settings[name]).replace(/\{\{(\w+)\}\}/g, (_, name) => world.remembered[name]);

Before(async function () {
  this.context = await request.newContext();
  this.remembered = {};
});

After(async function () {
  await this.context.dispose();
});

When('I send a GET request to {string} with headers:', async function (path, table) {
  const headers = Object.fromEntries(table.raw().map(([name, value]) => [name, expand(this, value)]));
  this.body = JSON.parse((await (await this.context.get(`${base}${path}`, { headers })).body()).toString());
});

When('I remember the JSON value at {string} as {string}', function (path, name) {
  this.remembered[name] = this.body[path.slice(2)];
});

Then('the JSON value at {string} is {int}', function (path, expected) {
  assert.equal(this.body[path.slice(2)], expected);
});
