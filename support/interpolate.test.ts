import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeFor, interpolate, interpolateTraced } from './interpolate';

describe('traced interpolation', () => {
  const remembered = new Map<string, unknown>([['token', 'abc'], ['n', 3], ['nothing', undefined]]);

  it('says which part of the result each ${VAR} and {{name}} produced, escaped as written and as the value', () => {
    const json = '{"user": "${USER}", "n": {{n}}, "t": "{{ token }}"}';
    const traced = interpolateTraced(json, remembered, { USER: 'a"b' }, escapeFor(undefined, json));
    assert.equal(traced.text, '{"user": "a\\"b", "n": 3, "t": "abc"}');
    assert.deepEqual(traced.segments, [
      { text: '{"user": "' },
      { text: 'a\\"b', from: { variable: 'USER' }, value: 'a"b' },
      { text: '", "n": ' },
      { text: '3', from: { remembered: 'n' }, value: '3' },
      { text: ', "t": "' },
      { text: 'abc', from: { remembered: 'token' }, value: 'abc' },
      { text: '"}' },
    ]);
    assert.equal(interpolate(json, remembered, { USER: 'a"b' }, escapeFor(undefined, json)), traced.text);
  });

  it('never reads an expanded value again: a secret holding {{ or ${ stays that value', () => {
    assert.equal(interpolate('${PASSWORD}', remembered, { PASSWORD: 'p{{token}}${X}' }), 'p{{token}}${X}');
    assert.equal(interpolate('{{nothing}}', remembered, {}), 'undefined');
  });
});
