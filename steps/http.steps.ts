// The generic HTTP vocabulary every API's features share (Karate's path / header / request / method /
// status / match): prepare a request, send it, check status, headers, cookies and the body. A new status,
// header or field never needs new TypeScript.
import { BeforeStep, Given, Then, When, type DataTable } from '@cucumber/cucumber';
import { isDeepStrictEqual } from 'node:util';
import { escapeFor } from '../support/interpolate';
import { readJsonPath, typeName } from '../support/json-path';
import { schemaNamed } from '../support/schemas';
import { parseSetCookie, type SetCookie } from '../support/cookies';
import type { ApiWorld } from '../support/world';
import { buildXml, readXmlPath } from '../support/xml';

const MEDIA_TYPES: Record<string, string> = { json: 'application/json', xml: 'application/xml' };

/** Cucumber passes a doc string's content only: its ```xml / ```json media type is read from the pickle step. */
const docStringMediaType = new WeakMap<ApiWorld, string | undefined>();
BeforeStep(function (this: ApiWorld, { pickleStep }) {
  docStringMediaType.set(this, pickleStep.argument?.docString?.mediaType);
});
const contentTypeOfDocString = (world: ApiWorld): string | undefined => MEDIA_TYPES[docStringMediaType.get(world) ?? ''];

/** A doc string body, its ${VAR} and {{name}} values escaped for the body's format (support/interpolate.ts). */
function setDocStringBody(world: ApiWorld, body: string): void {
  const contentType = contentTypeOfDocString(world);
  world.setBody(world.expand(body, escapeFor(contentType, body)), contentType);
}

const expandedRows = (world: ApiWorld, table: DataTable): Record<string, string> =>
  Object.fromEntries(Object.entries(table.rowsHash()).map(([name, value]) => [name, world.expand(value)]));

// ---- preparing the request ---------------------------------------------------------------------

Given('the request header {string} is {string}', function (this: ApiWorld, name: string, value: string) {
  this.addHeader(name, value);
});

Given('the request headers:', function (this: ApiWorld, table: DataTable) {
  for (const [name, value] of table.raw()) this.addHeader(name!, value ?? '');
});

Given('HTTP Basic credentials {string} and {string}', function (this: ApiWorld, user: string, password: string) {
  this.setBasicAuth(user, password);
});

Given('the request body:', function (this: ApiWorld, body: string) {
  setDocStringBody(this, body);
});

// Cells are expanded one by one, then serialised: a value holding `"` or `<` stays a value.
Given('the JSON request body:', function (this: ApiWorld, table: DataTable) {
  this.setBody(JSON.stringify(expandedRows(this, table)), 'application/json');
});

Given('the XML request body {string}:', function (this: ApiWorld, root: string, table: DataTable) {
  this.setBody(buildXml(root, expandedRows(this, table)), 'application/xml');
});

Given('I act as {string}', function (this: ApiWorld, session: string) {
  this.actAs(session);
});

// ---- sending -----------------------------------------------------------------------------------

When('I send a {method} request to {string}', async function (this: ApiWorld, method: string, path: string) {
  await this.send(method, path);
});

When('I send a {method} request to {string} with headers:', async function (this: ApiWorld, method: string, path: string, table: DataTable) {
  for (const [name, value] of table.raw()) this.addHeader(name!, value ?? '');
  await this.send(method, path);
});

When('I send a {method} request to {string} with body:', async function (this: ApiWorld, method: string, path: string, body: string) {
  setDocStringBody(this, body);
  await this.send(method, path);
});

// ---- status and headers ------------------------------------------------------------------------

Then('the response status is {int}', function (this: ApiWorld, expected: number) {
  this.expectStatus(expected);
});

Then('the response header {string} is {string}', function (this: ApiWorld, name: string, expected: string) {
  const actual = this.header(name);
  const want = this.expand(expected);
  if (actual !== want) this.fail(`Expected header ${name} to be "${want}", but ${actual === undefined ? 'it is absent' : `got "${actual}"`}`);
});

Then('the response header {string} matches {string}', function (this: ApiWorld, name: string, pattern: string) {
  const actual = this.header(name);
  if (actual === undefined || !new RegExp(this.expand(pattern)).test(actual)) {
    this.fail(`Expected header ${name} to match /${pattern}/, but ${actual === undefined ? 'it is absent' : `got "${actual}"`}`);
  }
});

Then('the response has no header {string}', function (this: ApiWorld, name: string) {
  const actual = this.header(name);
  if (actual !== undefined) this.fail(`Expected no ${name} header, but got "${actual}"`);
});

Then('the response content type is {string}', function (this: ApiWorld, expected: string) {
  const actual = this.header('content-type');
  const mediaType = actual?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== expected.toLowerCase()) this.fail(`Expected Content-Type ${expected}, but ${actual === undefined ? 'there is none' : `got "${actual}"`}`);
});

// ---- cookies -----------------------------------------------------------------------------------

export function cookieSet(world: ApiWorld, name: string): SetCookie | undefined {
  return world.setCookies().map(parseSetCookie).find((cookie) => cookie.name === name);
}

Then('the response sets the cookie {string}', function (this: ApiWorld, name: string) {
  const cookie = cookieSet(this, name);
  if (!cookie || cookie.value === '') this.fail(`Expected the response to set the cookie ${name}, but ${cookie ? 'its value is empty' : `it sets ${namesOf(this)}`}`);
});

/** Columns: name, then any of value, Path, Domain, HttpOnly, Secure, SameSite; an empty cell is not checked. */
Then('the response sets these cookies:', function (this: ApiWorld, table: DataTable) {
  for (const row of table.hashes()) {
    const name = row.name ?? '';
    const cookie = cookieSet(this, name);
    if (!cookie || cookie.value === '') {
      this.fail(`Expected the response to set the cookie ${name}, but ${cookie ? 'its value is empty' : `it sets ${namesOf(this)}`}`);
    }
    for (const [column, expected] of Object.entries(row)) {
      if (column === 'name' || expected === '') continue;
      const attribute = column.toLowerCase();
      if (attribute === 'httponly' || attribute === 'secure') {
        const want = /^(yes|true)$/i.test(expected);
        if (cookie.flags.has(attribute) !== want) this.fail(`Expected the cookie ${name} ${want ? 'to be' : 'not to be'} ${column}, but it ${want ? 'is not' : 'is'}`);
      } else {
        const actual = attribute === 'value' ? cookie.value : cookie.attributes.get(attribute);
        const want = this.expand(expected);
        if (actual !== want) this.fail(`Expected the cookie ${name} to have ${column}=${want}, but ${actual === undefined ? `it has no ${column}` : `it has ${column}=${actual}`}`);
      }
    }
  }
});

/** Any cookie name: for documents that promise "a session cookie" without naming it. */
Then('the response sets a cookie with the value {string}', function (this: ApiWorld, expected: string) {
  const want = this.expand(expected);
  const cookies = this.setCookies().map(parseSetCookie);
  if (!cookies.some((cookie) => cookie.value === want && !cookie.expiresSession)) {
    this.fail(`Expected the response to set a cookie with the value "${want}", but it sets ${cookies.length ? cookies.map((c) => `${c.name}="${c.value}"`).join(', ') : 'no cookie at all'}`);
  }
});

Then('the response sets no cookie {string}', function (this: ApiWorld, name: string) {
  const cookie = cookieSet(this, name);
  if (cookie && cookie.value !== '' && !cookie.expiresSession) this.fail(`Expected no ${name} cookie, but the response sets one`);
});

Then('the response sets no cookies', function (this: ApiWorld) {
  const live = this.setCookies().map(parseSetCookie).filter((c) => c.value !== '' && !c.expiresSession);
  if (live.length) this.fail(`Expected no cookies, but the response sets ${live.map((c) => c.name).join(', ')}`);
});

Then('the response expires the cookie {string}', function (this: ApiWorld, name: string) {
  const lines = this.setCookies().map(parseSetCookie).filter((cookie) => cookie.name === name);
  if (!lines.some((cookie) => cookie.expiresSession)) {
    this.fail(`Expected the response to expire the cookie ${name} (Max-Age=0 or an Expires in the past), but ${lines.length ? 'it sets it without expiring it' : `it sets ${namesOf(this)}`}`);
  }
});

Then('the cookie jar holds {string}', async function (this: ApiWorld, name: string) {
  const names = await this.jarCookieNames();
  if (!names.includes(name)) this.fail(`Expected the cookie jar to hold ${name}, but it holds ${names.length ? names.join(', ') : 'nothing'}`);
});

Then('the cookie jar does not hold {string}', async function (this: ApiWorld, name: string) {
  if ((await this.jarCookieNames()).includes(name)) this.fail(`Expected the cookie jar not to hold ${name}, but it does`);
});

Then('the cookie jar is empty', async function (this: ApiWorld) {
  const names = await this.jarCookieNames();
  if (names.length) this.fail(`Expected an empty cookie jar, but it holds ${names.join(', ')}`);
});

export function namesOf(world: ApiWorld): string {
  const names = world.setCookies().map((line) => parseSetCookie(line).name);
  return names.length ? `only ${names.join(', ')}` : 'no cookie at all';
}

// ---- JSON body ---------------------------------------------------------------------------------

export function jsonValue(world: ApiWorld, path: string): unknown {
  const found = readJsonPath(world.json(), path);
  if (!found.found) world.fail(`Expected the JSON body to have ${path}, but it has no ${found.missing}`);
  return found.value;
}

Then('the JSON value at {string} is {string}', function (this: ApiWorld, path: string, expected: string) {
  const actual = jsonValue(this, path);
  const want = this.expand(expected);
  if (actual !== want) this.fail(`Expected ${path} to be the string "${want}", but got ${describe(this, actual)}`);
});

Then('the JSON value at {string} is {jsonLiteral}', function (this: ApiWorld, path: string, expected: unknown) {
  const actual = jsonValue(this, path);
  if (!isDeepStrictEqual(actual, expected)) this.fail(`Expected ${path} to be ${JSON.stringify(expected)}, but got ${describe(this, actual)}`);
});

Then('the JSON value at {string} matches {string}', function (this: ApiWorld, path: string, pattern: string) {
  const actual = jsonValue(this, path);
  if (typeof actual !== 'string' || !new RegExp(this.expand(pattern)).test(actual)) this.fail(`Expected ${path} to be a string matching /${pattern}/, but got ${describe(this, actual)}`);
});

Then(/^the JSON value at "([^"]*)" is an? (string|number|integer|boolean|null|array|object)$/, function (this: ApiWorld, path: string, type: string) {
  const actual = jsonValue(this, path);
  const ok = type === 'integer' ? Number.isInteger(actual) : typeName(actual) === type;
  if (!ok) this.fail(`Expected ${path} to be ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}, but got ${describe(this, actual)}`);
});

Then('the JSON body has no {string}', function (this: ApiWorld, path: string) {
  const found = readJsonPath(this.json(), path);
  if (found.found) this.fail(`Expected the JSON body to have no ${path}, but it has ${describe(this, found.value)}`);
});

// ---- XML body ----------------------------------------------------------------------------------

export function xmlValue(world: ApiWorld, path: string): unknown {
  const found = readXmlPath(world.xml(), path);
  if (!found.found) world.fail(`Expected the XML body to have ${path}, but it has no ${found.missing}`);
  return found.value;
}

Then('the XML value at {string} is {string}', function (this: ApiWorld, path: string, expected: string) {
  const actual = xmlValue(this, path);
  const want = this.expand(expected);
  if (actual !== want) this.fail(`Expected ${path} to be "${want}", but got ${describe(this, actual)}`);
});

Then('the XML value at {string} matches {string}', function (this: ApiWorld, path: string, pattern: string) {
  const actual = xmlValue(this, path);
  if (typeof actual !== 'string' || !new RegExp(this.expand(pattern)).test(actual)) this.fail(`Expected ${path} to match /${pattern}/, but got ${describe(this, actual)}`);
});

Then('the XML body has no {string}', function (this: ApiWorld, path: string) {
  const found = readXmlPath(this.xml(), path);
  if (found.found) this.fail(`Expected the XML body to have no ${path}, but it has ${describe(this, found.value)}`);
});

// ---- whole body --------------------------------------------------------------------------------

Then('the response body matches the {string} schema', function (this: ApiWorld, name: string) {
  const { format, schema } = schemaNamed(name);
  const result = schema.safeParse(format === 'json' ? this.json() : this.xml());
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(body)'}: ${issue.message}`);
    this.fail(`Expected the body to match the "${name}" schema, but:\n  - ${problems.join('\n  - ')}`, 'bad-body');
  }
});

Then('the response body is {string}', function (this: ApiWorld, expected: string) {
  const want = this.expand(expected);
  if (this.response.text !== want) this.fail(`Expected the body to be exactly "${want}", but got "${this.response.text}"`);
});

Then('the response body is empty', function (this: ApiWorld) {
  const { body } = this.response;
  if (body.length) this.fail(`Expected an empty body, but got ${body.length} bytes`);
});

/** A body value for a failure sentence: redacted, then cut (a secret cut first no longer matches whole). */
export function describe(world: ApiWorld, value: unknown): string {
  if (value === undefined) return 'nothing';
  // Learn the body's secret fields first: the quiet profile records nothing, so they may be unknown yet.
  world.redactor.body(world.response.text, world.header('content-type'));
  const text = world.redactor.text(JSON.stringify(value) ?? '');
  return `${typeName(value)} ${text.length > 120 ? `${text.slice(0, 120)}…` : text}`;
}
