// The steps that read what an emulator received (steps/received.steps.ts) fail with one sentence naming
// the request and what it did carry; a fixture claims the wrong thing in each scenario. Their passing
// side runs in features/o2g (the Basic header, the jar's cookie), where mutation proves those scenarios fail.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cucumber, explain, scenarioCounts } from './run';

describe('the received-request steps', () => {
  it('fail with a sentence naming the request and what reached the emulator', () => {
    const ran = cucumber(['-p', 'quiet', 'tests/fixtures/received/features'], { EMULATOR_FAULT: undefined, O2G_BASE_URL: undefined });
    assert.deepEqual(scenarioCounts(ran.stdout), { total: 5, passed: 0, failed: 5, skipped: 0 }, explain(ran));
    const url = 'GET http://127\\.0\\.0\\.1:\\d+/api/rest';
    for (const sentence of [
      `Expected ${url}/authenticate\\?version=1\\.0 to reach the emulator with a Bearer Authorization header, but it came with a Basic one`,
      `Expected ${url}/authenticate\\?version=1\\.0 to reach the emulator without an Authorization header, but it came with a Basic one`,
      `Expected ${url}/authenticate\\?version=1\\.0 to reach the emulator with the cookie AlcUserId, but it carried no cookie`,
      `Expected ${url}/authenticate\\?version=1\\.0 to reach the emulator with the header X-Api-Key, but its headers were: `,
      `Expected ${url}/1\\.0/sessions to reach the emulator without cookies, but it carried AlcUserId`,
    ]) {
      assert.match(ran.stdout, new RegExp(`AssertionError \\[behaviour\\]: ${sentence}`), explain(ran));
    }
    // Names only: neither the Basic credentials nor the cookie's value reach a sentence.
    assert.doesNotMatch(ran.stdout, /o2g-demo-password|b2cyZy1kZW1v/, explain(ran));
  });
});
