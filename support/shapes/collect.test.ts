// Scenario keys, and parallel workers' parts merged into one file per API (a later part's scenario wins).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { mergeShapeParts, readShapeFiles, ScenarioShapes, scenarioKey, writeShapeParts } from './collect';
import type { Exchange } from '../exchange';

const dir = mkdtempSync(join(tmpdir(), 'shapes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const answered = (status: number): Exchange => ({
  session: 'default',
  request: { method: 'GET', url: 'http://127.0.0.1:1/login', headers: [], jarCookies: '', body: undefined },
  response: { status, statusText: '', headers: [], body: Buffer.from(''), text: '' },
  durationMs: 1,
});

describe('collecting shapes', () => {
  it('keys a scenario by its feature below features/, its name and its example row', () => {
    const document = { feature: { children: [{ rule: { children: [{ scenario: { examples: [{ tableBody: [{ id: 'r1' }, { id: 'r2' }] }, { tableBody: [{ id: 'r3' }] }] } }] } }] } };
    assert.equal(scenarioKey({ uri: 'features/sdm/login.feature', name: 'a login', astNodeIds: ['s'] }, document), 'sdm/login.feature: a login');
    assert.equal(scenarioKey({ uri: '/tmp/x/features/sdm/login.feature', name: 'a login', astNodeIds: ['s', 'r3'] }, document), 'sdm/login.feature: a login [example 3]');
  });

  it('writes one part per process and API, merges the parts into <api>.json, later parts winning', () => {
    const first = new ScenarioShapes('sdm', 'vendor', 'sdm/a.feature: one', dir);
    first.add(answered(200), '/login');
    new ScenarioShapes('sdm', 'vendor', 'sdm/a.feature: skipped', dir);
    const [part] = writeShapeParts();
    // A second worker (or a nightly retry, later) with another scenario and the first one again.
    const retried = new ScenarioShapes('sdm', 'vendor', 'sdm/a.feature: one', dir);
    retried.add(answered(503), '/login');
    new ScenarioShapes('sdm', 'vendor', 'sdm/b.feature: two', dir).add(answered(204), '/logout');
    const [later] = writeShapeParts();
    const past = new Date(Date.now() - 60_000);
    utimesSync(part!, past, past);
    assert.equal(readdirSync(join(dir, '.parts')).length, 2);
    assert.deepEqual(mergeShapeParts(dir), ['sdm']);
    assert.ok(later);
    const merged = readShapeFiles(dir).get('sdm')!;
    assert.deepEqual(Object.keys(merged.scenarios), ['sdm/a.feature: one', 'sdm/b.feature: two']);
    assert.equal(merged.scenarios['sdm/a.feature: one']![0]!.status, 503);
    assert.equal(merged.target, 'vendor');
    assert.deepEqual(readdirSync(dir), ['sdm.json']);
    assert.ok(readFileSync(join(dir, 'sdm.json'), 'utf8').endsWith('\n'));
  });

  it('keeps a vendor run\'s file when an emulator run follows, and replaces it with a later vendor run\'s', () => {
    new ScenarioShapes('sdm', 'emulator', 'sdm/a.feature: one', dir).add(answered(418), '/login');
    writeShapeParts();
    assert.deepEqual(mergeShapeParts(dir), []);
    assert.equal(readShapeFiles(dir).get('sdm')!.target, 'vendor');
    assert.equal(readShapeFiles(dir).get('sdm')!.scenarios['sdm/a.feature: one']![0]!.status, 503);
  });

  it('leaves the other APIs\' files as they were', () => {
    mkdirSync(join(dir, '.parts'), { recursive: true });
    writeFileSync(join(dir, '.parts', 'alm-1-0.json'), JSON.stringify({ api: 'alm', target: 'emulator', scenarios: { 'alm/x.feature: y': [] } }));
    assert.deepEqual(mergeShapeParts(dir), ['alm']);
    assert.deepEqual([...readShapeFiles(dir).keys()], ['alm', 'sdm']);
  });
});
