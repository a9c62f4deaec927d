// Text values of a known format, wherever they are ({value}: a JSON value, XML text, a header, a JWT
// claim): a UUID, an ISO 8601 date, base64 or base64url. A regular expression is the existing
// "matches" steps' (the JSON value / the XML value / the response header ... matches "...").
import { Then } from '@cucumber/cucumber';
import type { ValueSource } from '../support/assertions/sources';
import type { TextFormat } from '../support/assertions/text-formats';
import type { ApiWorld } from '../support/world';
import { cite, readText } from './assertion-values';

Then('{value} is {textFormat}', function (this: ApiWorld, source: ValueSource, format: TextFormat) {
  const read = readText(this, source);
  if (!format.test(read.value)) this.fail(`Expected ${read.label} to be ${format.name}, but got ${cite(this, read)}`);
});
