// The traceability pieces: results read from cucumber's messages (retries, skips), the catalogue check's
// three kinds of disagreement, verdicts, and behaviour properties written into JUnit test cases.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { catalogueProblems, type CatalogueEntry } from './catalogue';
import { featureScenarios, withResults } from './features';
import { withBehaviourProperties } from './junit';
import { verdictOf } from './matrix';
import { runScenarios, type RunScenario } from './scenarios';

const entry = (id: string, documented: boolean, apis = ['alm']): CatalogueEntry => ({ id, statement: `${id} statement`, documented, source: { document: 'doc', section: 's', quote: 'q' }, apis });
const scenario = (where: string, tags: string[], status: RunScenario['status'] = 'passed'): RunScenario => ({ where, uri: where.split(':')[0]!, name: `scenario at ${where}`, feature: 'F', tags, status });

describe('traceability', () => {
  it('reads each scenario\'s last attempt from the messages: a retry that passed wins, a skipped step skips', () => {
    const step = (started: string, status: string) => ({ testStepFinished: { testCaseStartedId: started, testStepResult: { status } } });
    const messages = [
      { gherkinDocument: { uri: 'features/alm/a.feature', feature: { name: 'A' } } },
      { pickle: { id: 'p1', uri: 'features/alm/a.feature', location: { line: 5 }, name: 'one', tags: [{ name: '@ALM-01' }] } },
      { pickle: { id: 'p2', uri: 'features/alm/a.feature', location: { line: 9 }, name: 'two', tags: [] } },
      { pickle: { id: 'p3', uri: 'features/alm/a.feature', location: { line: 12 }, name: 'three', tags: [] } },
      { testCase: { id: 'c1', pickleId: 'p1' } },
      { testCase: { id: 'c2', pickleId: 'p2' } },
      { testCaseStarted: { id: 's1', testCaseId: 'c1' } },
      step('s1', 'PASSED'),
      step('s1', 'FAILED'),
      { testCaseFinished: { testCaseStartedId: 's1' } },
      { testCaseStarted: { id: 's1b', testCaseId: 'c1' } },
      step('s1b', 'PASSED'),
      { testCaseFinished: { testCaseStartedId: 's1b' } },
      { testCaseStarted: { id: 's2', testCaseId: 'c2' } },
      step('s2', 'PASSED'),
      step('s2', 'SKIPPED'),
      { testCaseFinished: { testCaseStartedId: 's2' } },
    ] as unknown as Envelope[];
    assert.deepEqual(
      runScenarios(messages).map((s) => [s.where, s.feature, s.tags.join(','), s.status]),
      [
        ['features/alm/a.feature:5', 'A', 'ALM-01', 'passed'],
        ['features/alm/a.feature:9', 'A', '', 'skipped'],
        ['features/alm/a.feature:12', 'A', '', 'not run'],
      ],
    );
  });

  it('says where tags and catalogue disagree, in one sentence each', () => {
    const entries = [entry('ALM-01', true), entry('ALM-02', false), entry('ALM-03', true), entry('SEC-01', false, ['alm', 'sdm'])];
    const problems = catalogueProblems(entries, [
      scenario('features/alm/a.feature:3', ['ALM-01', 'documented', 'SEC-01']),
      scenario('features/alm/a.feature:8', ['ALM-02', 'ALM-09']),
      scenario('features/sdm/b.feature:4', ['ALM-03']),
    ]);
    assert.deepEqual(problems, [
      'features/alm/a.feature:3 "scenario at features/alm/a.feature:3" is @documented but asserts inferred behaviour SEC-01: drop @documented or move that check to another scenario',
      'features/alm/a.feature:8 "scenario at features/alm/a.feature:8" is tagged @ALM-09, which is not in the behaviour catalogue (support/apis/<api>/behaviours.ts)',
      'features/sdm/b.feature:4 "scenario at features/sdm/b.feature:4" is tagged @ALM-03, a behaviour of alm, not of sdm',
      'ALM-03 (ALM-03 statement) is catalogued for alm but no scenario of features/alm/ is tagged @ALM-03',
      'SEC-01 (SEC-01 statement) is catalogued for sdm but no scenario of features/sdm/ is tagged @SEC-01',
    ]);
  });

  it('holds a behaviour only when a scenario passed and none failed', () => {
    assert.equal(verdictOf(['passed', 'skipped']), 'holds');
    assert.equal(verdictOf(['passed', 'failed']), 'fails');
    assert.equal(verdictOf(['skipped']), 'skipped');
    assert.equal(verdictOf(['not run']), 'not run');
    assert.equal(verdictOf([]), 'not run');
  });

  it('sees every scenario of features/, each example row its own, and keeps a run\'s results by place', () => {
    const all = featureScenarios();
    assert.ok(all.length >= 160, `${all.length} scenarios`);
    assert.equal(new Set(all.map((s) => s.where)).size, all.length, 'each place is one scenario');
    const [first] = all;
    const merged = withResults(all, [{ ...first!, status: 'failed' }]);
    assert.equal(merged[0]!.status, 'failed');
    assert.equal(merged[1]!.status, 'not run');
  });

  it('writes each JUnit test case\'s behaviour IDs as properties, matched by feature and scenario name in order', () => {
    const xml = [
      '<testsuite>',
      '<testcase classname="F &amp; G" name="rule - same" time="1"><system-out/></testcase>',
      '<testcase classname="F &amp; G" name="rule - same" time="1"/>',
      '<testcase classname="Other" name="untagged" time="1"/>',
      '</testsuite>',
    ].join('\n');
    const scenarios = [
      { ...scenario('f:1', ['ALM-01', 'smoke']), feature: 'F & G', name: 'same' },
      { ...scenario('f:2', ['ALM-02', 'SEC-01']), feature: 'F & G', name: 'same' },
      { ...scenario('g:1', ['smoke']), feature: 'Other', name: 'untagged' },
    ];
    assert.equal(
      withBehaviourProperties(xml, scenarios),
      [
        '<testsuite>',
        '<testcase classname="F &amp; G" name="rule - same" time="1"><properties><property name="behaviour" value="ALM-01"/></properties><system-out/></testcase>',
        '<testcase classname="F &amp; G" name="rule - same" time="1"><properties><property name="behaviour" value="ALM-02"/><property name="behaviour" value="SEC-01"/></properties></testcase>',
        '<testcase classname="Other" name="untagged" time="1"/>',
        '</testsuite>',
      ].join('\n'),
    );
  });
});
