import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editDistance, unknownNames } from './env-names';

describe('env names', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours', () => {
    assert.equal(editDistance('TOKEN_LOGN_BASE_URL', 'TOKEN_LOGIN_BASE_URL'), 1);
    assert.equal(editDistance('SDM_PASSWROD', 'SDM_PASSWORD'), 1);
    assert.equal(editDistance('KITTEN', 'SITTING'), 3);
    assert.equal(editDistance('', 'ABC'), 3);
  });

  it('with a bound, gives the same distance up to it and none past it', () => {
    const words = ['TOKEN_LOGIN_BASE_URL', 'TOKEN_LOGN_BASE_URL', 'TOKNE_LOGIN_BASE_URL', 'ALM_SECRET', 'ALM_SECERT', 'PATH', 'HOME', 'SSL_CERT_FILE', 'SDM_PASSWORD', 'XYZ'];
    for (const a of words) {
      for (const b of words) {
        const full = editDistance(a, b);
        const bounded = editDistance(a, b, 2);
        if (full <= 2) assert.equal(bounded, full, `${a} / ${b}`);
        else assert.ok(bounded > 2, `${a} / ${b}: ${bounded}`);
      }
    }
  });

  it('names a near miss of a known name, and nothing for the names of a shell', () => {
    const rules = { known: ['TOKEN_LOGIN_BASE_URL', 'ALM_SECRET'], prefixes: ['TOKEN_LOGIN_', 'ALM_'] };
    assert.deepEqual(unknownNames(['PATH', 'HOME', 'SSL_CERT_FILE', 'TOKEN_LOGN_BASE_URL', 'alm_secret', 'ALM_TENANT'], rules), [
      { name: 'TOKEN_LOGN_BASE_URL', nearest: 'TOKEN_LOGIN_BASE_URL' },
      { name: 'alm_secret', nearest: 'ALM_SECRET' },
      { name: 'ALM_TENANT', nearest: 'ALM_SECRET' },
    ]);
  });
});
