// Attributes a Set-Cookie line must not carry (no Domain: a host-only cookie; no SameSite; no Expires
// or Max-Age: a session cookie). What it carries is the table step's ("the response sets these
// cookies:"); how long it lives is a number: the lifetime of the cookie "X" in seconds is between ...
import { Then } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/world';
import { cookieSet, namesOf } from './http.steps';

Then('the response sets the cookie {string} without the {word} attribute', function (this: ApiWorld, name: string, attribute: string) {
  const cookie = cookieSet(this, name);
  if (!cookie) return this.fail(`Expected the response to set the cookie ${name}, but it sets ${namesOf(this)}`);
  const key = attribute.toLowerCase();
  const value = cookie.attributes.get(key);
  if (value !== undefined) this.fail(`Expected the cookie ${name} to be set without a ${attribute} attribute, but it has ${attribute}=${value}`);
  if (cookie.flags.has(key)) this.fail(`Expected the cookie ${name} to be set without a ${attribute} attribute, but it is ${attribute}`);
});
