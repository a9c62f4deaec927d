// JSON Web Tokens, decoded without verification (a client has no vendor key): structure, header fields,
// claims and lifetime. Lifetimes are measured against the response's Date header, the server's clock.
import { Then } from '@cucumber/cucumber';
import { isDeepStrictEqual } from 'node:util';
import { decodeJwt, type DecodedJwt } from '../support/jwt';
import type { ApiWorld } from '../support/world';

export function decode(world: ApiWorld, text: string): DecodedJwt {
  const token = world.expand(text);
  try {
    return decodeJwt(token);
  } catch (error) {
    return world.fail(`Expected ${text} to be a JWT, but it ${(error as Error).message}`);
  }
}

function check(world: ApiWorld, text: string, part: 'header' | 'payload', field: string, expected: string): void {
  const jwt = decode(world, text);
  const actual = jwt[part][field];
  const want = world.expand(expected);
  const label = part === 'header' ? 'header field' : 'claim';
  if (!Object.hasOwn(jwt[part], field)) world.fail(`Expected the JWT ${text} to have the ${label} "${field}", but it has only ${Object.keys(jwt[part]).join(', ') || 'none'}`);
  if (!isDeepStrictEqual(actual, want)) world.fail(`Expected the JWT ${label} "${field}" to be "${want}", but got ${JSON.stringify(actual)}`);
}

Then('the JWT {string} has the header field {string} equal to {string}', function (this: ApiWorld, token: string, field: string, expected: string) {
  check(this, token, 'header', field, expected);
});

Then('the JWT {string} has the claim {string} equal to {string}', function (this: ApiWorld, token: string, field: string, expected: string) {
  check(this, token, 'payload', field, expected);
});

Then('the JWT {string} has exactly the claims {string}', function (this: ApiWorld, token: string, list: string) {
  const want = list.split(',').map((claim) => claim.trim()).sort();
  const actual = Object.keys(decode(this, token).payload).sort();
  if (!isDeepStrictEqual(actual, want)) this.fail(`Expected the JWT ${token} to carry the claims ${want.join(', ')}, but it carries ${actual.join(', ')}`);
});

/** Seconds from the server's Date (the moment of issue) to the token's exp claim. */
function lifetimeSeconds(world: ApiWorld, token: string): number {
  const exp = decode(world, token).payload.exp;
  if (typeof exp !== 'number' || !Number.isInteger(exp)) world.fail(`Expected the JWT ${token} to carry an integer exp claim, but got ${JSON.stringify(exp)}`);
  const date = world.header('date');
  const issued = date !== undefined && !Number.isNaN(Date.parse(date)) ? Date.parse(date) : Date.now();
  return exp - Math.floor(issued / 1000);
}

Then('the JWT {string} expires {int} minutes after it was issued, give or take {int} seconds', function (this: ApiWorld, token: string, minutes: number, tolerance: number) {
  const seconds = lifetimeSeconds(this, token);
  if (Math.abs(seconds - minutes * 60) > tolerance) {
    this.fail(`Expected the JWT ${token} to expire ${minutes} minutes (±${tolerance} s) after it was issued, but it expires ${seconds} s (${(seconds / 60).toFixed(1)} min) after the response's Date`);
  }
});

Then('the JWT {string} lives at least {int} minutes, give or take {int} seconds', function (this: ApiWorld, token: string, minutes: number, tolerance: number) {
  const seconds = lifetimeSeconds(this, token);
  if (seconds < minutes * 60 - tolerance) this.fail(`Expected the JWT ${token} to live at least ${minutes} minutes, but it expires ${seconds} s after it was issued`);
});
