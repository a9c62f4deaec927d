// NO_PROXY read as curl reads it, and the proxy each target gets (support/tls/no-proxy.ts, proxy.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bypassesProxy } from './no-proxy';
import { chooseProxy, maskedProxy, proxyUrlProblem } from './proxy';

const bypass = (url: string, noProxy: string) => bypassesProxy(new URL(url), noProxy);

describe('NO_PROXY', () => {
  it('matches a host and its subdomains, with or without a leading dot, never a longer name', () => {
    assert.equal(bypass('https://example.com/x', 'example.com'), true);
    assert.equal(bypass('https://api.example.com', 'example.com'), true);
    assert.equal(bypass('https://api.example.com', '.example.com'), true);
    assert.equal(bypass('https://example.com', '.example.com'), true);
    assert.equal(bypass('https://badexample.com', 'example.com'), false);
    assert.equal(bypass('https://example.com.evil.net', 'example.com'), false);
  });

  it('ignores case, spaces around entries and a trailing dot of the host', () => {
    assert.equal(bypass('https://API.Example.COM', ' other.org , EXAMPLE.com '), true);
    assert.equal(bypass('https://api.example.com./', 'example.com'), true);
  });

  it('matches everything with * alone, and nothing with an empty list', () => {
    assert.equal(bypass('https://anything.example', '*'), true);
    assert.equal(bypass('https://anything.example', ''), false);
    assert.equal(bypass('https://anything.example', ' , '), false);
  });

  it('matches host:port on that port only (the scheme\'s default port counts)', () => {
    assert.equal(bypass('https://example.com:8443', 'example.com:8443'), true);
    assert.equal(bypass('https://example.com:9443', 'example.com:8443'), false);
    assert.equal(bypass('https://example.com', 'example.com:443'), true);
    assert.equal(bypass('http://example.com', 'example.com:443'), false);
  });

  it('matches IP literals exactly and CIDR blocks, IPv4 and IPv6', () => {
    assert.equal(bypass('http://127.0.0.1:8101', '127.0.0.1'), true);
    assert.equal(bypass('http://127.0.0.2:8101', '127.0.0.1'), false);
    assert.equal(bypass('http://10.20.30.40', '10.0.0.0/8'), true);
    assert.equal(bypass('http://11.0.0.1', '10.0.0.0/8'), false);
    assert.equal(bypass('http://[::1]:8101', '::1'), true);
    assert.equal(bypass('http://[::1]:8101', '[::1]:8101'), true);
    assert.equal(bypass('http://[fd00::5]', 'fd00::/8'), true);
    assert.equal(bypass('http://127.0.0.1', '0.0.0.1'), false); // no suffix matching of addresses
  });
});

describe('the proxy a target gets', () => {
  const env = { HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128', HTTP_PROXY: 'http://plain:3128', NO_PROXY: 'internal.example' };

  it('is none for an embedded emulator, whatever the environment says', () => {
    assert.equal(chooseProxy(undefined, 'ALM_PROXY', { ...env, ALM_PROXY: 'http://p:1' }), undefined);
  });

  it('takes https_proxy over HTTPS_PROXY for https, HTTP_PROXY for http, and honours NO_PROXY', () => {
    assert.deepEqual(chooseProxy('https://alm.example.com', 'ALM_PROXY', env), { value: 'http://lower:3128', from: 'https_proxy' });
    assert.deepEqual(chooseProxy('http://alm.example.com', 'ALM_PROXY', env), { value: 'http://plain:3128', from: 'HTTP_PROXY' });
    assert.equal(chooseProxy('https://alm.internal.example', 'ALM_PROXY', env), undefined);
  });

  it('reads no_proxy before NO_PROXY, as curl does', () => {
    assert.deepEqual(chooseProxy('https://alm.internal.example', 'ALM_PROXY', { ...env, no_proxy: 'other.example' }), { value: 'http://lower:3128', from: 'https_proxy' });
  });

  it('takes <PREFIX>PROXY over everything, and none as no proxy', () => {
    assert.deepEqual(chooseProxy('https://alm.internal.example', 'ALM_PROXY', { ...env, ALM_PROXY: 'http://own:8080' }), { value: 'http://own:8080', from: 'ALM_PROXY' });
    assert.equal(chooseProxy('https://alm.example.com', 'ALM_PROXY', { ...env, ALM_PROXY: 'none' }), undefined);
  });

  it('refuses what is not a proxy URL, and masks credentials', () => {
    assert.equal(proxyUrlProblem('proxy.example.com:3128'), undefined);
    assert.equal(proxyUrlProblem('http://u:p@proxy.example.com:3128'), undefined);
    assert.match(proxyUrlProblem('ftp://proxy.example.com')!, /http:\/\//);
    assert.match(proxyUrlProblem('http://proxy.example.com:3128/path')!, /no path/);
    assert.equal(maskedProxy('http://user:s3cret@proxy.example.com:3128'), 'http://[REDACTED]@proxy.example.com:3128');
  });
});
