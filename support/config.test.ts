import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, nightlyNothingToRun, type Config } from './config';

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
    assert.deepEqual(lines.map((l) => l.split(/[ =]/)[0]), ['O2G_PASSWORD']);
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

/**
 * loadConfig() as a run calls it, with `text` as the file DOTENV_PATH names and `env` as the whole
 * environment (process.env is swapped for the call, so the test runner's own variables play no part).
 */
function fromDotenv(text: string, env: Record<string, string> = {}): { config?: Config; problems: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'config-test-'));
  const saved = process.env;
  try {
    writeFileSync(join(dir, '.env'), text);
    process.env = { DOTENV_PATH: join(dir, '.env'), ...env };
    return { config: loadConfig(), problems: [] };
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return { problems: error.problems };
  } finally {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the run would use for a variable, or the problems that stop it. */
function effective(api: keyof Config['targets'], name: string, text: string): string | string[] {
  const { config, problems } = fromDotenv(text);
  return config ? config.targets[api].vars[name]! : problems;
}

describe('config: a name that looks like the contract but is not in it stops the run', () => {
  // Unrelated variables any shell or CI has, and the settings other files read: none is flagged.
  const unrelated = {
    PATH: '/usr/bin', HOME: '/home/qa', CI: 'true', USER: 'qa', SHELL: '/bin/bash', TERM: 'xterm', LANG: 'C.UTF-8', PWD: '/work',
    GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: '/tmp/out', GITHUB_RUN_ID: '42', npm_config_cache: '/tmp/npm', npm_lifecycle_event: 'test',
    NODE_OPTIONS: '--max-old-space-size=2048', NODE_ENV: 'test', FORCE_COLOR: '0', EMULATOR_FAULT: 'alm:qcsession-not-httponly',
    EMULATOR_LATENCY_MS: '5', SANDBOX_PORT: '8101', SANDBOX_HOST: '127.0.0.1', REPORT_PORT: '45678', SOAK_RUNS: '2', SOAK_RUN_TIMEOUT_S: '60',
    SOAK_BUDGET_S: '600', BENCH_QUICK: '1', BENCH_RUNS: '3', BENCH_RSS_FILE: '/tmp/rss', JAVA_OPTS: '-Xmx1g', DOTENV_PATH: '/tmp/none.env',
  };
  const misspelt: Array<[string, string]> = [
    ['TOKEN_LOGN_BASE_URL', 'TOKEN_LOGIN_BASE_URL'],
    ['TOKEN_LOGIN_BASEURL', 'TOKEN_LOGIN_BASE_URL'],
    ['token_login_base_url', 'TOKEN_LOGIN_BASE_URL'],
    ['Alm_Client_Id', 'ALM_CLIENT_ID'],
    ['ALM_SECRETS', 'ALM_SECRET'],
    ['SDM_PASWORD', 'SDM_PASSWORD'],
    ['O2G_PASSWD', 'O2G_PASSWORD'],
    ['ADRESS_MANAGER_USERNAME', 'ADDRESS_MANAGER_USERNAME'],
    ['ALM_TENANT', 'ALM_SECRET'], // an ALM_ name far from every ALM_ variable: still meant for us
    ['NIGHTLY_API', 'NIGHTLY_APIS'],
    ['REQUEST_TIMEOUT', 'REQUEST_TIMEOUT_MS'],
    ['EMULATOR_FAULTS', 'EMULATOR_FAULT'],
  ];
  for (const [name, nearest] of misspelt) {
    it(`names ${name} and the nearest real name, ${nearest}, in one line (and no other variable)`, () => {
      const lines = problems({ ...unrelated, [name]: 'distinct-value-q7' });
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0]!, new RegExp(`^${name} \\(set in the environment\\) is not a name this project reads: did you mean ${nearest}\\? `));
      assert.ok(!lines[0]!.includes('distinct-value-q7'), 'the value of an unknown variable may be a secret');
    });
  }

  it('says when the misspelt name is in the .env file, and ignores one set empty', () => {
    const { problems: lines } = fromDotenv('token_login_base_url=https://pegase.example.com\nSDM_PASWORD=\n');
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0]!, /^token_login_base_url \(set in \/.+\/\.env\) is not a name this project reads: did you mean TOKEN_LOGIN_BASE_URL\? /);
  });
});

describe('config: values are used exactly as given, or refused with a sentence', () => {
  it('does not trim a value from the environment', () => {
    assert.equal(loadConfig({ O2G_APPLICATION_NAME: ' qa app ' }).targets.o2g.vars.O2G_APPLICATION_NAME, ' qa app ');
  });

  it('refuses a base URL that is blank or has spaces around it, instead of falling back to the emulator', () => {
    const creds = { TOKEN_LOGIN_USERNAME: 'u', TOKEN_LOGIN_PASSWORD: 'p' };
    assert.deepEqual(problems({ ...creds, TOKEN_LOGIN_BASE_URL: ' ' }), ['TOKEN_LOGIN_BASE_URL=" " must be an absolute http(s) URL such as https://alm.example.com:8443']);
    assert.deepEqual(problems({ ...creds, TOKEN_LOGIN_BASE_URL: 'https://pegase.example.com ' }), ['TOKEN_LOGIN_BASE_URL="https://pegase.example.com " must be an absolute http(s) URL such as https://alm.example.com:8443']);
  });

  it('reads .env values as written: a # inside an unquoted value is kept, quoted values literally, CRLF and a BOM understood', () => {
    assert.equal(effective('token-login', 'TOKEN_LOGIN_PASSWORD', 'TOKEN_LOGIN_PASSWORD=abc#def\n'), 'abc#def');
    assert.equal(effective('token-login', 'TOKEN_LOGIN_PASSWORD', 'TOKEN_LOGIN_PASSWORD="p#ss word" # a comment after the quote\n'), 'p#ss word');
    assert.equal(effective('o2g', 'O2G_APPLICATION_NAME', "O2G_APPLICATION_NAME='  qa #1  '\n"), '  qa #1  ');
    assert.equal(effective('o2g', 'O2G_APPLICATION_NAME', "O2G_APPLICATION_NAME='a\\nb'\n"), 'a\\nb');
    const { config } = fromDotenv('\uFEFFTOKEN_LOGIN_STATUS_MODE=mirror\r\n# a comment\r\n\r\nexport SDM_API_VERSION=v2.0\r\n');
    assert.equal(config?.targets['token-login'].vars.TOKEN_LOGIN_STATUS_MODE, 'mirror');
    assert.equal(config?.targets.sdm.vars.SDM_API_VERSION, 'v2.0');
  });

  // Each would be read as something else than written, silently: the run stops, naming the variable.
  const ambiguous: Array<[string, string, RegExp]> = [
    ['a # after a space', 'TOKEN_LOGIN_PASSWORD=s3cret-pw # the QA one\n', /^TOKEN_LOGIN_PASSWORD in \/.+ \(line 1\) has an unquoted value with a # after a space, which would be sent as part of the value: quote the value \('…'\) to keep the #, or put the comment on its own line$/],
    ['a leading space', 'O2G_APPLICATION_NAME= s3cret-pw\n', /^O2G_APPLICATION_NAME in \/.+ \(line 1\) has an unquoted value that starts or ends with a space: remove the space, or quote the value \('…'\) to keep it$/],
    ['a trailing space', '# comment\nTOKEN_LOGIN_PASSWORD=s3cret-pw  \n', /^TOKEN_LOGIN_PASSWORD in \/.+ \(line 2\) has an unquoted value that starts or ends with a space/],
    ['an unclosed quote', 'TOKEN_LOGIN_PASSWORD="s3cret-pw\n', /^TOKEN_LOGIN_PASSWORD in \/.+ \(line 1\) opens a " quote it does not close on that line: a value is one line$/],
    ['text after the closing quote', "TOKEN_LOGIN_PASSWORD='s3cret' -pw\n", /^TOKEN_LOGIN_PASSWORD in \/.+ \(line 1\) has text after its closing ': only a # comment may follow a quoted value$/],
    ['a line that is no assignment', 'TOKEN_LOGIN_BASE_URL https://s3cret-pw.example.com\n', /^\/.+ line 1 is not NAME=value, a comment or blank: fix or remove it/],
    ['a name set twice', 'TOKEN_LOGIN_PASSWORD=s3cret-pw\nTOKEN_LOGIN_PASSWORD=s3cret-pw2\n', /^TOKEN_LOGIN_PASSWORD is set twice in \/.+ \(lines 1 and 2\): keep one$/],
  ];
  for (const [what, text, expected] of ambiguous) {
    it(`refuses a .env line with ${what}, in one line that names it and never the value`, () => {
      const { problems: lines } = fromDotenv(text);
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0]!, expected);
      assert.ok(!lines[0]!.includes('s3cret'), lines[0]);
    });
  }

  it('refuses a DOTENV_PATH that names no file (the run would silently use the emulators)', () => {
    const saved = process.env;
    try {
      process.env = { DOTENV_PATH: '/nonexistent/qa.env' };
      assert.throws(() => loadConfig(), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, ['DOTENV_PATH="/nonexistent/qa.env" cannot be read (ENOENT): name an existing file, or unset DOTENV_PATH to read .env']);
        return true;
      });
    } finally {
      process.env = saved;
    }
  });

  // Playwright throws on such a value mid-run ("Cannot reach"), or drops the spaces around it.
  const unsendable: Array<[string, string, string]> = [
    ['a line break inside', 'pa\nss-word', 'contains a line break, which an HTTP header cannot carry'],
    ['a trailing line break', 'pass-word\n', 'ends with a line break (as a pasted secret often does), which an HTTP header cannot carry: remove it'],
    ['a carriage return', 'pass-word\r\n', 'ends with a line break (as a pasted secret often does), which an HTTP header cannot carry: remove it'],
    ['a control character', 'pa\u0007ss-word', 'contains a control character, which an HTTP header cannot carry'],
    ['a NUL', 'pa\u0000ss-word', 'contains a control character, which an HTTP header cannot carry'],
    ['a character beyond Latin-1', 'pa€ss-word', 'contains a character beyond Latin-1 (such as € or an emoji), which an HTTP header cannot carry'],
    ['a leading space', ' pass-word', 'starts or ends with a space or tab, which an HTTP header drops: remove it'],
    ['a trailing tab', 'pass-word\t', 'starts or ends with a space or tab, which an HTTP header drops: remove it'],
    ['only spaces', '   ', 'starts or ends with a space or tab, which an HTTP header drops: remove it'],
  ];
  for (const [what, value, reason] of unsendable) {
    it(`refuses a credential with ${what} as a configuration error naming it`, () => {
      assert.deepEqual(problems({ TOKEN_LOGIN_PASSWORD: value }), [`TOKEN_LOGIN_PASSWORD=<hidden> ${reason}`]);
      assert.deepEqual(problems({ ALM_BASE_URL: 'https://alm.example.com', ALM_CLIENT_ID: value, ALM_SECRET: 's' }), [`ALM_CLIENT_ID=<hidden> ${reason}`]);
    });
  }

  it('keeps a credential a header can carry exactly (Latin-1 letters, inner spaces and tabs), and never trims one', () => {
    assert.equal(loadConfig({ TOKEN_LOGIN_PASSWORD: 'pässwörd \tx' }).targets['token-login'].vars.TOKEN_LOGIN_PASSWORD, 'pässwörd \tx');
    assert.deepEqual(problems({ TOKEN_LOGIN_PASSWORD: 'pässwörd \tx ' }), ['TOKEN_LOGIN_PASSWORD=<hidden> starts or ends with a space or tab, which an HTTP header drops: remove it']);
  });

  it('bounds REQUEST_TIMEOUT_MS at 600000 ms (10 minutes) and takes only a whole number as written', () => {
    assert.deepEqual(problems({ REQUEST_TIMEOUT_MS: '600001' }), ['REQUEST_TIMEOUT_MS="600001" must be at most 600000 ms (10 minutes), the upper bound of a request timeout']);
    assert.equal(loadConfig({ REQUEST_TIMEOUT_MS: '600000' }).requestTimeoutMs, 600_000);
    for (const value of [' 5000', '5000 ', '1e4', '0x10']) {
      assert.deepEqual(problems({ REQUEST_TIMEOUT_MS: value }), [`REQUEST_TIMEOUT_MS=${JSON.stringify(value)} must be a whole number of milliseconds`]);
    }
  });

  it('refuses a base URL with a query or a fragment (the vendor paths would land inside it)', () => {
    const creds = { TOKEN_LOGIN_USERNAME: 'u', TOKEN_LOGIN_PASSWORD: 'p' };
    for (const url of ['https://pegase.example.com/?tenant=qa', 'https://gw.example.com/pegase?', 'https://pegase.example.com#prod']) {
      assert.deepEqual(problems({ ...creds, TOKEN_LOGIN_BASE_URL: url }), [
        `TOKEN_LOGIN_BASE_URL=${JSON.stringify(url)} must have no query or fragment (?… or #…): the vendor's paths are appended to it and would end up inside them; give the scheme, host, port and path prefix only`,
      ]);
    }
  });

  it('refuses user:password@ in a valid base URL, masked, naming the variables to use instead', () => {
    const lines = problems({ ALM_BASE_URL: 'https://qa-user:Pa55-word@alm.example.com:8443', ALM_CLIENT_ID: 'id', ALM_SECRET: 's' });
    assert.deepEqual(lines, [
      'ALM_BASE_URL="https://[REDACTED]@alm.example.com:8443" must have no user name or password in it (user:password@host), which would not be sent the way the login expects: set ALM_CLIENT_ID and ALM_SECRET instead',
    ]);
    assert.match(problems({ SDM_BASE_URL: 'https://@sdm.example.com', SDM_USERNAME: 'u', SDM_PASSWORD: 'p' })[0]!, /^SDM_BASE_URL=<hidden: it holds an @, which may be a password> must have no user name or password in it .+: set SDM_USERNAME and SDM_PASSWORD instead$/);
  });

  it('masks the userinfo of an invalid base URL it prints', () => {
    const [line] = problems({ ALM_BASE_URL: 'https://qa-user:Pa55-word@alm example.com' });
    assert.equal(line, 'ALM_BASE_URL="https://[REDACTED]@alm example.com" must be an absolute http(s) URL such as https://alm.example.com:8443');
    // A space inside the userinfo hides it from the URL pattern: the whole value is withheld then.
    const [spaced] = problems({ ALM_BASE_URL: 'https://qa user:Pa55 word@alm.example.com' });
    assert.equal(spaced, 'ALM_BASE_URL=<hidden: it holds an @, which may be a password> must be an absolute http(s) URL such as https://alm.example.com:8443');
  });
});
