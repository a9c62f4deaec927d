import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  return [];
}

describe('config', () => {
  it('uses every emulator and its demo credentials when nothing is set', () => {
    const config = loadConfig({});
    assert.equal(config.targets['token-login'].baseUrl, undefined);
    assert.equal(config.targets['token-login'].vars.TOKEN_LOGIN_USERNAME, 'user_test');
    assert.equal(config.targets['address-manager'].vars.ADDRESS_MANAGER_PASSWORD, 'pass1');
    assert.equal(config.requestTimeoutMs, 10_000);
    assert.deepEqual(config.secrets, []);
  });

  it('lets credentials set without a base URL configure the emulator', () => {
    const config = loadConfig({ TOKEN_LOGIN_USERNAME: 'qa-user', TOKEN_LOGIN_PASSWORD: 'qa-Secret-123' });
    assert.equal(config.targets['token-login'].vars.TOKEN_LOGIN_USERNAME, 'qa-user');
    assert.ok(config.secrets.includes('qa-Secret-123'));
  });

  it('names TOKEN_LOGIN_BASE_URL in one line when it is not a URL', () => {
    const lines = problems({ TOKEN_LOGIN_BASE_URL: 'not-a-url' });
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^TOKEN_LOGIN_BASE_URL="not-a-url" must be an absolute http\(s\) URL/);
  });

  it('gives one line per problem', () => {
    const lines = problems({ SDM_API_VERSION: '1.3', TOKEN_LOGIN_STATUS_MODE: 'loud', REQUEST_TIMEOUT_MS: 'soon' });
    assert.equal(lines.length, 3);
    assert.ok(lines.some((l) => l.startsWith('SDM_API_VERSION="1.3" must look like v1.3')));
    assert.ok(lines.some((l) => l.startsWith('TOKEN_LOGIN_STATUS_MODE="loud" must be "body"')));
    assert.ok(lines.some((l) => l.startsWith('REQUEST_TIMEOUT_MS="soon"')));
  });

  it('requires the credentials of an API whose base URL is set, naming them', () => {
    const lines = problems({ ALM_BASE_URL: 'https://alm.example.com:8443' });
    assert.deepEqual(
      lines.map((l) => l.split(' ')[0]),
      ['ALM_CLIENT_ID', 'ALM_SECRET'],
    );
  });

  it('leaves an optional credential unset on a real target so its scenario can be skipped', () => {
    const config = loadConfig({ ALM_BASE_URL: 'https://alm.example.com/', ALM_CLIENT_ID: 'id', ALM_SECRET: 'real-secret' });
    assert.equal(config.targets.alm.baseUrl, 'https://alm.example.com');
    assert.equal(config.targets.alm.vars.ALM_INACTIVE_CLIENT_ID, undefined);
  });

  it('keeps a base URL path prefix', () => {
    const config = loadConfig({ SDM_BASE_URL: 'https://gw.example.com/sdm/', SDM_USERNAME: 'u', SDM_PASSWORD: 'p' });
    assert.equal(config.targets.sdm.baseUrl, 'https://gw.example.com/sdm');
  });

  it('never echoes a credential value in an error', () => {
    const lines = problems({ O2G_BASE_URL: 'https://o2g.example.com', O2G_USERNAME: 'distinct-user-x', O2G_PASSWORD: ' ' });
    assert.deepEqual(lines.map((l) => l.split(' ')[0]), ['O2G_PASSWORD']);
    assert.ok(lines.every((l) => !l.includes('distinct-user-x')));
  });

  it('treats empty values as unset', () => {
    assert.equal(loadConfig({ TOKEN_LOGIN_BASE_URL: '' }).targets['token-login'].baseUrl, undefined);
  });
});
