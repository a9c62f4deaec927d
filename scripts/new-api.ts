// `npm run new-api -- <id> --name "<vendor product>" --prefix <PREFIX>`: adds a login API in one command.
// Writes support/apis/<id>/ (contract, an emulator with a login route, one fault, a schema, the
// robustness endpoints, its behaviour catalogue, its Postman examples) and features/<id>/login.feature (a tagged scenario that
// passes and that the fault fails), registers the API, and brings the generated files that list every
// API up to date (.env.example, the nightly workflow's matrix and secrets, docs/steps.md, docs/behaviours.md,
// docs/postman/). docs/adding-an-api.md goes on
// from there: making the emulator the vendor's.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { APIS } from '../support/apis';

export interface NewApi {
  id: string;
  name: string;
  prefix: string;
  /** The behaviour IDs' prefix (ACME for ACME-01). */
  ids: string;
}

/** Validates the command line into a NewApi; every problem is one sentence naming the option. */
export function parseNewApi(argv: string[], registered: { ids: string[]; prefixes: string[] }): NewApi {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { name: { type: 'string' }, prefix: { type: 'string' }, ids: { type: 'string' } } });
  const usage = 'usage: npm run new-api -- <id> --name "<vendor product>" --prefix <PREFIX> [--ids <BEHAVIOUR ID PREFIX>]';
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new Error(`Give exactly one API id; ${usage}`);
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) throw new Error(`The API id "${id}" must be lower-case words joined by "-" (it names the folders features/${id}/ and support/apis/${id}/)`);
  if (registered.ids.includes(id)) throw new Error(`An API "${id}" is registered already (support/apis/${id}/)`);
  if (!values.name?.trim()) throw new Error(`--name is missing: the vendor product as stakeholders name it; ${usage}`);
  const prefix = (values.prefix ?? '').replace(/_?$/, '_');
  if (!/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*_$/.test(prefix)) throw new Error(`--prefix "${values.prefix ?? ''}" must be upper-case words joined by "_", such as ACME_SSO (it starts every variable: ACME_SSO_BASE_URL)`);
  if (registered.prefixes.includes(prefix)) throw new Error(`The prefix ${prefix} belongs to another API already`);
  const ids = values.ids ?? prefix.replace(/_/g, '').slice(0, 8);
  if (!/^[A-Z][A-Z0-9]*$/.test(ids) || ids === 'SEC') throw new Error(`--ids "${ids}" must be upper-case letters or digits, not SEC (behaviour IDs read ${ids}-01)`);
  return { id, name: values.name.trim(), prefix, ids };
}

const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (id: string) => camel(id).replace(/^./, (c) => c.toUpperCase());
const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The new API's files, by path. */
export function apiFiles(api: NewApi): Record<string, string> {
  const { id, name, prefix, ids } = api;
  const Name = pascal(id);
  const CONST = prefix.slice(0, -1);
  const dir = `support/apis/${id}`;
  return {
    [`${dir}/contract.ts`]: `// ${name}: what the environment must provide to test a real deployment.
import { credential, identity, type ApiContract } from '../types';

export const contract = {
  id: ${quote(id)},
  prefix: ${quote(prefix)},
  product: ${quote(name)},
  login: 'POST /login',
  exampleBaseUrl: 'https://${id}.example.com',
  variables: {
    USERNAME: identity('${id}-user', 'username for POST /login'),
    PASSWORD: credential('${id}-password', 'password for that user'),
  },
} as const satisfies ApiContract;
`,
    [`${dir}/emulator.ts`]: `// Emulates ${name}, happy path only: POST /login with a JSON {"username", "password"} body answers 200
// and a JSON {"token"} (${ids}-01). Its faults are in faults.ts. This is the generated starting point:
// make it answer as the vendor documents (docs/adding-an-api.md).
import { randomBytes } from 'node:crypto';
import { Clock } from '../../emulators/clock';
import { buildEmulator, type EmulatorParts, type Handler, type KitEmulator } from '../../emulators/kit';
import { json, parseJsonObject, sameSecret } from '../../emulators/types';
import { ${CONST}_FAULTS } from './faults';

export interface ${Name}Options {
  username: string;
  password: string;
  /** The name of one fault of faults.ts. */
  fault?: string;
  clock?: Clock;
}

/** The named parts of the emulator: each fault replaces or wraps one of them. */
export interface ${Name}Parts extends EmulatorParts {
  mediaTypeOk(contentType: string | undefined): boolean;
  credentialsOk(username: unknown, password: unknown): boolean;
  successBody(token: string): Record<string, unknown>;
  login: Handler;
}

export function create${Name}Emulator(options: ${Name}Options): KitEmulator<${Name}Parts> {
  const clock = options.clock ?? new Clock();
  const p: ${Name}Parts = {
    mediaTypeOk: (contentType) => contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json',
    credentialsOk: (username, password) =>
      typeof username === 'string' && typeof password === 'string' && sameSecret(username, options.username) && sameSecret(password, options.password),
    successBody: (token) => ({ token }),

    /** ${ids}-01: the configured user logs in and gets a token. */
    login(request) {
      if (!p.mediaTypeOk(request.headers['content-type'])) return json(415, { error: 'the body must be application/json' });
      const body = parseJsonObject(request.body);
      if (!body || !p.credentialsOk(body.username, body.password)) return json(401, { error: 'invalid credentials' });
      return json(200, p.successBody(randomBytes(24).toString('base64url')));
    },

    routes: () => [{ method: 'POST', path: '/login', handler: p.login }],
    notFound: (request) => json(404, { error: \`no resource at \${request.path.slice(0, 80)}\` }),
    methodNotAllowed: (_request, allow) => json(405, { error: 'method not allowed' }, { Allow: allow.join(', ') }),
    error: (status, message) => json(status, { error: message }),
  };
  return buildEmulator({ api: ${quote(id)}, clock, parts: p, faults: ${CONST}_FAULTS, fault: options.fault });
}
`,
    [`${dir}/faults.ts`]: `// The ${id} emulator's faults: each a small, realistic regression of documented behaviours, written as an
// override of one named part of emulator.ts. \`npm run mutation\` switches each on in turn and expects a
// scenario tagged with one of its behaviours to fail.
import { faultCatalogue } from '../../emulators/kit';
import type { ${Name}Parts } from './emulator';

export const ${CONST}_FAULTS = faultCatalogue<${Name}Parts>([
  { name: 'login-without-token', behaviours: ['${ids}-01'], says: 'answers a successful login without its token', override: () => ({ successBody: () => ({}) }) },
]);
`,
    [`${dir}/schemas.ts`]: `// Bodies of ${name}: strict objects, so an extra field is a difference from the document.
import { z } from 'zod';
import type { NamedSchema } from '../types';

export const ${camel(id)}LoginSuccess = z.strictObject({ token: z.string().min(1) });

export const ${CONST}_SCHEMAS: NamedSchema[] = [{ name: '${id} login success', format: 'json', schema: ${camel(id)}LoginSuccess }];
`,
    [`${dir}/behaviours.ts`]: `// The behaviours of ${name} that the features assert, by ID (docs/behaviours.md is generated from these).
// Replace the generated one with the vendor's: its statement, whether the vendor documents it, and the
// document, section and sentence it rests on.
import type { Behaviour } from '../types';

export const BEHAVIOURS: Behaviour[] = [
  {
    id: '${ids}-01',
    statement: 'POST /login with the configured username and password answers 200 and a JSON body holding a token',
    documented: false,
    source: { document: ${quote(`${name} (generated by npm run new-api)`)}, section: 'login', quote: 'replace with the sentence of the vendor document this rests on' },
  },
];
`,
    [`${dir}/examples.ts`]: `// ${name}'s documented requests for people who explore by hand: scripts/postman.ts makes the sandbox's
// Postman collection of them, and tests/postman.test.ts runs it with Newman (every path must be routed).
import type { ApiExample } from '../examples';

const body = (password: string) => ({ text: \`{"username": "{{${prefix}USERNAME}}", "password": "\${password}"}\`, language: 'json' as const });

export const examples: readonly ApiExample[] = [
  {
    name: 'Log in',
    behaviours: ['${ids}-01'],
    method: 'POST',
    path: '/login',
    headers: { 'Content-Type': 'application/json' },
    body: body('{{${prefix}PASSWORD}}'),
    expect: { status: 200, json: { token: /\\S/ } },
    capture: { json: { '${id}.token': 'token' } },
  },
  { name: 'A wrong password is refused', behaviours: ['${ids}-01'], method: 'POST', path: '/login', headers: { 'Content-Type': 'application/json' }, body: body('not-the-password'), expect: { status: 401, absent: ['token'] } },
];
`,
    [`${dir}/endpoints.ts`]: `// Every endpoint the ${id} emulator routes, for the robustness corpus (support/robustness/), each with a
// valid baseline request and what the corpus may mutate: where the credentials sit, which body it reads.
import { jsonBody, type Endpoint } from '../../robustness/endpoints';

export function endpoints(vars: Record<string, string>): Endpoint[] {
  return [
    {
      api: ${quote(id)},
      name: 'login',
      methods: ['POST'],
      reads: 'json',
      credentials: [{ where: 'json', field: 'username' }, { where: 'json', field: 'password' }],
      refusesBadCredentials: true,
      emptyStatuses: [],
      baseline: async () => ({
        method: 'POST',
        path: '/login',
        headers: [['Host', '127.0.0.1'], ['Content-Type', 'application/json']],
        body: jsonBody({ username: vars.${prefix}USERNAME, password: vars.${prefix}PASSWORD }),
      }),
    },
  ];
}
`,
    [`${dir}/index.ts`]: `// Everything that is ${name}'s, as the registry (support/apis/index.ts) reads it.
import type { ApiModule } from '../types';
import { contract } from './contract';
import { BEHAVIOURS } from './behaviours';
import { create${Name}Emulator } from './emulator';
import { endpoints } from './endpoints';
import { ${CONST}_FAULTS } from './faults';
import { ${CONST}_SCHEMAS } from './schemas';

export const ${camel(id)} = {
  contract,
  emulator: (vars, fault) => create${Name}Emulator({ username: vars.${prefix}USERNAME!, password: vars.${prefix}PASSWORD!, fault }),
  faults: ${CONST}_FAULTS,
  behaviours: BEHAVIOURS,
  schemas: ${CONST}_SCHEMAS,
  endpoints,
} satisfies ApiModule;
`,
    [`features/${id}/login.feature`]: `Feature: ${name} login
  The configured user logs in with POST /login and gets a token.
  ${ids}-01 (generated by npm run new-api): replace it with the vendor's documented behaviours.

  @${ids}-01 @smoke
  Scenario: the configured user logs in and gets a token
    Given the JSON request body:
      | username | \${${prefix}USERNAME} |
      | password | \${${prefix}PASSWORD} |
    When I send a POST request to "/login"
    Then the response status is 200
    And the response content type is "application/json"
    And the response body matches the "${id} login success" schema
`,
  };
}

/** The registry with the new API's import and entry added at its markers. */
export function registered(registry: string, api: NewApi): string {
  const importLine = `import { ${camel(api.id)} } from './${api.id}';\n`;
  const withImport = registry.replace(/(\nexport const APIS = \[)/, `${importLine.trimEnd()}\n$1`);
  return withImport.replace(/(\n(\s*)\/\/ new-api: next API here)/, `\n$2${camel(api.id)},$1`);
}

/**
 * The nightly workflow with the API at the end of its matrix and its variables after the last API's,
 * each handed to its own shard only (empty in the others); their values live in the GitHub environment
 * nightly-<id>.
 */
export function withNightlyShard(workflow: string, api: NewApi, variables: string[]): string {
  const matrix = workflow.replace(/^(\s+api: \[[^\]]*)\]/m, `$1, ${api.id}]`);
  const lines = ['BASE_URL', ...variables].map((name) => `      ${api.prefix}${name}: \${{ matrix.api == '${api.id}' && secrets.${api.prefix}${name} || '' }}`);
  const last = [...matrix.matchAll(/^ +[A-Z][A-Z0-9_]*: \$\{\{ matrix\.api == '[^']+' && (?:secrets|vars)\.[A-Z0-9_]+ \|\| '' \}\}$/gm)].at(-1);
  if (!last) throw new Error(".github/workflows/nightly.yml has no shard variable (a line NAME: ${{ matrix.api == '<id>' && secrets.NAME || '' }}) to add this API's after");
  const end = last.index + last[0].length;
  return `${matrix.slice(0, end)}\n${lines.join('\n')}${matrix.slice(end)}`;
}

async function main(): Promise<void> {
  const api = parseNewApi(process.argv.slice(2), { ids: APIS.map((a) => a.contract.id), prefixes: APIS.map((a) => a.contract.prefix) });
  const files = apiFiles(api);
  const existing = Object.keys(files).filter((path) => existsSync(path));
  if (existing.length) throw new Error(`Not overwriting what is there: ${existing.join(', ')}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
  writeFileSync('support/apis/index.ts', registered(readFileSync('support/apis/index.ts', 'utf8'), api));
  writeFileSync('.github/workflows/nightly.yml', withNightlyShard(readFileSync('.github/workflows/nightly.yml', 'utf8'), api, ['USERNAME', 'PASSWORD']));
  console.log('registered it in support/apis/index.ts and .github/workflows/nightly.yml');
  // Fresh processes: these read the registry, which this process loaded before the API was in it.
  for (const [script, ...args] of [['scripts/env-example.ts'], ['scripts/catalog.ts'], ['scripts/behaviours.ts'], ['scripts/postman.ts', 'docs/postman']]) {
    execFileSync(process.execPath, ['--import', 'tsx', script!, ...args], { stdio: 'inherit' });
  }
  console.log(`\n${api.name} is ready: npm run acceptance -- features/${api.id}, then npm run mutation -- ${api.id}. Next: docs/adding-an-api.md`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
