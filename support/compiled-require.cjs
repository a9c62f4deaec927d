// The require hook cucumber loads the support code with (cucumber.cjs requireModule): each .ts file is
// transpiled by esbuild (tsx's own) once per content and kept in node_modules/.cache/login-api-bdd-ts/,
// keyed by a hash of the source, its path, esbuild's version and the options, so an edited file is
// never run stale: its new content has a new key. A start-up then reads each file and its cached
// JavaScript and nothing else: tsx's hook (resolution, module-type detection, its own cache) cost about
// 80 ms of a 0.75 s start-up (scripts/bench/profile-suite.ts). Only the project's own .ts, as CommonJS:
// node_modules is never transpiled.
// Source maps go inline and are turned on, so a stack names .ts lines (support/source-maps.ts).
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');

const ROOT = __dirname.replace(/[\\/]support$/, '');
const CACHE = join(ROOT, 'node_modules', '.cache', 'login-api-bdd-ts');
const OPTIONS = { loader: 'ts', format: 'cjs', target: 'node20', sourcemap: 'inline', sourcesContent: false, supported: { 'dynamic-import': true } };
let esbuild;
let version;

function transpiled(source, filename) {
  esbuild ??= require(require.resolve('esbuild', { paths: [require.resolve('tsx')] }));
  version ??= esbuild.version;
  const key = createHash('sha256').update(`${version}\0${JSON.stringify(OPTIONS)}\0${filename}\0${source}`).digest('hex');
  const file = join(CACHE, `${key}.js`);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    const { code } = esbuild.transformSync(source, { ...OPTIONS, sourcefile: filename });
    // Written whole and renamed: a parallel worker reading the same key sees all of it or nothing.
    // A cache that cannot be written (read-only node_modules) only means transpiling again next time.
    try {
      mkdirSync(CACHE, { recursive: true });
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, code);
      renameSync(partial, file);
      pruneOnce();
    } catch {}
    return code;
  }
}

/** After an edit (a miss), once per process and in the background: entries written over a week ago go (one still in use is transpiled again). */
let pruned = false;
function pruneOnce() {
  if (pruned) return;
  pruned = true;
  const { readdir, stat, unlink } = require('node:fs/promises');
  const old = Date.now() - 7 * 24 * 3600 * 1000;
  void readdir(CACHE)
    .then((names) => Promise.all(names.map((name) => stat(join(CACHE, name)).then((entry) => (entry.mtimeMs < old ? unlink(join(CACHE, name)) : undefined)).catch(() => {}))))
    .catch(() => {});
}

// Under tsx already (node --import tsx: scripts that load cucumber in-process), tsx keeps .ts.
if (!Module._extensions['.ts']) {
  process.setSourceMapsEnabled(true);
  const load = (module, filename) => {
    if (filename.includes(`${join('/', 'node_modules', '/')}`)) throw new Error(`${filename}: support/compiled-require.cjs transpiles the project's own TypeScript, not a package's`);
    module._compile(transpiled(readFileSync(filename, 'utf8'), filename), filename);
  };
  Module._extensions['.ts'] = load;
}
