import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PlainResultsWriter } from './allure-writer';

const dir = mkdtempSync(join(tmpdir(), 'allure-writer-'));
after(() => rmSync(dir, { recursive: true, force: true }));

type Result = Parameters<PlainResultsWriter['writeResult']>[0];
type Group = Parameters<PlainResultsWriter['writeGroup']>[0];
const result = (uuid: string, stepSource: string, ownSource: string) =>
  ({ uuid, name: uuid, attachments: [{ name: 'Examples', source: ownSource, type: 'text/csv' }], steps: [{ name: 'step', attachments: [{ name: 'Data table', source: stepSource, type: 'text/csv' }], steps: [] }] }) as unknown as Result;
const fixture = (extra: Record<string, unknown> = {}) => ({ status: 'passed', statusDetails: {}, stage: 'finished', steps: [], attachments: [], parameters: [], start: 1, stop: 2, ...extra });
const group = (uuid: string, befores: unknown[]) => ({ uuid, children: ['t'], befores, afters: [] }) as unknown as Group;
const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as { attachments: Array<{ source: string }>; steps: Array<{ attachments: Array<{ source: string }> }> };

describe('PlainResultsWriter', () => {
  const writer = new PlainResultsWriter(dir);

  it('writes a table attachment once per content and points every result carrying it at that file', async () => {
    writer.writeAttachment('a1-attachment.csv', Buffer.from('n\n1\n2\n'));
    writer.writeAttachment('a2-attachment.csv', Buffer.from('User-Name,x\n'));
    writer.writeResult(result('r1', 'a2-attachment.csv', 'a1-attachment.csv'));
    writer.writeAttachment('b1-attachment.csv', Buffer.from('n\n1\n2\n'));
    writer.writeAttachment('b2-attachment.csv', Buffer.from('User-Name,y\n'));
    writer.writeResult(result('r2', 'b2-attachment.csv', 'b1-attachment.csv'));
    await writer.written();
    const files = readdirSync(dir);
    assert.ok(!files.includes('b1-attachment.csv'), 'a repeated table is not written again');
    assert.ok(files.includes('b2-attachment.csv'), 'a different table is written');
    assert.equal(read('r2-result.json').attachments[0]!.source, 'a1-attachment.csv');
    assert.equal(read('r2-result.json').steps[0]!.attachments[0]!.source, 'b2-attachment.csv');
    assert.equal(read('r1-result.json').attachments[0]!.source, 'a1-attachment.csv');
    assert.equal(readFileSync(join(dir, 'a1-attachment.csv'), 'utf8'), 'n\n1\n2\n');
  });

  it('writes every exchange (a .txt attachment) even when two read the same', async () => {
    writer.writeAttachment('c1-attachment.txt', Buffer.from('GET /x'));
    writer.writeAttachment('c2-attachment.txt', Buffer.from('GET /x'));
    await writer.written();
    assert.ok(readdirSync(dir).includes('c1-attachment.txt') && readdirSync(dir).includes('c2-attachment.txt'));
  });

  it('leaves out a container of passed, unnamed, empty hooks and keeps one whose hook failed, was named or attached', async () => {
    writer.writeGroup(group('g-trivial', [fixture()]));
    writer.writeGroup(group('g-failed', [fixture({ status: 'failed', statusDetails: { message: 'boom' } })]));
    writer.writeGroup(group('g-named', [fixture({ name: 'seed the emulator' })]));
    writer.writeGroup(group('g-attached', [fixture({ attachments: [{ name: 'log', source: 'l-attachment', type: 'text/plain' }] })]));
    await writer.written();
    const files = readdirSync(dir);
    assert.ok(!files.includes('g-trivial-container.json'));
    for (const kept of ['g-failed', 'g-named', 'g-attached']) assert.ok(files.includes(`${kept}-container.json`), kept);
  });

  it('says in one sentence which file it could not write, and fails the run', async () => {
    mkdirSync(join(dir, 'taken-attachment.txt'));
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => errors.push(chunk) > 0) as typeof process.stderr.write;
    try {
      writer.writeAttachment('taken-attachment.txt', Buffer.from('GET /x'));
      await writer.written();
    } finally {
      process.stderr.write = write;
    }
    assert.equal(process.exitCode, 1);
    process.exitCode = 0;
    assert.match(errors.join(''), /^Could not write the Allure result .*taken-attachment\.txt \(EISDIR.*\): the report will lack it; check that .* is writable\.\n$/);
  });

  it('still writes what is pending when the process exits at once (cucumber --force-exit)', () => {
    const out = join(dir, 'forced');
    const script = `const { PlainResultsWriter } = require('./support/allure-writer.ts'); const w = new PlainResultsWriter(${JSON.stringify(out)}); for (let i = 0; i < 50; i++) w.writeAttachment(i + '-attachment.txt', Buffer.from('x'.repeat(100000))); process.exit(0);`;
    const ran = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    assert.equal(ran.status, 0, ran.stderr);
    const files = readdirSync(out);
    assert.equal(files.length, 50);
    for (const file of files) assert.equal(readFileSync(join(out, file), 'utf8').length, 100000, file);
  });
});
