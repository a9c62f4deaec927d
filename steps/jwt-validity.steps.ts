// A JWT's validity as a client can judge it without the vendor's key: its time claims (iat, nbf) not
// ahead of the server's clock (the last answer's Date), and a signing algorithm other than "none" (an
// unsigned token anyone can forge). Numeric claims and the lifetime are compared by the number steps:
// the JWT claim "exp" of "{{token}}" is above ..., the lifetime of the JWT "{{token}}" in minutes is ...
import { Then } from '@cucumber/cucumber';
import { secondsAhead } from '../support/assertions/lifetimes';
import type { ApiWorld } from '../support/world';
import { readNumber } from './assertion-values';
import { decode } from './jwt.steps';

Then('the JWT claim {string} of {string} is not in the future', function (this: ApiWorld, claim: string, token: string) {
  const { label, value } = readNumber(this, { kind: 'jwt-claim', claim, token });
  const { ahead, from } = secondsAhead(value, this.header('date'));
  if (ahead > 0) this.fail(`Expected ${label} not to be in the future, but it is ${ahead} s after ${from}`);
});

Then('the JWT {string} names a signing algorithm other than "none"', function (this: ApiWorld, token: string) {
  const { header } = decode(this, token);
  const alg = header.alg;
  if (typeof alg !== 'string' || alg.trim() === '') this.fail(`Expected the JWT ${token} to name its signing algorithm in the header field alg, but ${Object.hasOwn(header, 'alg') ? `alg is ${JSON.stringify(alg)}` : 'its header has no alg'}`);
  // Case-insensitively: "None" and "NONE" are the classic ways past a check for "none".
  if (alg.trim().toLowerCase() === 'none') this.fail(`Expected the JWT ${token} to be signed, but its header field alg is "${alg}": anyone can forge it`);
});
