// A forgery is well-formed like the credential it copies and never equal to it: a JWT keeps its header
// and claims under a signature of our own; anything else keeps its length, separators and alphabets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt, signHs256, verifyHs256 } from '../jwt';
import { forge } from './forge';

describe('forge', () => {
  it('re-signs a JWT: the same header and claims, a signature the issuer\'s key does not verify', () => {
    const token = signHs256({ sub: 'o2g-demo', iat: 1_700_000_000 }, 'the issuer key', { alg: 'HS256' });
    const forged = forge(token);
    assert.notEqual(forged, token);
    assert.deepEqual(forged.split('.').slice(0, 2), token.split('.').slice(0, 2));
    assert.deepEqual(decodeJwt(forged), decodeJwt(token));
    assert.equal(verifyHs256(forged, 'the issuer key'), false);
    assert.equal(forged.split('.')[2]!.length, token.split('.')[2]!.length);
  });

  it('gives a JWT of another algorithm a random signature of the same size', () => {
    const token = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.${Buffer.alloc(256, 7).toString('base64url')}`;
    const forged = forge(token);
    assert.notEqual(forged, token);
    assert.equal(Buffer.from(forged.split('.')[2]!, 'base64url').length, 256);
  });

  it('keeps hex as hex in its case, base64 as base64, separators and short runs where they were', () => {
    const sdm = `${'0123456789ABCDEF'.repeat(2)}.tomcat1`;
    assert.match(forge(sdm), /^[0-9A-F]{32}\.tomcat1$/);
    assert.notEqual(forge(sdm), sdm);
    const xsrf = 'a1b2c3d4'.repeat(8);
    assert.match(forge(xsrf), /^[0-9a-f]{64}$/);
    const apiToken = 'Ab3+dEf9/GhIjK1mN0pQ+rStUvWxYz12/34567=';
    const forgedToken = forge(apiToken);
    assert.equal(forgedToken.length, apiToken.length);
    assert.deepEqual([...forgedToken].map((c, i) => (/[+/=]/.test(c) ? `${i}${c}` : '')).join(''), [...apiToken].map((c, i) => (/[+/=]/.test(c) ? `${i}${c}` : '')).join(''));
    const lwsso = 'k3Jd-_Qw0ErTyUiOpAsDfGhJkLzXcVbNm..';
    const forgedLwsso = forge(lwsso);
    assert.match(forgedLwsso, /^k3Jd-_[\w-]+\.\.$/);
    assert.equal(forgedLwsso.length, lwsso.length);
    assert.notEqual(forgedLwsso, lwsso);
  });

  it('refuses a value without letters or digits, in one sentence', () => {
    assert.throws(() => forge('-._-'), { message: 'Cannot forge a credential like "-._-": it has no letters or digits to replace' });
  });
});
