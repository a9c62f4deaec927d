// The sandbox's Postman collection (v2.1) and environment, generated from each API's documented examples
// (support/apis/<id>/examples.ts, checked against its emulator's route table) and its contract's public
// demo values: per API, the login, an authenticated call, the logout where there is one, and the
// documented refusals, each request with test scripts that check its documented answer and keep the
// cookies and tokens the next requests send. The environment holds the base URLs of `npm run sandbox`
// (the first port, then one per API in registry order) and the emulators' demo credentials, never a
// value of the user's .env.
//
//   node --import tsx scripts/postman.ts <dir> [--port 8101]    writes the two files into <dir>
//   node --import tsx scripts/postman.ts --check <dir>          fails when <dir> is not what it would write
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APIS } from '../support/apis';
import { SECURITY_BEHAVIOURS } from '../support/apis/security';
import { capturedBy, environmentOf, examplesOf, routeProblem, variableProblems, type ApiExample, type Expectation } from '../support/apis/examples';
import type { ApiModule } from '../support/apis/types';
import type { EmulatorParts, KitEmulator } from '../support/emulators/kit';

export const COLLECTION_FILE = 'login-api-bdd-sandbox.postman_collection.json';
export const ENVIRONMENT_FILE = 'login-api-bdd-sandbox.postman_environment.json';
export const DEFAULT_FIRST_PORT = 8101;
const NAME = 'login-api-bdd sandbox';
const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** The base URL `npm run sandbox` gives the API at this registry index. */
export function sandboxUrl(firstPort: number, index: number): string {
  return `http://127.0.0.1:${firstPort + index}`;
}

/** A registered API's emulator as the kit builds it (its parts hold the route table). */
export function kitEmulator(api: ApiModule, vars: Record<string, string>): KitEmulator<EmulatorParts> {
  const emulator = api.emulator(vars);
  if (!('parts' in emulator)) throw new Error(`The ${api.contract.id} emulator is not built with support/emulators/kit.ts, so its routes cannot be read`);
  return emulator as KitEmulator<EmulatorParts>;
}

/** Every problem of every API's examples, one sentence each: unknown variables, unrouted method + path. */
export function exampleProblems(apis: readonly ApiModule[] = APIS): string[] {
  return apis.flatMap((api) => {
    const { id } = api.contract;
    const examples = examplesOf(id);
    if (examples.length === 0) return [];
    const environment = environmentOf(api.contract, '');
    const emulator = kitEmulator(api, environment);
    const catalogued = new Set([...api.behaviours, ...SECURITY_BEHAVIOURS].map((behaviour) => behaviour.id));
    const uncatalogued = examples.flatMap((example) =>
      example.behaviours.filter((behaviour) => !catalogued.has(behaviour)).map((behaviour) => `support/apis/${id}/examples.ts, "${example.name}" names ${behaviour}, which neither support/apis/${id}/behaviours.ts nor support/apis/security.ts catalogues`),
    );
    return [...variableProblems(id, api.contract, examples), ...uncatalogued, ...examples.flatMap((example) => routeProblem(example, emulator, environment) ?? [])];
  });
}

// ---- test scripts: one pm.test per expectation, so a run counts and names each documented answer ----

const js = (value: unknown) => JSON.stringify(value);
/** A string that may use {{VARIABLE}}, resolved when the request runs. */
const resolved = (value: string) => (value.includes('{{') ? `pm.variables.replaceIn(${js(value)})` : js(value));
const literal = (value: unknown) => (typeof value === 'string' ? resolved(value) : js(value));
const regex = (pattern: RegExp) => `new RegExp(${js(pattern.source)}, ${js(pattern.flags)})`;
const test = (name: string, body: string) => `pm.test(${js(name)}, () => { ${body} });`;

const HELPERS = {
  at: [
    '// The JSON value at a dotted path, or undefined (no body, not JSON, no such field).',
    'const at = (path) => { let value; try { value = pm.response.json(); } catch (e) { return undefined; } return path.split(".").reduce((v, key) => (v === null || v === undefined ? undefined : v[key]), value); };',
  ],
  cookies: [
    '// The cookies this answer sets, from its Set-Cookie headers (not the cookie jar).',
    'const setCookies = () => pm.response.headers.all().filter((h) => h.key.toLowerCase() === "set-cookie").map((h) => ({ name: h.value.split("=")[0].trim(), value: h.value.slice(h.value.indexOf("=") + 1).split(";")[0], line: h.value }));',
    'const cookie = (name) => (setCookies().find((c) => c.name === name) || {}).value;',
  ],
  expired: [
    'const expired = (name) => setCookies().some((c) => c.name === name && (/;\\s*max-age=0\\s*(;|$)/i.test(c.line) || Date.parse((/;\\s*expires=([^;]+)/i.exec(c.line) || [])[1]) < Date.now()));',
  ],
};

function statusTest(expect: Expectation): string {
  const when = expect.statusWhen;
  if (!when) return test(`answers HTTP ${expect.status}`, `pm.response.to.have.status(${expect.status});`);
  return test(
    `answers HTTP ${expect.status} (${when.status} when ${when.variable} is "${when.equals}")`,
    `pm.response.to.have.status(pm.variables.get(${js(when.variable)}) === ${js(when.equals)} ? ${when.status} : ${expect.status});`,
  );
}

/** The test script of one example: its documented answer, then what it keeps for the following requests. */
export function testScript(id: string, example: ApiExample): string[] {
  const { expect, capture } = example;
  const tests = [statusTest(expect)];
  let readsJson = false;
  let readsCookies = false;
  for (const [name, value] of Object.entries(expect.headers ?? {})) {
    const check = value instanceof RegExp ? `.to.match(${regex(value)})` : `.to.eql(${resolved(value)})`;
    tests.push(test(`header ${name} ${value instanceof RegExp ? `matches ${value}` : `is ${js(value)}`}`, `pm.response.to.have.header(${js(name)}); pm.expect(pm.response.headers.get(${js(name)}))${check};`));
  }
  for (const [path, value] of Object.entries(expect.json ?? {})) {
    readsJson = true;
    tests.push(
      value instanceof RegExp
        ? test(`$.${path} matches ${value}`, `pm.expect(at(${js(path)}), ${js(`$.${path}`)}).to.be.a("string").and.match(${regex(value)});`)
        : test(`$.${path} is ${js(value)}`, `pm.expect(at(${js(path)}), ${js(`$.${path}`)}).to.eql(${literal(value)});`),
    );
  }
  for (const path of expect.absent ?? []) {
    readsJson = true;
    tests.push(test(`the body has no $.${path}`, `pm.expect(at(${js(path)}), ${js(`$.${path}`)}).to.equal(undefined);`));
  }
  for (const text of expect.bodyIncludes ?? []) tests.push(test(`the body contains ${js(text)}`, `pm.expect(pm.response.text()).to.include(${resolved(text)});`));
  for (const text of expect.bodyExcludes ?? []) tests.push(test(`the body does not contain ${js(text)}`, `pm.expect(pm.response.text()).to.not.include(${resolved(text)});`));
  for (const [name, { path, httpOnly }] of Object.entries(expect.cookieAttributes ?? {})) {
    readsCookies = true;
    const said = [...(path === undefined ? [] : [`Path=${path}`]), ...(httpOnly === undefined ? [] : [httpOnly ? 'HttpOnly' : 'not HttpOnly'])].join(', ');
    const checks = [
      `const line = (setCookies().find((c) => c.name === ${js(name)}) || {}).line;`,
      `pm.expect(line, ${js(`Set-Cookie ${name}`)}).to.be.a("string");`,
      ...(path === undefined ? [] : [`pm.expect((/;\\s*path=([^;]*)/i.exec(line) || [])[1], ${js(`the Path of ${name}`)}).to.eql(${js(path)});`]),
      ...(httpOnly === undefined ? [] : [`pm.expect(/;\\s*httponly\\s*(;|$)/i.test(line), ${js(`${name} is HttpOnly`)}).to.equal(${httpOnly});`]),
    ];
    tests.push(test(`sets the cookie ${name} with ${said}`, checks.join(' ')));
  }
  for (const name of expect.setsCookies ?? []) {
    readsCookies = true;
    tests.push(test(`sets the cookie ${name}`, `pm.expect(cookie(${js(name)}), ${js(`Set-Cookie ${name}`)}).to.be.a("string");`));
  }
  if (expect.setsNoCookies) {
    readsCookies = true;
    tests.push(test('sets no cookie', 'pm.expect(setCookies().map((c) => c.name), "Set-Cookie").to.eql([]);'));
  }
  for (const name of expect.expiresCookies ?? []) {
    readsCookies = true;
    tests.push(test(`expires the cookie ${name}`, `pm.expect(expired(${js(name)}), ${js(`Set-Cookie ${name} expired`)}).to.equal(true);`));
  }
  // A value that is not there is unset, so the next request fails on it instead of reusing an older one.
  const keep = (variable: string, read: string, what: string) => {
    const local = `kept_${variable.replace(/[^A-Za-z0-9]+/g, '_')}`;
    tests.push(
      `const ${local} = ${read};`,
      `if (${local} === undefined || ${local} === null || ${local} === "") pm.collectionVariables.unset(${js(variable)}); else pm.collectionVariables.set(${js(variable)}, String(${local}));`,
      test(`keeps ${what} as {{${variable}}}`, `pm.expect(${local}, ${js(what)}).to.not.be.oneOf([undefined, null, ""]);`),
    );
  };
  for (const [variable, name] of Object.entries(capture?.cookies ?? {})) {
    readsCookies = true;
    keep(variable, `cookie(${js(name)})`, `the cookie ${name}`);
  }
  for (const [variable, path] of Object.entries(capture?.json ?? {})) {
    readsJson = true;
    keep(variable, `at(${js(path)})`, `$.${path}`);
  }
  return [
    `// Generated by scripts/postman.ts from support/apis/${id}/examples.ts ("${example.name}"): edit the example, not this script.`,
    ...(readsJson ? HELPERS.at : []),
    ...(readsCookies ? HELPERS.cookies : []),
    ...(expect.expiresCookies?.length ? HELPERS.expired : []),
    ...tests,
  ];
}

/** How many pm.test calls an example's script makes: the assertions a run of it must count. */
export function assertionsOf(example: ApiExample): number {
  return testScript('x', example).filter((line) => line.startsWith('pm.test(')).length;
}

// ---- the collection and the environment ----

function url(baseVariable: string, path: string) {
  const [pathname = '', query] = path.split(/\?(.*)/s);
  return {
    raw: `{{${baseVariable}}}${path}`,
    host: [`{{${baseVariable}}}`],
    path: pathname.replace(/^\//, '').split('/'),
    ...(query === undefined ? {} : { query: query.split('&').map((pair) => ({ key: pair.split('=')[0], value: pair.includes('=') ? pair.slice(pair.indexOf('=') + 1) : null })) }),
  };
}

function describeRequest(api: ApiModule, example: ApiExample): string {
  const lines = example.behaviours.map((id) => {
    const behaviour = [...api.behaviours, ...SECURITY_BEHAVIOURS].find((b) => b.id === id)!; // exampleProblems checked it
    return `- **${id}** (${behaviour.documented ? 'documented' : 'inferred'}): ${behaviour.statement}`;
  });
  return [`Expects HTTP ${example.expect.status}${example.expect.statusWhen ? ` (${example.expect.statusWhen.status} when ${example.expect.statusWhen.variable} is "${example.expect.statusWhen.equals}")` : ''}.`, '', ...lines].join('\n');
}

function requestItem(api: ApiModule, example: ApiExample) {
  const base = `${api.contract.prefix}BASE_URL`;
  return {
    name: example.name,
    event: [{ listen: 'test', script: { type: 'text/javascript', exec: testScript(api.contract.id, example) } }],
    // Without the jar, a request sends only its own headers: nothing leaks between APIs on one host.
    ...(example.cookieJar ? {} : { protocolProfileBehavior: { disableCookies: true } }),
    request: {
      description: describeRequest(api, example),
      method: example.method,
      header: Object.entries(example.headers ?? {}).map(([key, value]) => ({ key, value })),
      auth: example.basicAuth
        ? { type: 'basic', basic: [{ key: 'username', value: example.basicAuth.username, type: 'string' }, { key: 'password', value: example.basicAuth.password, type: 'string' }] }
        : { type: 'noauth' },
      ...(example.body ? { body: { mode: 'raw', raw: example.body.text, options: { raw: { language: example.body.language } } } } : {}),
      url: url(base, example.path),
    },
  };
}

/** A fixed id per name, so the files are the same on every run. */
function stableId(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function renderCollection(apis: readonly ApiModule[] = APIS): object {
  const shown = apis.filter((api) => examplesOf(api.contract.id).length > 0);
  const without = apis.filter((api) => !shown.includes(api)).map((api) => api.contract.id);
  return {
    info: {
      _postman_id: stableId(`${NAME} collection`),
      name: NAME,
      description: [
        'The documented requests of every login API against `npm run sandbox` (docs/postman/README.md), generated by scripts/postman.ts from support/apis/<id>/examples.ts.',
        'Import it with the environment "login-api-bdd sandbox" and run it in order: each request checks its documented answer, and keeps the cookies and tokens the next ones send.',
        ...(without.length ? [`No examples yet for: ${without.join(', ')}.`] : []),
      ].join('\n\n'),
      schema: SCHEMA,
    },
    item: shown.map((api) => ({
      name: `${api.contract.product} (${api.contract.id})`,
      description: `Base URL {{${api.contract.prefix}BASE_URL}}, credentials {{${api.contract.prefix}...}} from the environment. Requests in order: the login, the authenticated calls, the logout where the API has one, then the documented refusals.`,
      item: examplesOf(api.contract.id).map((example) => requestItem(api, example)),
    })),
    variable: shown.flatMap((api) => examplesOf(api.contract.id).flatMap(capturedBy)).map((key) => ({ key, value: '', type: 'string' })),
  };
}

export function renderEnvironment(firstPort: number, apis: readonly ApiModule[] = APIS): object {
  return {
    id: stableId(`${NAME} environment`),
    name: NAME,
    values: apis.flatMap((api, index) =>
      Object.entries(environmentOf(api.contract, sandboxUrl(firstPort, index))).map(([key, value]) => {
        const spec = api.contract.variables[key.slice(api.contract.prefix.length)];
        // The demo values are public; "secret" only masks the proofs (passwords, secrets) in Postman's UI.
        return { key, value, type: spec?.credential && !spec.identity ? 'secret' : 'default', enabled: true };
      }),
    ),
    _postman_variable_scope: 'environment',
  };
}

/** The files writePostman writes, by name. */
export function renderPostman(firstPort: number, apis: readonly ApiModule[] = APIS): Record<string, string> {
  if (!Number.isInteger(firstPort) || firstPort < 1 || firstPort + apis.length - 1 > 65535) {
    throw new Error(`The first port ${firstPort} must be a whole number from 1 to ${65536 - apis.length}, so that all ${apis.length} sandbox ports fit`);
  }
  const problems = exampleProblems(apis);
  if (problems.length) throw new Error(`The examples do not match the emulators:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const text = (value: object) => `${JSON.stringify(value, null, 2)}\n`;
  return { [COLLECTION_FILE]: text(renderCollection(apis)), [ENVIRONMENT_FILE]: text(renderEnvironment(firstPort, apis)) };
}

/** Writes the collection and the environment for a sandbox whose first port is `firstPort`; returns their paths. */
export function writePostman(dir: string, firstPort: number): string[] {
  const files = renderPostman(firstPort);
  mkdirSync(dir, { recursive: true });
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

/** One sentence per generated file of `dir` that differs from what writePostman would write. */
export function stalePostman(dir: string, firstPort: number): string[] {
  return Object.entries(renderPostman(firstPort)).flatMap(([name, text]) => {
    const path = join(dir, name);
    if (!existsSync(path)) return [`${path} is missing`];
    return readFileSync(path, 'utf8') === text ? [] : [`${path} is not what scripts/postman.ts generates from the examples for the first port ${firstPort}`];
  });
}

function main(args: string[]): number {
  const check = args.includes('--check');
  const portAt = args.indexOf('--port');
  const portText = portAt >= 0 ? args[portAt + 1] : process.env.SANDBOX_PORT || String(DEFAULT_FIRST_PORT);
  const dirs = args.filter((arg, index) => arg !== '--check' && (portAt < 0 || (index !== portAt && index !== portAt + 1)));
  if (dirs.length !== 1 || dirs[0]!.startsWith('--')) {
    console.error(`Give one directory to write the Postman files into: node --import tsx scripts/postman.ts [--check] <dir> [--port ${DEFAULT_FIRST_PORT}] (got ${js(args.join(' '))})`);
    return 2;
  }
  const firstPort = Number(portText);
  if (!/^\d+$/.test(portText ?? '')) {
    console.error(`The first port ${js(portText ?? '')} (--port or SANDBOX_PORT) must be a whole number such as ${DEFAULT_FIRST_PORT}`);
    return 2;
  }
  if (check) {
    const stale = stalePostman(dirs[0]!, firstPort);
    for (const line of stale) console.error(`${line}: run node --import tsx scripts/postman.ts ${dirs[0]} --port ${firstPort}`);
    return stale.length ? 1 : 0;
  }
  for (const path of writePostman(dirs[0]!, firstPort)) console.log(`wrote ${path}`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
