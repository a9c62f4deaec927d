// Remember a value from one exchange and use it later as {{name}}: a token, a cookie, an id. Derived
// values (base64 both ways) stay secret when what they came from was secret.
import { Given, Then } from '@cucumber/cucumber';
import { readJsonPath } from '../support/json-path';
import type { ApiWorld } from '../support/world';
import { readXmlPath } from '../support/xml';

Given('I remember the JSON value at {string} as {string}', function (this: ApiWorld, path: string, name: string) {
  const found = readJsonPath(this.json(), path);
  if (!found.found) this.fail(`Cannot remember ${path} as "${name}": the JSON body has no ${found.missing}`);
  this.remember(name, found.value);
});

Given('I remember the XML value at {string} as {string}', function (this: ApiWorld, path: string, name: string) {
  const found = readXmlPath(this.xml(), path);
  if (!found.found) this.fail(`Cannot remember ${path} as "${name}": the XML body has no ${found.missing}`);
  this.remember(name, found.value);
});

Given('I remember the response header {string} as {string}', function (this: ApiWorld, header: string, name: string) {
  const value = this.header(header);
  if (value === undefined) this.fail(`Cannot remember the header ${header} as "${name}": the response has no such header`);
  this.remember(name, value);
});

Given('I remember the response body as {string}', function (this: ApiWorld, name: string) {
  this.remember(name, this.response.text);
});

Given('I remember the cookie {string} as {string}', async function (this: ApiWorld, cookie: string, name: string) {
  const value = await this.jarCookie(cookie);
  if (value === undefined) this.fail(`Cannot remember the cookie ${cookie} as "${name}": the cookie jar holds ${(await this.jarCookieNames()).join(', ') || 'nothing'}`);
  this.remember(name, value, { secret: true });
});

Given('I remember {string} as {string}', function (this: ApiWorld, text: string, name: string) {
  const value = this.expand(text);
  this.rememberDerived(name, value, value);
});

Given('I remember the base64 encoding of {string} as {string}', function (this: ApiWorld, text: string, name: string) {
  const plain = this.expand(text);
  this.rememberDerived(name, Buffer.from(plain, 'utf8').toString('base64'), plain);
});

Given('I remember the base64 decoding of {string} as {string}', function (this: ApiWorld, text: string, name: string) {
  const encoded = this.expand(text);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) this.fail(`Cannot decode "${encoded}" as base64: it is not base64 text`);
  this.rememberDerived(name, Buffer.from(encoded, 'base64').toString('utf8'), encoded);
});

Given('I remember the part of {string} after the first {string} as {string}', function (this: ApiWorld, text: string, separator: string, name: string) {
  const whole = this.expand(text);
  const at = whole.indexOf(separator);
  if (at < 0) this.fail(`Cannot split "${whole}": it has no "${separator}"`);
  this.rememberDerived(name, whole.slice(at + separator.length), whole);
});

Then('{string} is the same as {string}', function (this: ApiWorld, left: string, right: string) {
  const [a, b] = [this.expand(left), this.expand(right)];
  if (a !== b) this.fail(`Expected ${left} and ${right} to be the same, but they differ ("${a}" and "${b}")`);
});

Then('{string} is not the same as {string}', function (this: ApiWorld, left: string, right: string) {
  if (this.expand(left) === this.expand(right)) this.fail(`Expected ${left} and ${right} to differ, but both are "${this.expand(left)}"`);
});

Then('{string} matches {string}', function (this: ApiWorld, text: string, pattern: string) {
  const value = this.expand(text);
  if (!new RegExp(this.expand(pattern)).test(value)) this.fail(`Expected ${text} to match /${pattern}/, but it is "${value}"`);
});
