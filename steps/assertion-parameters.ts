// The parameter types of the generic assertion steps (numbers, text, collections, timing), each defined
// once: {value} names where a value is read, {comparison} how it is compared, {collection} a list in the
// body, {containment} contains / does not contain, {textFormat} a UUID / an ISO date / base64(url),
// {ordinal} 95th. Their words are in support/assertions/.
import { defineParameterType } from '@cucumber/cucumber';
import { COMPARISON_PATTERN, parseComparison } from '../support/assertions/comparison';
import { COLLECTION_PATTERN, VALUE_PATTERN, parseCollectionSource, parseValueSource } from '../support/assertions/sources';
import { TEXT_FORMAT_PATTERN, textFormatNamed } from '../support/assertions/text-formats';

const quiet = { useForSnippets: false, preferForRegexpMatch: false };

defineParameterType({ name: 'value', regexp: VALUE_PATTERN, transformer: parseValueSource, ...quiet });
defineParameterType({ name: 'collection', regexp: COLLECTION_PATTERN, transformer: parseCollectionSource, ...quiet });
defineParameterType({ name: 'comparison', regexp: COMPARISON_PATTERN, transformer: parseComparison, ...quiet });
defineParameterType({ name: 'containment', regexp: /contains|does not contain/, transformer: (text: string) => text === 'contains', ...quiet });
defineParameterType({ name: 'textFormat', regexp: TEXT_FORMAT_PATTERN, transformer: textFormatNamed, ...quiet });
defineParameterType({ name: 'ordinal', regexp: /\d+(?:st|nd|rd|th)/, transformer: (text: string) => Number.parseInt(text, 10), ...quiet });
