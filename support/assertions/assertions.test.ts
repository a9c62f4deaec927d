// The pure parts of the assertion steps: comparison words, numbers read from text, the {value} and
// {collection} parameters, text formats, percentiles, lifetimes of JWTs and cookies, collection items.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSetCookie } from '../cookies';
import { parseXml } from '../xml';
import { fieldOf, itemIs, jsonItems, xmlItems } from './collections';
import { COMPARISON_PATTERN, between, countWords, holds, numberFromText, parseComparison, shown } from './comparison';
import { cookieLifetime, jwtLifetime, secondsAhead } from './lifetimes';
import { COLLECTION_PATTERN, VALUE_PATTERN, labelOf, parseCollectionSource, parseValueSource } from './sources';
import { TEXT_FORMAT_PATTERN, isBase64, isBase64Url, isIsoDate, textFormatNamed } from './text-formats';
import { figures, nearestRank, ordinal, statusTally, summarise } from './timing';

const whole = (pattern: RegExp, text: string) => new RegExp(`^(?:${pattern.source})$`).test(text);

describe('comparisons', () => {
  it('reads every spelling, symbols included, and says each back in one wording', () => {
    const cases: Array<[string, string]> = [
      ['below', 'below'], ['less than', 'below'], ['fewer than', 'below'], ['<', 'below'],
      ['at most', 'at most'], ['<=', 'at most'], ['≤', 'at most'],
      ['above', 'above'], ['greater than', 'above'], ['more than', 'above'], ['>', 'above'],
      ['at least', 'at least'], ['>=', 'at least'], ['≥', 'at least'], ['exactly', 'exactly'], ['=', 'exactly'],
    ];
    for (const [spelling, words] of cases) {
      assert.equal(parseComparison(spelling).words, words, spelling);
      assert.ok(whole(COMPARISON_PATTERN, spelling), spelling);
    }
    assert.equal(COMPARISON_PATTERN.exec('<= 3')?.[0], '<=', 'the longer symbol first');
    assert.throws(() => parseComparison('around'), /"around" is not a comparison/);
  });
  it('compares at the bounds exactly as the words say', () => {
    const at = (spelling: string, actual: number, bound: number) => holds(actual, parseComparison(spelling), bound);
    assert.deepEqual([at('<', 1, 2), at('<', 2, 2), at('<=', 2, 2), at('<=', 3, 2)], [true, false, true, false]);
    assert.deepEqual([at('>', 3, 2), at('>', 2, 2), at('>=', 2, 2), at('>=', 1, 2)], [true, false, true, false]);
    assert.deepEqual([at('=', 2, 2), at('=', 2.001, 2)], [true, false]);
    assert.equal(countWords(parseComparison('<')), 'fewer than');
    assert.equal(countWords(parseComparison('>')), 'more than');
  });
  it('includes both bounds of a range, written in either order', () => {
    assert.deepEqual([between(29, 29, 31), between(31, 29, 31), between(30, 31, 29), between(28.99, 29, 31), between(31.01, 31, 29)], [true, true, true, false, false]);
  });
  it('reads a number from text only when the whole text is one', () => {
    assert.deepEqual(['0', ' 42 ', '-1.5', '+3', '.5', '1e3', '2.'].map(numberFromText), [0, 42, -1.5, 3, 0.5, 1000, 2]);
    for (const text of ['', ' ', 'abc', '1,5', '0x1F', 'Infinity', 'NaN', '1 2', '12px', '1e999']) assert.equal(numberFromText(text), undefined, JSON.stringify(text));
  });
  it('shows measured numbers without float noise', () => {
    assert.deepEqual([shown(29.983333333), shown(1800), shown(-0.5), shown(1 / 3)], ['29.983', '1800', '-0.5', '0.333']);
  });
});

describe('the {value} and {collection} parameters', () => {
  it('read each way of naming a value, and label it as the scenario wrote it', () => {
    const cases: Array<[string, ReturnType<typeof parseValueSource>, string]> = [
      ['the JSON value at "$.a[0].b"', { kind: 'json', path: '$.a[0].b' }, '$.a[0].b'],
      ['the XML value at "/session/idleTimeout"', { kind: 'xml', path: '/session/idleTimeout' }, '/session/idleTimeout'],
      ['the response header "Content-Length"', { kind: 'header', name: 'Content-Length' }, 'the header Content-Length'],
      ['the JWT claim "exp" of "{{token}}"', { kind: 'jwt-claim', claim: 'exp', token: '{{token}}' }, 'the JWT claim exp of {{token}}'],
      ['the lifetime of the JWT "{{token}}" in minutes', { kind: 'jwt-lifetime', token: '{{token}}', unit: 'minutes' }, 'the lifetime in minutes of the JWT {{token}}'],
      ['the lifetime of the cookie "JSESSIONID" in seconds', { kind: 'cookie-lifetime', cookie: 'JSESSIONID', unit: 'seconds' }, 'the lifetime in seconds of the cookie JSESSIONID'],
    ];
    for (const [text, source, label] of cases) {
      assert.ok(whole(VALUE_PATTERN, text), text);
      assert.deepEqual(parseValueSource(text), source);
      assert.equal(labelOf(source), label);
    }
    assert.equal(whole(VALUE_PATTERN, 'the JSON value at "$.a" of "x"'), false);
    assert.equal(whole(VALUE_PATTERN, 'the lifetime of the JWT "t" in hours'), false);
    assert.throws(() => parseValueSource('the YAML value at "a"'), /names no value/);
  });
  it('read a JSON array or XML elements', () => {
    assert.deepEqual(parseCollectionSource('the JSON array at "$.services"'), { kind: 'json', path: '$.services' });
    assert.deepEqual(parseCollectionSource('the XML elements at "/deviceGroups/deviceGroup"'), { kind: 'xml', path: '/deviceGroups/deviceGroup' });
    assert.ok(whole(COLLECTION_PATTERN, 'the XML elements at "/a/b"'));
    assert.equal(whole(COLLECTION_PATTERN, 'the XML array at "/a/b"'), false);
    assert.throws(() => parseCollectionSource('the list at "x"'), /names no collection/);
  });
});

describe('text formats', () => {
  it('knows a UUID', () => {
    const uuid = textFormatNamed('a UUID');
    assert.equal(uuid.test('123e4567-e89b-12d3-a456-426614174000'), true);
    assert.equal(uuid.test('123E4567-E89B-12D3-A456-426614174000'), true);
    for (const text of ['123e4567e89b12d3a456426614174000', '123e4567-e89b-12d3-a456-42661417400', '{123e4567-e89b-12d3-a456-426614174000}', 'g23e4567-e89b-12d3-a456-426614174000']) assert.equal(uuid.test(text), false, text);
  });
  it('knows an ISO 8601 date or date-time that names a real moment', () => {
    for (const text of ['2024-02-29', '2023-01-20T21:40:48Z', '2023-01-20T21:40:48.123Z', '2023-01-20T21:40:48+01:00', '2023-01-20T21:40', '2023-01-20T21:40:48']) assert.equal(isIsoDate(text), true, text);
    for (const text of ['2023-02-29', '2023-13-01', '2023-01-20T24:00:00Z', '2023-01-20 21:40:48', '20230120', 'Fri, 20 Jan 2023 21:40:48 GMT', '2023-01-20T21:40:48+25:00', '']) assert.equal(isIsoDate(text), false, text);
  });
  it('tells base64 from base64url', () => {
    assert.deepEqual(['YWRtaW46c2VjcmV0', 'YQ==', 'YWI=', 'a+b/'].map(isBase64), [true, true, true, true]);
    assert.deepEqual(['', 'YQ', 'YQ=', 'a-b_', 'YW Jj', 'YQ===', '===='].map(isBase64), [false, false, false, false, false, false, false]);
    assert.deepEqual(['eyJhbGciOiJIUzI1NiJ9', 'a-b_', 'YQ'].map(isBase64Url), [true, true, true]);
    assert.deepEqual(['', 'YQ==', 'a+b/', 'abcde', 'a.b'].map(isBase64Url), [false, false, false, false, false]);
  });
  it('has a parameter pattern that reads base64url whole, not as base64', () => {
    assert.equal(TEXT_FORMAT_PATTERN.exec('base64url')?.[0], 'base64url');
    assert.throws(() => textFormatNamed('a GUID'), /not a known text format/);
  });
});

describe('response-time figures', () => {
  it('take the nearest rank, always one of the measured values', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    assert.equal(nearestRank(twenty, 95), 19);
    assert.equal(nearestRank(twenty, 100), 20);
    assert.equal(nearestRank(twenty, 50), 10);
    assert.equal(nearestRank([7], 95), 7);
    assert.equal(nearestRank([1, 2, 3], 1), 1);
    assert.throws(() => nearestRank([], 95), /no durations/);
    assert.throws(() => nearestRank([1], 0), /percentile does not exist/);
  });
  it('summarise unsorted durations into min, median, the percentile and max', () => {
    const timings = summarise([40, 10, 30, 20, 500], 95);
    assert.deepEqual(timings, { count: 5, min: 10, median: 30, percentile: 95, atPercentile: 500, max: 500 });
    assert.equal(figures(timings), 'min 10, median 30, p95 500, max 500 ms');
  });
  it('write ordinals and tally statuses', () => {
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 95, 100, 101].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '95th', '100th', '101st']);
    assert.equal(statusTally([200, 503, 200, 200, 401]), '200 × 3, 401 × 1, 503 × 1');
  });
});

describe('lifetimes', () => {
  const date = 'Fri, 20 Jan 2023 21:40:48 GMT';
  const issued = Date.parse(date) / 1000;
  it('measure a JWT from iat to exp, and from the answer\'s Date when it has no iat', () => {
    assert.deepEqual(jwtLifetime({ iat: 100, exp: 1900 }, date), { ok: true, seconds: 1800, how: 'exp − iat' });
    assert.deepEqual(jwtLifetime({ exp: issued + 1800 }, date), { ok: true, seconds: 1800, how: "exp − the response's Date, as it has no iat" });
    assert.deepEqual(jwtLifetime({ exp: 2000 }, undefined, 1_000_000), { ok: true, seconds: 1000, how: 'exp − the local clock, as it has no iat' });
    assert.match((jwtLifetime({ user: 'x' }, date) as { problem: string }).problem, /no numeric exp claim \(exp is absent\)/);
    assert.match((jwtLifetime({ exp: '1900' }, date) as { problem: string }).problem, /exp is "1900"/);
    assert.match((jwtLifetime({ exp: 1900, iat: 'now' }, date) as { problem: string }).problem, /iat claim that is not a number/);
  });
  it('measure a cookie by Max-Age before Expires, as RFC 6265 has it', () => {
    const both = parseSetCookie(`a=1; Max-Age=60; Expires=${new Date((issued + 3600) * 1000).toUTCString()}`);
    assert.deepEqual(cookieLifetime(both, date), { ok: true, seconds: 60, how: 'its Max-Age' });
    const expires = parseSetCookie(`a=1; Expires=${new Date((issued + 3600) * 1000).toUTCString()}`);
    assert.deepEqual(cookieLifetime(expires, date), { ok: true, seconds: 3600, how: "its Expires − the response's Date" });
    assert.deepEqual(cookieLifetime(parseSetCookie('a=; Max-Age=0'), date), { ok: true, seconds: 0, how: 'its Max-Age' });
    assert.match((cookieLifetime(parseSetCookie('a=1; Path=/'), date) as { problem: string }).problem, /neither Max-Age nor Expires/);
    assert.match((cookieLifetime(parseSetCookie('a=1; Max-Age=soon'), date) as { problem: string }).problem, /Max-Age=soon, which is not a whole number/);
    assert.match((cookieLifetime(parseSetCookie('a=1; Expires=tomorrow'), date) as { problem: string }).problem, /Expires=tomorrow, which is not a date/);
  });
  it('put a time claim in the future only when it is after the server\'s clock', () => {
    assert.deepEqual(secondsAhead(issued, date), { ahead: 0, from: `the response's Date (${date})` });
    assert.equal(secondsAhead(issued + 5, date).ahead, 5);
    assert.equal(secondsAhead(issued - 5, date).ahead, -5);
    assert.match(secondsAhead(0, undefined).from, /the local clock/);
  });
});

describe('collection items', () => {
  it('are a JSON array, never a missing path or another value read as []', () => {
    assert.deepEqual(jsonItems({ a: [1, 'x'] }, '$.a'), { ok: true, items: [1, 'x'] });
    assert.deepEqual(jsonItems({ a: [] }, '$.a'), { ok: true, items: [] });
    assert.deepEqual(jsonItems({ a: {} }, '$.a'), { ok: false, notAList: {} });
    assert.deepEqual(jsonItems({}, '$.a.b'), { ok: false, missing: '$.a' });
  });
  it('are the XML elements of a name: one, several, or none when only the last step is missing', () => {
    const one = parseXml('<list><item id="7">a</item></list>');
    const several = parseXml('<list><item>a</item><item><name>b</name></item></list>');
    assert.deepEqual(xmlItems(one, '/list/item'), { ok: true, items: ['a'] });
    assert.deepEqual(xmlItems(several, '/list/item'), { ok: true, items: ['a', { name: 'b' }] });
    assert.deepEqual(xmlItems(one, '/list/other'), { ok: true, items: [] });
    assert.deepEqual(xmlItems(one, '/lsit/item'), { ok: false, missing: '/lsit' });
    assert.deepEqual(xmlItems(one, '/other'), { ok: false, missing: '/other' });
  });
  it('equal a text when they are that string, or a scalar written that way', () => {
    assert.deepEqual([itemIs('a', 'a'), itemIs(3, '3'), itemIs(true, 'true'), itemIs(null, 'null')], [true, true, true, true]);
    assert.deepEqual([itemIs('3', '03'), itemIs(3, '"3"'), itemIs({ a: 1 }, '[object Object]'), itemIs(['a'], 'a')], [false, false, false, false]);
  });
  it('have fields read by a JSON or an XML path', () => {
    assert.deepEqual(fieldOf({ owner: { id: 4 } }, 'owner.id', 'json'), { found: true, value: 4 });
    assert.deepEqual(fieldOf({ name: 'b', '@id': '9' }, '@id', 'xml'), { found: true, value: '9' });
    assert.deepEqual(fieldOf('a', 'name', 'xml'), { found: false });
    assert.deepEqual(fieldOf({ a: 1 }, 'b', 'json'), { found: false });
  });
});
