// The environment contract of design.md, validated once by one zod schema before any scenario runs.
// `<PREFIX>BASE_URL` unset means "start that API's emulator and use its demo credentials"; set means
// "use that URL and the credentials from the environment". Every problem is one line naming its variable.
// Values are taken as given, never trimmed: one that cannot be used exactly as written is refused, and so
// is a name that looks like the contract's but is not in it (ignored, it would leave the run on the emulator).
import { z } from 'zod';

import { API_IDS, APIS, type ApiId } from './apis';
import type { ApiContract } from './apis/types';
import { readEnvFile, type EnvFile } from './env-file';
import { unknownNames } from './env-names';
import { Redactor } from './redact';
import { LOWER_CASE_PROXY_NAMES, OTHER_TOOLS_PROXY_NAMES, resolveTransport, transportSchema, type Transport } from './tls/settings';

export { API_IDS, type ApiId };
export type { ApiContract, VariableSpec } from './apis/types';

/** Every API's environment contract, by id, read from its folder (support/apis/<id>/contract.ts). */
export const CONTRACT = Object.fromEntries(APIS.map((api) => [api.contract.id, api.contract as ApiContract])) as Record<ApiId, ApiContract>;

/**
 * Settings read outside this file (by the emulators, the scripts, the CI tooling), by the file reading
 * each: the one list of them, so that the check for misspelt names knows them and never flags them.
 * tests/config-names.test.ts fails when a `process.env` read elsewhere is missing here.
 */
export const SETTINGS_READ_ELSEWHERE: Readonly<Record<string, string>> = {
  DOTENV_PATH: 'support/config.ts (which file to read instead of .env)',
  EMULATOR_FAULT: 'support/emulators/faults.ts',
  EMULATOR_LATENCY_MS: 'support/runtime.ts, scripts/sandbox.ts',
  SANDBOX_PORT: 'scripts/sandbox.ts',
  SANDBOX_HOST: 'scripts/sandbox.ts',
  REPORT_PORT: 'scripts/serve-report.ts',
  JAVA_OPTS: 'scripts/report.ts (Allure)',
  SOAK_RUNS: 'scripts/soak.ts',
  SOAK_RUN_TIMEOUT_S: 'scripts/soak.ts',
  SOAK_BUDGET_S: 'scripts/soak.ts',
  BENCH_QUICK: 'scripts/bench/mode.ts',
  BENCH_RUNS: 'scripts/bench/mode.ts',
  BENCH_RSS_FILE: 'scripts/bench/peak-rss.cjs',
  PROFILE_N: 'scripts/bench/profile-suite.ts',
  PROFILE_RUNS: 'scripts/bench/profile-suite.ts',
  PROFILE_CONFIG: 'scripts/bench/profile-suite.ts',
  BENCH_PEER_FEATURE: 'scripts/bench/peer/playwright.config.ts',
  BENCH_PEER_OUT: 'scripts/bench/peer/playwright.config.ts',
  NIGHTLY_PARALLEL: 'scripts/nightly-options.ts (npm run nightly: workers)',
  NIGHTLY_SHARD: 'scripts/nightly-options.ts (npm run nightly: this job\'s shard, i/n)',
  ...Object.fromEntries(LOWER_CASE_PROXY_NAMES.map((name) => [name, 'support/tls/settings.ts (curl\'s spelling, over the upper-case one)'])),
  NODE_EXTRA_CA_CERTS: 'support/tls/trust.ts (kept when a CA_FILE is added)',
  EMULATOR_TLS: 'support/tls/emulator-tls.ts (the emulators serve HTTPS)',
};

/** Above this a hung target would hold a scenario (and CI) for longer than any login should take. */
const MAX_REQUEST_TIMEOUT_MS = 600_000;

/** "A and B", "A, B and C". */
const listed = (names: string[]): string => names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/** The variables that carry an API's credentials, for the sentence refusing a user:password@ URL. */
const credentialNames = (api: ApiContract): string => listed(Object.entries(api.variables).filter(([, spec]) => spec.credential && spec.required).map(([name]) => `${api.prefix}${name}`));

const baseUrl = (api: ApiContract) =>
  z
    .string()
    .refine((value) => /^\S+$/.test(value) && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      error: 'must be an absolute http(s) URL such as https://alm.example.com:8443',
      abort: true,
    })
    // The vendor's paths are appended to the base URL: a query or fragment would swallow them.
    .refine((value) => !/[?#]/.test(value), {
      error: 'must have no query or fragment (?… or #…): the vendor\'s paths are appended to it and would end up inside them; give the scheme, host, port and path prefix only',
      abort: true,
    })
    .refine((value) => !/^[a-z][a-z\d+.-]*:\/\/[^/]*@/i.test(value), {
      error: `must have no user name or password in it (user:password@host), which would not be sent the way the login expects: set ${credentialNames(api)} instead`,
    })
    .transform((value) => value.replace(/\/+$/, ''));

/** A whole number as written (no spaces, no 1e4): coercion would accept " 5000" or "0x10" unseen. */
const wholeNumber = (what: string) => z.string().regex(/^-?\d+$/, { error: `must be a whole number of ${what}` }).transform(Number);

const positiveMs = wholeNumber('milliseconds').pipe(
  z
    .number()
    .positive({ error: 'must be a positive number of milliseconds' })
    .max(MAX_REQUEST_TIMEOUT_MS, { error: `must be at most ${MAX_REQUEST_TIMEOUT_MS} ms (10 minutes), the upper bound of a request timeout` }),
);

/**
 * Why a credential cannot go into an HTTP header exactly as written (the token-login header, Basic
 * credentials), or undefined. Playwright throws on such a value mid-run, which reads as "Cannot reach",
 * or drops a leading or trailing space: a value the target never sees as configured.
 */
export function unsendable(value: string): string | undefined {
  if (/^[^\r\n]+[\r\n]+$/.test(value)) return 'ends with a line break (as a pasted secret often does), which an HTTP header cannot carry: remove it';
  if (/[\r\n]/.test(value)) return 'contains a line break, which an HTTP header cannot carry';
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) return 'contains a control character, which an HTTP header cannot carry';
  if (/[^\x00-\xff]/.test(value)) return 'contains a character beyond Latin-1 (such as € or an emoji), which an HTTP header cannot carry';
  if (/^[ \t]|[ \t]$/.test(value)) return 'starts or ends with a space or tab, which an HTTP header drops: remove it';
  return undefined;
}

const sendable = (schema: z.ZodType<string>) =>
  schema.superRefine((value, ctx) => {
    const why = unsendable(value);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  });

const apiList = z.string().refine((value) => value.split(',').every((id) => (API_IDS as readonly string[]).includes(id.trim())), {
  error: `must be a comma-separated list of API ids (${API_IDS.join(', ')})`,
});

const retries = wholeNumber('retries').pipe(z.number().min(0, { error: 'must be 0 or more' }));

/** The one schema of the whole environment contract. Empty strings count as unset. */
export const envSchema = z.object({
  ...Object.fromEntries(
    Object.values(CONTRACT).flatMap((api) => [
      [`${api.prefix}BASE_URL`, baseUrl(api).optional()],
      ...Object.entries(api.variables).map(([name, spec]) => {
        const schema = spec.schema ?? z.string().min(1);
        return [`${api.prefix}${name}`, (spec.credential ? sendable(schema) : schema).optional()];
      }),
    ]),
  ),
  REQUEST_TIMEOUT_MS: positiveMs.default(10_000),
  // Read by scripts/nightly.ts and the nightly profile; validated here so a typo stops the run at start.
  NIGHTLY_APIS: apiList.optional(),
  NIGHTLY_RETRIES: retries.default(2),
  // Past it an answer is cut and fails as a bad body (support/world/body-limit.ts): Playwright buffers a whole body, decompressed.
  MAX_BODY_BYTES: wholeNumber('bytes').pipe(z.number().positive({ error: 'must be a positive number of bytes' })).default(4 * 1024 * 1024),
  // CA files, certificate checks, client certificates, proxies: per API and global (support/tls/settings.ts).
  ...transportSchema(Object.values(CONTRACT).map((api) => api.prefix)),
});

export interface ApiTarget {
  id: ApiId;
  product: string;
  /** Undefined: the embedded emulator serves this API (its URL is known once it listens). */
  baseUrl: string | undefined;
  /** Effective value of every contract variable of this API, by full name; unset optional ones are absent. */
  vars: Record<string, string>;
  /** Extra CA, certificate checks, client certificate and proxy (support/tls/settings.ts). */
  transport?: Transport;
}

export interface Config {
  targets: Record<ApiId, ApiTarget>;
  requestTimeoutMs: number;
  /** MAX_BODY_BYTES: the largest answer body read, after decompression (default 4 MiB). */
  maxBodyBytes: number;
  nightly: {
    /** The APIs the nightly regression runs: those with a base URL, narrowed by NIGHTLY_APIS. */
    apis: ApiId[];
    /** NIGHTLY_APIS as given, when set. */
    only: ApiId[] | undefined;
    retries: number;
  };
  /** Passwords and secrets supplied by the environment: scrubbed from everything recorded, at any length. */
  secrets: string[];
  /** Usernames and client IDs supplied by the environment: scrubbed like values seen on the wire. */
  identities: string[];
  /** CA_FILE: trusted for every target. */
  globalCa?: { pem: string; file: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid (check .env or the environment):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError [bad-config]'; // its report category, as support/errors.ts codes it
  }
}

/** Every name this project reads from the environment. */
const KNOWN_NAMES = [...Object.keys(envSchema.shape), ...Object.keys(SETTINGS_READ_ELSEWHERE), ...OTHER_TOOLS_PROXY_NAMES];
/** A name starting with one of these (in any case) is meant for this project, so it must be a known one. */
const PREFIXES = [...Object.values(CONTRACT).map((api) => api.prefix), 'NIGHTLY_', 'REQUEST_TIMEOUT'];

/**
 * One line per name set (non-empty) in `env` that looks meant for this project but is not a name it
 * reads: it starts with an API's prefix, NIGHTLY_ or REQUEST_TIMEOUT in any case, or is a couple of
 * edits from a known name. Every other variable (PATH, CI, GITHUB_*, npm_*, NODE_*) is none of ours.
 */
export function unknownVariables(env: NodeJS.ProcessEnv, file?: EnvFile): string[] {
  const set = Object.keys(env).filter((name) => env[name] !== undefined && env[name] !== '');
  return unknownNames(set, { known: KNOWN_NAMES, prefixes: PREFIXES }).map(({ name, nearest }) => {
    const where = file && Object.hasOwn(file.values, name) ? `set in ${file.label}` : 'set in the environment';
    return `${name} (${where}) is not a name this project reads: did you mean ${nearest}? Rename or remove it (ignored, it would leave the run as if it were unset)`;
  });
}

/** A value as an error may show it: never a credential, and never the user:password@ of a URL. */
function shown(name: string, value: string): string {
  if (isCredentialVariable(name)) return '<hidden>';
  if (!name.endsWith('BASE_URL')) return JSON.stringify(value);
  const masked = new Redactor().text(value);
  // An "@" the redactor found no userinfo around (a space in it, say) may still guard a password.
  return masked === value && value.includes('@') ? '<hidden: it holds an @, which may be a password>' : JSON.stringify(masked);
}

/**
 * Validates an environment into a Config, or throws ConfigError. Without one: process.env over .env
 * (readEnvironment), and then the problems of the .env file count too.
 */
export function loadConfig(given?: NodeJS.ProcessEnv): Config {
  const { env, file } = given === undefined ? readEnvironment() : { env: given, file: undefined };
  const unknown = unknownVariables(env, file);
  // Values exactly as given: only an empty one counts as unset.
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape)
      .map((name) => [name, env[name]])
      .filter(([, value]) => value !== undefined && value !== ''),
  ) as Record<string, string>;
  const parsed = envSchema.safeParse(relevant);
  const invalid = parsed.success ? [] : parsed.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `${name}=${shown(name, relevant[name] ?? '')} ${issue.message}`;
  });
  const before = [...(file?.problems ?? []), ...unknown, ...invalid];
  if (before.length > 0 || !parsed.success) throw new ConfigError(before);
  const values = parsed.data as Record<string, string | undefined>;
  const problems: string[] = [];
  const secrets: string[] = [];
  const identities: string[] = [];
  const targets = Object.fromEntries(
    Object.values(CONTRACT).map((api) => {
      const url = values[`${api.prefix}BASE_URL`];
      const vars: Record<string, string> = {};
      for (const [name, spec] of Object.entries(api.variables)) {
        const full = `${api.prefix}${name}`;
        const given = values[full];
        if (given !== undefined) {
          vars[full] = given;
          if (spec.credential) (spec.identity ? identities : secrets).push(given);
        } else if (url === undefined) {
          vars[full] = spec.demo;
        } else if (spec.required) {
          problems.push(`${full} is required when ${api.prefix}BASE_URL is set (${spec.doc})`);
        } else if (!spec.credential) {
          vars[full] = spec.demo;
        }
        // Half a pair would only surface mid-run, as an unset ${VAR} in the one scenario that needs it.
        const partner = spec.pairedWith && `${api.prefix}${spec.pairedWith}`;
        if (partner && url !== undefined && given !== undefined && values[partner] === undefined) {
          problems.push(`${partner} is required when ${full} is set (${api.variables[spec.pairedWith!]!.doc}); set both or neither`);
        }
      }
      return [api.id, { id: api.id, product: api.product, baseUrl: url, vars }];
    }),
  ) as Record<ApiId, ApiTarget>;
  const transport = resolveTransport(Object.values(CONTRACT).map((api) => ({ id: api.id, prefix: api.prefix, baseUrl: values[`${api.prefix}BASE_URL`] })), values, env);
  for (const target of Object.values(targets)) target.transport = transport.byApi[target.id]!;
  problems.push(...transport.problems);
  secrets.push(...transport.secrets);
  identities.push(...transport.identities);
  if (problems.length > 0) throw new ConfigError(problems);
  const only = values.NIGHTLY_APIS?.split(',').map((id) => id.trim() as ApiId);
  const apis = API_IDS.filter((id) => targets[id].baseUrl !== undefined && (only === undefined || only.includes(id)));
  return { targets, requestTimeoutMs: Number(values.REQUEST_TIMEOUT_MS), maxBodyBytes: Number(values.MAX_BODY_BYTES), nightly: { apis, only, retries: Number(values.NIGHTLY_RETRIES) }, secrets, identities, ...(transport.globalCa ? { globalCa: transport.globalCa } : {}) };
}

/** Why the nightly regression has nothing to run (one sentence naming what to set), or undefined. */
export function nightlyNothingToRun(config: Config): string | undefined {
  if (config.nightly.apis.length > 0) return undefined;
  const configured = API_IDS.filter((id) => config.targets[id].baseUrl !== undefined);
  if (configured.length === 0) {
    const names = API_IDS.map((id) => `${CONTRACT[id].prefix}BASE_URL`).join(', ');
    return `The nightly regression runs against real sandboxes only, and no base URL is set: set at least one of ${names} (with that API's credentials, see .env.example).`;
  }
  const wanted = config.nightly.only!.map((id) => `${CONTRACT[id].prefix}BASE_URL`).join(' or ');
  return `NIGHTLY_APIS=${config.nightly.only!.join(',')} keeps none of the APIs whose base URL is set (${configured.join(', ')}): set ${wanted}, or change NIGHTLY_APIS.`;
}

export function isCredentialVariable(name: string): boolean {
  return Object.values(CONTRACT).some((api) =>
    Object.entries(api.variables).some(([short, spec]) => spec.credential && `${api.prefix}${short}` === name),
  );
}

/**
 * process.env over .env (the environment wins, as CI secrets expect): .env's values are added to
 * process.env, where the emulators and scripts read theirs. DOTENV_PATH picks another file, which must
 * exist. The file is read by support/env-file.ts's rule (.env.example states it), not dotenv's.
 */
export function readEnvironment(): { env: NodeJS.ProcessEnv; file: EnvFile } {
  const named = process.env.DOTENV_PATH;
  const file = readEnvFile(named || '.env', Boolean(named));
  for (const [name, value] of Object.entries(file.values)) if (!Object.hasOwn(process.env, name)) process.env[name] = value;
  return { env: process.env, file };
}
