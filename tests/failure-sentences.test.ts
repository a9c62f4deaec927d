// Failure sentences cite values from the answer; a value longer than the sentence shows is cut, and it
// must be redacted before it is cut. The fixture fails on purpose, citing a 131-character JWT, in the
// quiet profile (nothing recorded, so the token is not known to the redactor before the step fails).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cucumber, explain } from './run';

const FIXTURE = 'tests/fixtures/failure-sentences/features';

describe('failure sentences', () => {
  it('mask a long token before cutting it', () => {
    const ran = cucumber(['-p', 'quiet', FIXTURE], { EMULATOR_FAULT: undefined, TOKEN_LOGIN_BASE_URL: undefined });
    assert.equal(ran.status, 1, explain(ran));
    assert.match(ran.stdout, /2 scenarios \(2 failed\)/, explain(ran));
    assert.match(ran.stdout, /Expected the JSON body to have no token, but it has string "\[REDACTED\]"\n/, explain(ran));
    assert.match(ran.stdout, /Expected \$\.token to be the string "not-this-token", but got string "\[REDACTED\]"\n/, explain(ran));
    // A JWT's header starts eyJ: no part of the token may show anywhere in the output.
    assert.doesNotMatch(`${ran.stdout}\n${ran.stderr}`, /eyJ/, explain(ran));
  });
});
