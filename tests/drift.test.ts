// npm run drift against "vendors" that are the SDM emulator with one fault switched on: a sandbox run by
// the nightly profile, or drift's own --demo. The report names exactly the field, the cookie attribute or
// the status the fault changed, and nothing else; an unfaulted vendor gives no drift; an accepted
// baseline tells which side moved; the shape files hold no credential, token or cookie value; the Allure
// suite "Emulator drift" has the API with each difference and its scenarios; docs/drift.md shows what
// its command produces. All in an isolated project (its own reports/), the emulator side run once.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { configuredSecrets } from '../scripts/leak-scan';
import { docSection } from '../scripts/drift';
import { loadConfig } from '../support/config';
import { scanFolder } from '../support/leak-scan';
import type { DriftReport } from '../support/shapes/report';
import { COOKIE_ATTRIBUTES, VOLATILE } from '../support/shapes/volatile';
import { isolatedProject } from './isolated-project';
import { cucumber, explain, tsx, type Ran } from './run';
import { startSandboxProcess } from './sandbox-process';

const project = isolatedProject();
const here = project.dir;
/** No developer's .env, every API on its emulator unless a test says otherwise. */
const CLEAN = { DOTENV_PATH: '/dev/null', EMULATOR_FAULT: '', NIGHTLY_APIS: '', SDM_BASE_URL: '' };
const EMULATOR = 'reports/drift/emulator';

function drift(args: string[], env: Record<string, string> = {}): { ran: Ran; report: DriftReport; markdown: string } {
  const ran = tsx('scripts/drift.ts', args, { ...CLEAN, ...env }, here);
  assert.equal(ran.status, 0, explain(ran));
  return { ran, report: JSON.parse(readFileSync(join(here, 'reports/drift.json'), 'utf8')) as DriftReport, markdown: readFileSync(join(here, 'reports/drift.md'), 'utf8') };
}

/** Each difference as `kind subject: left/right` (vendor/emulator). */
function differences(report: DriftReport, comparison = 'vendor vs emulator'): string[] {
  const api = report.apis.find((a) => a.api === 'sdm')!;
  const found = api.comparisons.find((c) => `${c.left} vs ${c.right}` === comparison);
  assert.ok(found, `no ${comparison} comparison in ${JSON.stringify(api).slice(0, 400)}`);
  return found.differences.map((d) => `${d.kind} ${d.subject}: ${d.left}/${d.right}`.replace(' :', ':')).sort();
}

describe('npm run drift', () => {
  let demo: ReturnType<typeof drift>;

  before(() => {
    mkdirSync(join(here, 'reports/allure-results'), { recursive: true });
    // Runs the emulator side, recorded in reports/drift/emulator: the later comparisons reuse it.
    demo = drift(['--demo', 'sdm:user-name-renamed']);
  });

  after(() => project.remove());

  it('names a renamed field, both ways, in JSON and XML, with the scenarios that saw it', () => {
    assert.deepEqual(differences(demo.report), [
      'field $.userName: absent/string',
      'field $.username: string/absent',
      'field /session/userName: absent/text',
      'field /session/username: text/absent',
    ]);
    const sdm = demo.report.apis[0]!.comparisons[0]!;
    const renamed = sdm.differences.find((d) => d.subject === '$.username')!;
    assert.equal(renamed.request, 'POST /rest/${SDM_API_VERSION}/admin/login → 200');
    assert.ok(renamed.seenIn.some((s) => s.scenario === "sdm/login.feature: a user logs in with the seed's JSON request body" && s.exchange === 1), JSON.stringify(renamed.seenIn));
    // The @emulator scenarios the vendor run skipped are listed apart, not as drift.
    assert.ok(sdm.onlyRight.length > 0 && sdm.onlyRight.every((s) => s.startsWith('sdm/')), JSON.stringify(sdm.onlyRight));
    assert.match(demo.markdown, /Ran only against the emulator \(not drift\)/);
  });

  it('shows each API as an entry of the Allure suite "Emulator drift", each difference with its scenarios', () => {
    const results = join(here, 'reports/allure-results');
    const ours = readdirSync(results)
      .filter((name) => name.endsWith('-result.json'))
      .map((name) => JSON.parse(readFileSync(join(results, name), 'utf8')) as { name: string; status: string; labels: Array<{ name: string; value: string }>; steps: Array<{ name: string; steps: Array<{ name: string }> }> });
    assert.equal(ours.length, 1);
    const [entry] = ours;
    assert.deepEqual(entry!.labels.find((l) => l.name === 'parentSuite'), { name: 'parentSuite', value: 'Emulator drift' });
    assert.equal(entry!.name, 'sdm: 4 differences');
    assert.equal(entry!.status, 'unknown', 'drift is a finding, not a failed test');
    const step = entry!.steps.find((s) => s.name.startsWith('field $.username in POST'))!;
    assert.ok(step, entry!.steps.map((s) => s.name).join('\n'));
    assert.ok(step.steps.some((s) => s.name === "seen in sdm/login.feature: a user logs in with the seed's JSON request body (exchange 1)"));
  });

  it('is what docs/drift.md shows, for the command it gives', () => {
    const doc = readFileSync('docs/drift.md', 'utf8');
    assert.match(doc, /^ {4}npm run drift -- --demo sdm:user-name-renamed$/m);
    assert.equal(docSection(doc), demo.markdown, 'docs/drift.md is out of date: run npm run drift -- --demo sdm:user-name-renamed --doc');
    for (const { name, reason } of VOLATILE) assert.ok(doc.includes(`| \`${name}\` | ${reason} |`), `docs/drift.md lists ${name} with its reason`);
    for (const { name, kept, reason } of COOKIE_ATTRIBUTES) assert.ok(doc.includes(`| ${kept} | ${reason} |`), `docs/drift.md says why ${name} is kept by ${kept}`);
  });

  it('names exactly the status a faulted vendor changed', () => {
    const { report } = drift(['--demo', 'sdm:bad-version-401', '--emulator', EMULATOR]);
    const changed = differences(report);
    assert.ok(changed.length >= 1 && changed.every((d) => d === 'status: 401/404'), changed.join('\n'));
  });

  it('reports no drift between an unfaulted vendor and the emulators', () => {
    const { report, markdown } = drift(['--demo', 'sdm', '--emulator', EMULATOR]);
    assert.deepEqual(differences(report), []);
    assert.match(markdown, /^## sdm \(Oracle Communications SDM\): no drift$/m);
  });

  it('does not take shapes recorded against the embedded emulator (npm run acceptance) for a vendor\'s', () => {
    const ran = tsx('scripts/drift.ts', ['--vendor', EMULATOR], CLEAN, here);
    assert.equal(ran.status, 1, explain(ran));
    assert.match(ran.stderr, /^reports\/drift\/emulator\/sdm\.json was recorded against the embedded emulator \(npm run acceptance writes that too\), not a vendor: nothing to compare\./m);
    assert.doesNotMatch(ran.stdout, /cucumber -p drift/, 'no emulator run for nothing');
  });

  describe('against a sandbox run by the nightly profile', () => {
    let shapes: string;
    /** Credentials of this run's own: the scan looks for them (the demo ones are not configured secrets). */
    const CREDENTIALS = { SDM_USERNAME: 'drift-vendor-user', SDM_PASSWORD: 'Dr1ft-vendor-S3cret' };
    let vendor: Record<string, string> = {};
    before(async () => {
      const sandbox = await startSandboxProcess({ ...CLEAN, ...CREDENTIALS, EMULATOR_FAULT: 'sdm:cookie-not-httponly' });
      try {
        vendor = { ...CREDENTIALS, SDM_BASE_URL: sandbox.env.SDM_BASE_URL!, SDM_API_VERSION: sandbox.env.SDM_API_VERSION! };
        const ran = cucumber(['-p', 'nightly'], { ...CLEAN, ...vendor, NIGHTLY_APIS: 'sdm' }, here);
        assert.equal(ran.status, 1, `the fault fails a scenario of the nightly: ${explain(ran)}`);
      } finally {
        sandbox.stop();
      }
      shapes = join(here, 'reports/shapes');
    });

    it('names exactly the cookie attribute the vendor changed', () => {
      const { report } = drift(['--vendor', 'reports/shapes', '--emulator', EMULATOR]);
      assert.deepEqual(differences(report), ['cookie attribute JSESSIONID HttpOnly: absent/present']);
      assert.ok(existsSync(join(shapes, 'sdm.json')), 'the parts were merged into reports/shapes/sdm.json');
    });

    it('writes shapes that hold no credential, token or cookie value', () => {
      const text = readFileSync(join(shapes, 'sdm.json'), 'utf8');
      const secrets = configuredSecrets(loadConfig(vendor));
      assert.deepEqual(secrets.map((s) => s.name).sort(), ['SDM_PASSWORD', 'SDM_USERNAME']);
      const { leaks, scanned } = scanFolder(shapes, { secrets });
      assert.ok(scanned >= 1);
      assert.deepEqual(leaks, []);
      // Every SDM session id and JSESSIONID value ends in its Tomcat route; the demo password is "password".
      assert.doesNotMatch(text, /tomcat1/);
      assert.match(text, /"name": "JSESSIONID"/);
    });

    it('with the vendor accepted as the baseline, says the emulator moved, not the vendor', () => {
      const { report, ran } = drift(['--vendor', 'reports/shapes', '--emulator', EMULATOR, '--accept']);
      assert.match(ran.stdout, /Accepted reports\/shapes\/sdm\.json as the baseline docs\/vendor-shapes\/sdm\.json/);
      assert.ok(existsSync(join(here, 'docs/vendor-shapes/sdm.json')));
      assert.deepEqual(differences(report, 'baseline vs vendor'), []);
      assert.deepEqual(differences(report, 'baseline vs emulator'), ['cookie attribute JSESSIONID HttpOnly: absent/present']);
    });
  });

  it('refuses, in one sentence each, a --vendor that is no folder, a torn shape file and an unknown fault', () => {
    const none = tsx('scripts/drift.ts', ['--vendor', 'reports/no-such-folder'], CLEAN, here);
    assert.equal(none.status, 2, explain(none));
    assert.match(none.stderr, /^--vendor reports\/no-such-folder is not a folder; expected a nightly's shapes/m);
    mkdirSync(join(here, 'reports/torn'), { recursive: true });
    writeFileSync(join(here, 'reports/torn/sdm.json'), '{"api": "sdm", "scen');
    const torn = tsx('scripts/drift.ts', ['--vendor', 'reports/torn'], CLEAN, here);
    assert.equal(torn.status, 2, explain(torn));
    assert.match(torn.stderr, /^reports\/torn\/sdm\.json is not JSON \(.*\): expected a shape file as a recording run writes it/m);
    const bad = tsx('scripts/drift.ts', ['--demo', 'sdm:no-such-fault'], CLEAN, here);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--demo sdm:no-such-fault: sdm has no such fault; its faults are in support\/apis\/sdm\/faults\.ts/);
  });
});
