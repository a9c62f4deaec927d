// `npm test` after the typecheck: every *.test.ts under support/, steps/, scripts/ and tests/ with node's
// test runner (TAP on stdout, one file at a time: several of them run whole cucumber suites). When a
// test fails, the names of the failing tests are repeated last, where a CI log's tail shows them.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' || entry === 'fixtures' ? [] : testFiles(path);
    return entry.endsWith('.test.ts') ? [path] : [];
  });
}

const files = ['support', 'steps', 'scripts', 'tests'].flatMap(testFiles).sort();
// Every test talks to loopback only: a machine's proxy settings (there for npm) must not route the sandboxes
// the tests point base URLs at (which follow the curl rules, support/tls/proxy.ts); tests/tls.test.ts sets its own.
const PROXY_SETTINGS = /^(https?|no|all)_proxy$/i;
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !PROXY_SETTINGS.test(name)));
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { stdio: ['ignore', 'pipe', 'inherit'], env });
const failing: string[] = [];
let pending = '';
child.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) if (/^\s*not ok \d+ - /.test(line)) failing.push(line.trim().replace(/^not ok \d+ - /, ''));
});
child.on('exit', (code) => {
  if (code !== 0 && failing.length) console.log(`\nFailing tests:\n${failing.map((name) => `  - ${name}`).join('\n')}`);
  process.exit(code ?? 1);
});
