// Issue 20, runs that collide: a second `npm run acceptance` in the same folder is refused with one
// sentence and the first ends with its own results; a report build stopped midway leaves the previous
// report and its history; a SIGTERM to npm stops the whole tree (npm kills only its shell, which left the
// acceptance process, cucumber and Allure running). Each runs in a folder of its own (isolatedProject).
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isolatedProject } from './isolated-project';
import { alive, descendants, runningIn, waitFor } from './process-tree';

const projects: Array<ReturnType<typeof isolatedProject>> = [];
after(() => {
  // Whatever a failed test left running: every process still working in one of its isolated projects.
  // Not by process group: once a group is gone its id may be reused by an unrelated group.
  for (const project of projects) {
    for (const proc of runningIn(project.dir)) {
      try {
        process.kill(proc.pid, 'SIGKILL');
      } catch {
        // ended meanwhile
      }
    }
    project.remove();
  }
});

function project(): string {
  const made = isolatedProject();
  projects.push(made);
  return made.dir;
}

/** Starts a command in its own process group (so a failed test can kill what it left), output captured. */
function start(command: string, args: string[], cwd: string, env: Record<string, string> = {}): { child: ChildProcess; output: () => string; ended: Promise<number | null>; exited: Promise<void> } {
  const child = spawn(command, args, { cwd, env: { ...process.env, FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  // 'close' waits for every holder of its output pipes too (an orphaned grandchild); 'exit' is the process alone.
  const ended = new Promise<number | null>((resolve) => child.once('close', (status) => resolve(status)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, output: () => output, ended, exited };
}

const cucumberOf = (pid: number) => descendants(pid).find((proc) => proc.command.includes('cucumber.js'));

describe('runs that collide', () => {
  it('refuses a second npm run acceptance while one runs, and the first ends with its results alone', async () => {
    const dir = project();
    // Slow emulators keep the first run in cucumber while the second starts.
    const first = start('npm', ['run', 'acceptance', '--', 'features/token-login'], dir, { EMULATOR_LATENCY_MS: '100' });
    await waitFor('the first run to be in cucumber', 60_000, () => cucumberOf(first.child.pid!) && existsSync(join(dir, 'reports/allure-results')));
    const second = spawnSync('npm', ['run', 'acceptance', '--', 'features/alm'], { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, timeout: 120_000 });
    assert.equal(second.status, 1, second.stderr);
    assert.match(second.stderr, /^Another run is writing reports\/ in this folder: "npm run acceptance" \(pid \d+, started \d{4}-\d\d-\d\dT[\d:.]+Z\); wait for it to end or stop it \(kill \d+\), then run "npm run acceptance" again \(nothing was run; if no such run exists, delete reports\/\.run\.lock\)\.$/m);
    assert.doesNotMatch(second.stdout, /scenario/, 'the refused run ran cucumber');
    const status = await first.ended;
    assert.equal(status, 0, first.output().slice(-4000));
    assert.match(first.output(), /Allure report: .*reports\/allure-report\/index\.html/);
    // The scenarios of the run's results are the first run's (token-login), none of the second's (alm).
    const uris = new Set(readFileSync(join(dir, 'reports/messages.ndjson'), 'utf8').split('\n').flatMap((line) => (line.startsWith('{"pickle":') ? [(JSON.parse(line) as { pickle: { uri: string } }).pickle.uri.split('/')[1]] : [])));
    assert.deepEqual([...uris], ['token-login'], 'the results hold another run\'s scenarios');
    assert.ok(existsSync(join(dir, 'reports/allure-report/index.html')));
    assert.ok(!existsSync(join(dir, 'reports/.run.lock')), 'the lock outlived its run');
  });

  it('keeps the previous report and its history when the report build is stopped midway', async () => {
    const dir = project();
    const report = join(dir, 'reports/allure-report');
    mkdirSync(join(report, 'history'), { recursive: true });
    writeFileSync(join(report, 'index.html'), '<title>the previous report</title>');
    writeFileSync(join(report, 'history/history-trend.json'), '[{"data":{"passed":7}}]');
    const results = join(dir, 'reports/allure-results');
    mkdirSync(results, { recursive: true });
    writeFileSync(join(results, 'a-result.json'), JSON.stringify({ uuid: 'a', name: 'a login', status: 'passed', fullName: 'login-api-bdd:features/alm/login.feature#a login', start: 1, stop: 2 }));
    const build = start(process.execPath, ['--import', 'tsx', 'scripts/report.ts'], dir);
    const java = await waitFor('Allure\'s JVM', 60_000, () => descendants(build.child.pid!).find((proc) => /\bjava\b/.test(proc.command)));
    process.kill(build.child.pid!, 'SIGTERM');
    const status = await build.ended;
    assert.equal(status, 143, build.output());
    assert.match(build.output(), /The report build was stopped \(SIGTERM\): reports\/allure-report is the previous report, untouched\./);
    assert.equal(readFileSync(join(report, 'index.html'), 'utf8'), '<title>the previous report</title>');
    assert.equal(readFileSync(join(report, 'history/history-trend.json'), 'utf8'), '[{"data":{"passed":7}}]');
    assert.deepEqual(readdirSync(join(dir, 'reports')).sort(), ['allure-report', 'allure-results'], 'a half-built report was left next to it');
    await waitFor('the JVM to end', 10_000, () => alive([java.pid]).length === 0);
  });

  it('stops npm, the acceptance process, cucumber and everything under them on a SIGTERM to npm', async () => {
    const dir = project();
    // 1 s per answer: a run left going takes minutes, far past the 15 s the tree is given to stop.
    const run = start('npm', ['run', 'acceptance', '--', 'features/token-login'], dir, { EMULATOR_LATENCY_MS: '1000' });
    const npm = run.child.pid!;
    await waitFor('cucumber under npm', 60_000, () => cucumberOf(npm));
    const tree = descendants(npm);
    assert.ok(tree.some((proc) => proc.command.includes('scripts/acceptance.ts')), tree.map((p) => p.command).join('\n'));
    process.kill(npm, 'SIGTERM');
    await run.exited;
    const survivors = await waitFor('every process of the tree to end', 15_000, () => {
      const left = alive(tree.map((proc) => proc.pid));
      return left.length === 0 ? [] : undefined;
    }).catch(() => alive(tree.map((proc) => proc.pid)));
    assert.deepEqual(survivors.map((proc) => `${proc.pid} ${proc.command}`), []);
    assert.ok(!existsSync(join(dir, 'reports/.run.lock')), 'the stopped run left its lock');
    assert.ok(!existsSync(join(dir, 'reports/allure-report')), 'a report was built after the stop');
  });
});
