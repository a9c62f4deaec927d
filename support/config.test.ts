import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, nightlyNothingToRun } from './config';

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

  it('keeps usernames and client IDs apart from passwords and secrets, for the redactor', () => {
    const config = loadConfig({ SDM_USERNAME: 'admin', SDM_PASSWORD: 'pw9', ALM_CLIENT_ID: 'oauth2-qa@example.com', ALM_SECRET: 'qa-Secret-123' });
    assert.deepEqual([...config.identities].sort(), ['admin', 'oauth2-qa@example.com']);
    assert.deepEqual([...config.secrets].sort(), ['pw9', 'qa-Secret-123']);
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

  const alm = { ALM_BASE_URL: 'https://alm.example.com:8443', ALM_CLIENT_ID: 'id', ALM_SECRET: 'real-secret' };

  it('refuses half of the inactive ALM key on a real target, naming the missing half', () => {
    const noSecret = problems({ ...alm, ALM_INACTIVE_CLIENT_ID: 'oauth2-idle@example.com' });
    assert.equal(noSecret.length, 1);
    assert.match(noSecret[0]!, /^ALM_INACTIVE_SECRET is required when ALM_INACTIVE_CLIENT_ID is set \(secret of that inactive key\); set both or neither$/);
    const noId = problems({ ...alm, ALM_INACTIVE_SECRET: 'idle-secret-x' });
    assert.deepEqual(noId.map((l) => l.split(' ')[0]), ['ALM_INACTIVE_CLIENT_ID']);
    assert.ok(noId.every((l) => !l.includes('idle-secret-x')));
  });

  it('accepts the inactive ALM key as a whole pair, and half of it on the emulator (the demo fills in)', () => {
    const real = loadConfig({ ...alm, ALM_INACTIVE_CLIENT_ID: 'idle-id', ALM_INACTIVE_SECRET: 'idle-secret' });
    assert.equal(real.targets.alm.vars.ALM_INACTIVE_SECRET, 'idle-secret');
    assert.equal(loadConfig({ ALM_INACTIVE_CLIENT_ID: 'idle-id' }).targets.alm.vars.ALM_INACTIVE_SECRET, 'inactiveSecret0000000');
  });

  it('runs the nightly on the APIs with a base URL, narrowed by NIGHTLY_APIS, retrying twice by default', () => {
    const sdm = { SDM_BASE_URL: 'https://sdm.example.com', SDM_USERNAME: 'u', SDM_PASSWORD: 'p' };
    assert.deepEqual(loadConfig({ ...alm, ...sdm }).nightly, { apis: ['alm', 'sdm'], only: undefined, retries: 2 });
    assert.deepEqual(loadConfig({ ...alm, ...sdm, NIGHTLY_APIS: ' sdm ,o2g', NIGHTLY_RETRIES: '0' }).nightly, { apis: ['sdm'], only: ['sdm', 'o2g'], retries: 0 });
  });

  it('names NIGHTLY_APIS and NIGHTLY_RETRIES in one line each when they are wrong', () => {
    const lines = problems({ NIGHTLY_APIS: 'alm,bam', NIGHTLY_RETRIES: 'twice' });
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^NIGHTLY_APIS="alm,bam" must be a comma-separated list of API ids \(o2g, address-manager, alm, token-login, sdm\)$/);
    assert.match(lines[1]!, /^NIGHTLY_RETRIES="twice" must be a whole number of retries$/);
    assert.match(problems({ NIGHTLY_RETRIES: '-1' })[0]!, /^NIGHTLY_RETRIES="-1" must be 0 or more$/);
  });

  it('says in one sentence why the nightly has nothing to run, naming what to set', () => {
    assert.equal(nightlyNothingToRun(loadConfig(alm)), undefined);
    assert.equal(
      nightlyNothingToRun(loadConfig({})),
      'The nightly regression runs against real sandboxes only, and no base URL is set: set at least one of O2G_BASE_URL, ADDRESS_MANAGER_BASE_URL, ALM_BASE_URL, TOKEN_LOGIN_BASE_URL, SDM_BASE_URL (with that API\'s credentials, see .env.example).',
    );
    assert.equal(
      nightlyNothingToRun(loadConfig({ ...alm, NIGHTLY_APIS: 'sdm,o2g' })),
      'NIGHTLY_APIS=sdm,o2g keeps none of the APIs whose base URL is set (alm): set SDM_BASE_URL or O2G_BASE_URL, or change NIGHTLY_APIS.',
    );
  });
});
