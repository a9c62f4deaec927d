// The comparison names exactly the part that differs, groups one difference seen in several scenarios,
// ignores only the volatile names, and keeps apart what only one side ran.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ShapeFile } from './collect';
import { compareShapes } from './compare';
import type { Shape } from './shape';
import { VOLATILE } from './volatile';

const login = (change: Partial<Shape> = {}): Shape => ({
  method: 'POST',
  path: '/rest/${SDM_API_VERSION}/admin/login',
  status: 200,
  contentType: 'application/json',
  headers: ['content-type', 'date', 'x-frame-options'],
  cookies: [{ name: 'JSESSIONID', attributes: ['HttpOnly', 'Path=/rest'] }],
  body: { format: 'json', fields: ['$ object', '$.sessionId string', '$.userName string'] },
  ...change,
});
const file = (scenarios: Record<string, Shape[]>): ShapeFile => ({ api: 'sdm', target: 'vendor', scenarios });

describe('comparing two runs\' shapes', () => {
  it('finds nothing between equal runs', () => {
    const result = compareShapes(file({ a: [login()] }), file({ a: [login()] }), 'vendor', 'emulator');
    assert.deepEqual(result.differences, []);
    assert.deepEqual(result.compared, { scenarios: 1, exchanges: 1 });
  });

  it('names a renamed field as one only each side has, in every scenario that saw it', () => {
    const renamed = login({ body: { format: 'json', fields: ['$ object', '$.sessionId string', '$.username string'] } });
    const result = compareShapes(file({ a: [renamed], b: [renamed] }), file({ a: [login()], b: [login()] }), 'vendor', 'emulator');
    assert.deepEqual(
      result.differences.map((d) => [d.kind, d.subject, d.left, d.right, d.seenIn.map((s) => `${s.scenario}#${s.exchange}`).join(' ')]),
      [
        ['field', '$.username', 'string', 'absent', 'a#1 b#1'],
        ['field', '$.userName', 'absent', 'string', 'a#1 b#1'],
      ],
    );
    assert.equal(result.differences[0]!.request, 'POST /rest/${SDM_API_VERSION}/admin/login → 200');
  });

  it('names a type change, a cookie attribute (present or value), a cookie and a header', () => {
    const vendor = login({
      headers: ['content-type', 'strict-transport-security'],
      cookies: [{ name: 'JSESSIONID', attributes: ['Path=/', 'Secure'] }, { name: 'route', attributes: [] }],
      body: { format: 'json', fields: ['$ object', '$.sessionId number', '$.userName string'] },
    });
    const kinds = compareShapes(file({ a: [vendor] }), file({ a: [login()] }), 'vendor', 'emulator').differences.map((d) => `${d.kind}: ${d.subject} ${d.left}/${d.right}`);
    assert.deepEqual(kinds.sort(), [
      'cookie attribute: JSESSIONID HttpOnly absent/present',
      'cookie attribute: JSESSIONID Path ///rest', // / vs /rest
      'cookie attribute: JSESSIONID Secure present/absent',
      'cookie: route set/not set',
      'field type: $.sessionId number/string',
      'header: strict-transport-security present/absent',
      'header: x-frame-options absent/present',
    ]);
  });

  it('reports a status change alone, not the parts of two different answers', () => {
    const refused = login({ status: 401, cookies: [], body: { format: 'xml', fields: ['/error element'] } });
    const [only, ...rest] = compareShapes(file({ a: [refused] }), file({ a: [login()] }), 'vendor', 'emulator').differences;
    assert.deepEqual(rest, []);
    assert.deepEqual([only!.kind, only!.request, only!.left, only!.right], ['status', 'POST /rest/${SDM_API_VERSION}/admin/login', '401', '200']);
  });

  it('ignores exactly the volatile headers, and no other', () => {
    const framed = login({ headers: ['content-type', 'x-frame-options', ...VOLATILE.filter((v) => v.part === 'header').map((v) => v.name)] });
    assert.deepEqual(compareShapes(file({ a: [framed] }), file({ a: [login({ headers: ['content-type', 'x-frame-options'] })] }), 'vendor', 'emulator').differences, []);
    const other = compareShapes(file({ a: [login({ headers: ['content-type', 'x-frame-options', 'server'] })] }), file({ a: [login()] }), 'vendor', 'emulator').differences;
    assert.deepEqual(other.map((d) => d.subject), ['server']);
  });

  it('keeps apart what only one side ran or reached, and requests that do not line up', () => {
    const logout: Shape = { ...login(), method: 'DELETE', path: '/rest/${SDM_API_VERSION}/admin/logout', status: 204 };
    const result = compareShapes(
      file({ both: [login()], vendorOnly: [login()], short: [login()], crossed: [login(), logout] }),
      file({ both: [login()], emulatorOnly: [login()], short: [login(), logout], crossed: [login(), login()] }),
      'vendor',
      'emulator',
    );
    assert.deepEqual(result.differences, []);
    assert.deepEqual(result.onlyLeft, ['vendorOnly']);
    assert.deepEqual(result.onlyRight, ['emulatorOnly']);
    assert.deepEqual(result.unequal, [{ scenario: 'short', left: 1, right: 2 }]);
    assert.deepEqual(result.misaligned, [{ scenario: 'crossed', exchange: 2, left: 'DELETE /rest/${SDM_API_VERSION}/admin/logout', right: 'POST /rest/${SDM_API_VERSION}/admin/login' }]);
  });
});

describe('what the comparison does not call drift', () => {
  it('an empty array against items, a volatile field by its name, an exchange without answer', () => {
    const listed = (fields: string[]): Shape => login({ body: { format: 'json', fields: ['$ object', ...fields] } });
    const empty = compareShapes(file({ a: [listed(['$.roles array'])] }), file({ a: [listed(['$.roles array', '$.roles[] object', '$.roles[].name string'])] }), 'vendor', 'emulator');
    assert.deepEqual(empty.differences, []);
    const o2g = (fields: string[]): ShapeFile => ({ api: 'o2g', target: 'vendor', scenarios: { a: [listed(fields)] } });
    const others = ['$.otherSessions array', '$.otherSessions[] object', '$.otherSessions[].sessionId string'];
    assert.deepEqual(compareShapes(o2g(others), o2g([]), 'vendor', 'emulator').differences, []);
    // Only for its API, and only that field.
    assert.equal(compareShapes({ ...o2g(others), api: 'sdm' }, { ...o2g([]), api: 'sdm' }, 'vendor', 'emulator').differences.length, 3);
    assert.deepEqual(compareShapes(o2g(['$.otherSessionsCount number']), o2g([]), 'vendor', 'emulator').differences.map((d) => d.subject), ['$.otherSessionsCount']);
    const silent = compareShapes(file({ a: [login({ status: null, body: { format: 'none' } })] }), file({ a: [login()] }), 'vendor', 'emulator');
    assert.deepEqual(silent.differences, []);
    assert.deepEqual(silent.unanswered, [{ scenario: 'a', exchange: 1, side: 'vendor' }]);
  });
});
