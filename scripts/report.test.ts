// The report sorts failures by the category code each error carries, never by its wording: every code
// lands in exactly one Allure category, whatever the sentence says, with the status Allure gives it.
import assert from 'node:assert/strict';
import { AssertionError } from 'node:assert';
import { describe, it } from 'node:test';
import { formatError } from '@cucumber/cucumber/lib/runtime/format_error';
import { getStatusFromError } from 'allure-js-commons/sdk';
import { ConfigError } from '../support/config';
import { CATEGORY_CODES, ConfigurationError, ExpectationError, TargetError, type CategoryCode } from '../support/errors';
import { categoriesOf } from '../tests/allure-categories';
import { CATEGORIES } from './report';

// One sentence for every code, worded like each category's failures used to be recognised.
const SENTENCE = 'Expected status 200 from GET http://127.0.0.1:9/login, but got 401 (Cannot reach it? ${X} is not set: set X)\n\nGET http://127.0.0.1:9/login\n\n(no body)';

const RAISED: Record<CategoryCode, { raise: () => Error; category: string; status: string }[]> = {
  'wrong-status': [{ raise: () => new ExpectationError(SENTENCE, 'wrong-status'), category: 'Product defect: wrong status', status: 'failed' }],
  'bad-body': [{ raise: () => new ExpectationError(SENTENCE, 'bad-body'), category: 'Product defect: body does not match the documented schema', status: 'failed' }],
  behaviour: [{ raise: () => new ExpectationError(SENTENCE, 'behaviour'), category: 'Product defect: other documented behaviour', status: 'failed' }],
  unreachable: [{ raise: () => new TargetError(SENTENCE, 'refused'), category: 'Environment: target unreachable or too slow', status: 'broken' }],
  'bad-config': [
    { raise: () => new ConfigurationError(SENTENCE), category: 'Environment: bad configuration', status: 'broken' },
    { raise: () => new ConfigError([SENTENCE]), category: 'Environment: bad configuration', status: 'broken' },
  ],
};

/** A failed step as cucumber records it and allure-cucumberjs reads it back: its message and Allure status. */
function recorded(error: Error): { message: string; status: string } {
  const { message, exception } = formatError(error, true);
  return { message: message!, status: getStatusFromError({ message: message!, stack: exception!.stackTrace, name: exception!.type } as Error) };
}

describe('report categories by code', () => {
  it('keeps the six categories and their statuses', () => {
    assert.deepEqual(
      CATEGORIES.map((c) => [c.name, c.matchedStatuses.join('+')]),
      [
        ['Environment: target unreachable or too slow', 'broken+failed'],
        ['Environment: bad configuration', 'broken+failed'],
        ['Product defect: wrong status', 'failed'],
        ['Product defect: body does not match the documented schema', 'failed'],
        ['Product defect: other documented behaviour', 'failed'],
        ['Test defect: a step broke', 'broken'],
      ],
    );
  });

  it('puts each category code in exactly one category, by the code alone', () => {
    assert.deepEqual(Object.keys(RAISED).sort(), [...CATEGORY_CODES].sort());
    for (const [code, cases] of Object.entries(RAISED)) {
      for (const { raise, category, status } of cases) {
        const error = raise();
        const { message, status: allureStatus } = recorded(error);
        assert.ok(message.startsWith(`${error.name}: `) && error.name.endsWith(` [${code}]`), message);
        assert.equal(allureStatus, status, message);
        assert.deepEqual(categoriesOf(status, message), [category], message);
        // A body or exchange that mentions "assert" makes Allure call any error failed: still one category.
        const other = status === 'failed' ? 'broken' : 'failed';
        assert.equal(categoriesOf(other, message).length, 1, `${other}: ${message}`);
      }
    }
  });

  it('sorts an error we did not raise as a broken step, or as other behaviour when it is an assertion', () => {
    const typeError = recorded(new TypeError("Cannot read properties of undefined (reading 'status')"));
    assert.equal(typeError.status, 'broken');
    assert.deepEqual(categoriesOf(typeError.status, typeError.message), ['Test defect: a step broke']);
    const assertion = recorded(new AssertionError({ message: 'Expected status 200, but got 401' }));
    assert.equal(assertion.status, 'failed');
    assert.deepEqual(categoriesOf(assertion.status, assertion.message), ['Product defect: other documented behaviour']);
  });
});
