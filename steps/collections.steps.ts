// Lists in a body ({collection}: the JSON array at "$.items", the XML elements at "/list/item"): how many
// items, whether one is (or has a field that is) a given text, and whether every item matches a named
// schema of support/apis/<api>/schemas.ts.
import { Then } from '@cucumber/cucumber';
import { fieldOf, itemIs, items } from '../support/assertions/collections';
import { countWords, holds, type Comparison } from '../support/assertions/comparison';
import type { CollectionSource } from '../support/assertions/sources';
import { schemaNamed } from '../support/schemas';
import type { ApiWorld } from '../support/world';
import { readItems } from './assertion-values';
import { describe } from './http.steps';

Then('{collection} has {comparison} {int} item(s)', function (this: ApiWorld, source: CollectionSource, comparison: Comparison, bound: number) {
  const { label, items: list } = readItems(this, source);
  if (!holds(list.length, comparison, bound)) this.fail(`Expected ${label} to have ${countWords(comparison)} ${items(bound)}, but it has ${list.length}`);
});

Then('{collection} {containment} {string}', function (this: ApiWorld, source: CollectionSource, contains: boolean, expected: string) {
  const { label, items: list } = readItems(this, source);
  const want = this.expand(expected);
  const at = list.findIndex((item) => itemIs(item, want));
  if (contains && at < 0) this.fail(`Expected ${label} to contain "${want}", but it holds ${describe(this, list)}`);
  if (!contains && at >= 0) this.fail(`Expected ${label} not to contain "${want}", but item ${at} is ${describe(this, list[at])}`);
});

Then('{collection} {containment} an item whose {string} is {string}', function (this: ApiWorld, source: CollectionSource, contains: boolean, field: string, expected: string) {
  const { label, items: list } = readItems(this, source);
  const want = this.expand(expected);
  const fields = list.map((item) => fieldOf(item, field, source.kind));
  const at = fields.findIndex((found) => found.found && itemIs(found.value, want));
  if (contains && at < 0) {
    const seen = fields.flatMap((found) => (found.found ? [found.value] : []));
    this.fail(`Expected ${label} to contain an item whose ${field} is "${want}", but ${seen.length ? `its items' ${field} values are ${describe(this, seen)}` : `no item of ${list.length} has a ${field}`}`);
  }
  if (!contains && at >= 0) this.fail(`Expected ${label} not to contain an item whose ${field} is "${want}", but item ${at} is ${describe(this, list[at])}`);
});

Then('every item of {collection} matches the {string} schema', function (this: ApiWorld, source: CollectionSource, name: string) {
  const { format, schema } = schemaNamed(name);
  if (format !== source.kind) throw new Error(`The "${name}" schema is for ${format.toUpperCase()} bodies, but ${source.path} is read from the ${source.kind.toUpperCase()} body: name one of the ${source.kind.toUpperCase()} schemas`);
  const { label, items: list } = readItems(this, source);
  const failures = list.flatMap((item, index) => {
    const result = schema.safeParse(item);
    return result.success ? [] : [{ index, problems: result.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(item)'}: ${issue.message}`) }];
  });
  const first = failures[0];
  if (first) {
    const shownProblems = first.problems.slice(0, 3).join('; ') + (first.problems.length > 3 ? `; and ${first.problems.length - 3} more` : '');
    this.fail(`Expected every item of ${label} to match the "${name}" schema, but ${failures.length} of ${list.length} do not; item ${first.index}: ${shownProblems}`, 'bad-body');
  }
});
