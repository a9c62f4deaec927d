// Issue 20, the smaller items: `npm run report:open` answers a malformed URL 400 and keeps serving; a
// run that selects no scenario says so in one sentence and keeps the previous report; the nightly does
// not retry an API that refused the connection to every scenario of its shard.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { notRetriedSentence, outcomes, refusingEverything } from '../scripts/nightly';
import { nothingSelected, selectionOf } from '../scripts/run/selection';
import { loadConfig } from '../support/config';
import { REFUSED } from '../support/errors';
import { isolatedProject } from './isolated-project';
import { explain, tsx } from './run';

const projects: Array<ReturnType<typeof isolatedProject>> = [];
after(() => projects.forEach((project) => project.remove()));
function project(): string {
  const made = isolatedProject();
  projects.push(made);
  return made.dir;
}

/** A GET with the path sent exactly as written (fetch would normalise it), its status and body. */
function get(base: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('npm run report:open', () => {
  it('answers a malformed URL 400, a path out of the report 403, and goes on serving', async () => {
    const dir = project();
    mkdirSync(join(dir, 'reports/allure-report'), { recursive: true });
    writeFileSync(join(dir, 'reports/allure-report/index.html'), '<title>report</title>');
    // A sibling whose name starts with the report's: "starts with the root" let it be served.
    mkdirSync(join(dir, 'reports/allure-report-private'), { recursive: true });
    writeFileSync(join(dir, 'reports/allure-report-private/secret.txt'), 'not for the browser');
    const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve-report.ts'], { cwd: dir, env: { ...process.env, REPORT_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      const base = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const url = /Allure report at (http:\/\/\S+)/.exec(output)?.[1];
          if (url) resolve(url);
        });
        server.once('exit', () => reject(new Error(`the server exited: ${output}`)));
      });
      const malformed = await get(base, '/%E0%A4%A');
      assert.equal(malformed.status, 400, output);
      assert.match(malformed.body, /not a valid URL path/);
      assert.equal((await get(base, '/..%2Fallure-report-private%2Fsecret.txt')).status, 403);
      const page = await get(base, '/');
      assert.deepEqual(page, { status: 200, body: '<title>report</title>' }, output);
      assert.equal(server.exitCode, null, `the server stopped: ${output}`);
    } finally {
      server.kill();
    }
  });
});

describe('a run that selects no scenario', () => {
  it('names the path that matches no feature file, and the tags that select none, keeping the previous report', () => {
    const dir = project();
    mkdirSync(join(dir, 'reports/allure-report'), { recursive: true });
    writeFileSync(join(dir, 'reports/allure-report/index.html'), 'the previous report');
    const nope = tsx('scripts/acceptance.ts', ['features/nope'], {}, dir);
    assert.equal(nope.status, 1, explain(nope));
    assert.match(nope.stderr, /^npm run acceptance ran no scenario: features\/nope matches no feature file \(the features are under features\/<api>\/, such as features\/alm\); nothing was reported, and the previous report is kept\.$/m, explain(nope));
    const tags = tsx('scripts/acceptance.ts', ['--tags', '@nothing', 'features/token-login'], {}, dir);
    assert.equal(tags.status, 1, explain(tags));
    assert.match(tags.stderr, /^npm run acceptance ran no scenario: --tags "@nothing" selects none of the \d+ scenarios in features\/token-login; nothing was reported, and the previous report is kept\.$/m, explain(tags));
    for (const ran of [nope, tags]) assert.doesNotMatch(`${ran.stdout}${ran.stderr}`, /No results in|Behaviour catalogue:|Allure report:/);
    assert.equal(readFileSync(join(dir, 'reports/allure-report/index.html'), 'utf8'), 'the previous report');
  });

  it('reads paths and filters among cucumber options, and stays quiet when scenarios ran', () => {
    assert.deepEqual(selectionOf(['-p', 'quiet', '--tags', '@smoke and not @slow', 'features/alm', '--name=login', '--fail-fast', 'features/sdm']), {
      paths: ['features/alm', 'features/sdm'],
      filters: ['--tags "@smoke and not @slow"', '--name=login'],
    });
    const dir = project();
    const messages = join(dir, 'ran.ndjson');
    writeFileSync(messages, '{"gherkinDocument":{}}\n{"pickle":{}}\n{"testCase":{}}\n');
    assert.equal(nothingSelected('npm run acceptance', [], messages), undefined);
    assert.equal(nothingSelected('npm run acceptance', [], join(dir, 'none.ndjson')), undefined);
  });
});

/** A message stream of scenarios `features/<api>/x.feature:<line>` ending as given. */
function stream(scenarios: Array<{ api: string; line: number; ends: 'passed' | 'refused' | 'timeout' | 'assertion' | 'skipped' | 'untrusted' }>): string {
  return scenarios
    .flatMap(({ api, line, ends }, i) => {
      const result =
        ends === 'passed' ? { status: 'PASSED' }
        : ends === 'skipped' ? { status: 'SKIPPED' }
        : ends === 'assertion' ? { status: 'FAILED', exception: { type: 'ExpectationError', message: 'Expected status 200' } }
        : ends === 'untrusted' ? { status: 'FAILED', exception: { type: 'TransportSetupError', message: `Cannot reach ${api}: GET https://x/login: its certificate is not trusted; set X_CA_FILE.` } }
        : { status: 'FAILED', exception: { type: 'TargetError', message: `Cannot reach ${api}: GET http://x/login: ${ends === 'refused' ? REFUSED : 'no answer came in time'}; check it.\n\nGET http://x/login` } };
      return [{ pickle: { id: `p${i}`, uri: `features/${api}/x.feature`, location: { line } } }, { testCase: { id: `c${i}`, pickleId: `p${i}` } }, { testCaseStarted: { id: `s${i}`, testCaseId: `c${i}` } }, { testStepFinished: { testCaseStartedId: `s${i}`, testStepResult: result } }];
    })
    .map((envelope) => JSON.stringify(envelope))
    .join('\n');
}

describe('the nightly and a certificate or proxy problem', () => {
  it('counts it as unreachable but sets it apart from what a retry could change', () => {
    const first = outcomes(stream([{ api: 'alm', line: 1, ends: 'untrusted' }, { api: 'alm', line: 2, ends: 'timeout' }, { api: 'alm', line: 3, ends: 'assertion' }]));
    assert.deepEqual([...first.network], ['features/alm/x.feature:1', 'features/alm/x.feature:2']);
    assert.deepEqual([...first.settled], ['features/alm/x.feature:1']);
    assert.deepEqual([...first.other], ['features/alm/x.feature:3']);
  });
});

describe('the nightly and a target that refuses every connection', () => {
  it('finds the APIs that refused every scenario they ran, and only those', () => {
    const first = outcomes(
      stream([
        { api: 'alm', line: 1, ends: 'refused' },
        { api: 'alm', line: 2, ends: 'refused' },
        { api: 'alm', line: 3, ends: 'skipped' }, // an @emulator scenario: says nothing about the target
        { api: 'sdm', line: 1, ends: 'refused' },
        { api: 'sdm', line: 2, ends: 'passed' }, // up at times: worth a retry
        { api: 'o2g', line: 1, ends: 'refused' },
        { api: 'o2g', line: 2, ends: 'timeout' },
        { api: 'token-login', line: 1, ends: 'refused' },
        { api: 'token-login', line: 2, ends: 'assertion' },
      ]),
    );
    assert.deepEqual([...refusingEverything(first)], [['alm', ['features/alm/x.feature:1', 'features/alm/x.feature:2']]]);
    const config = loadConfig({ ALM_BASE_URL: 'https://alm.example.com:8443/', ALM_CLIENT_ID: 'id', ALM_SECRET: 'secret' });
    assert.equal(notRetriedSentence('alm', 2, config), 'alm refused the connection to all 2 of its scenarios (nothing listens at ALM_BASE_URL=https://alm.example.com:8443), so none is retried: start that sandbox or correct the URL.');
  });

  it('says so once and retries none of them, in a real nightly run', () => {
    const dir = project();
    const ran = tsx('scripts/nightly.ts', [], { NIGHTLY_APIS: 'token-login', TOKEN_LOGIN_BASE_URL: 'http://127.0.0.1:9', TOKEN_LOGIN_USERNAME: 'u', TOKEN_LOGIN_PASSWORD: 'p', NIGHTLY_RETRIES: '2' }, dir);
    assert.equal(ran.status, 1, explain(ran));
    assert.match(ran.stdout, /^token-login refused the connection to all \d+ of its scenarios \(nothing listens at TOKEN_LOGIN_BASE_URL=http:\/\/127\.0\.0\.1:9\), so none is retried: start that sandbox or correct the URL\.$/m, explain(ran));
    assert.doesNotMatch(ran.stdout, /Retry 1 of 2/, explain(ran));
    assert.match(ran.stdout, /Nightly: (\d+) scenario\(s\) failed \(\1 still unreachable after 2 retries, \1 of them not retried, 0 product or test failures\)\./, explain(ran));
  });
});
