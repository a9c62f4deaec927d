// Numbers compared, wherever they are: a JSON value, XML text, a response header, a JWT claim, or the
// lifetime of a JWT or a cookie ({value}, steps/assertion-parameters.ts). "is at least 60", "is ≤ 2000",
// "is between 29 and 31": one step per comparison, for every source.
import { Then } from '@cucumber/cucumber';
import { between, holds, shown, type Comparison } from '../support/assertions/comparison';
import type { ValueSource } from '../support/assertions/sources';
import type { ApiWorld } from '../support/world';
import { readNumber } from './assertion-values';

Then('{value} is {comparison} {float}', function (this: ApiWorld, source: ValueSource, comparison: Comparison, bound: number) {
  const { label, value } = readNumber(this, source);
  if (!holds(value, comparison, bound)) this.fail(`Expected ${label} to be ${comparison.words} ${shown(bound)}, but it is ${shown(value)}`);
});

Then('{value} is between {float} and {float}', function (this: ApiWorld, source: ValueSource, low: number, high: number) {
  const { label, value } = readNumber(this, source);
  if (!between(value, low, high)) this.fail(`Expected ${label} to be between ${shown(low)} and ${shown(high)}, but it is ${shown(value)}`);
});
