// The environment contract of design.md, validated once by one zod schema before any scenario runs.
// `<PREFIX>BASE_URL` unset means "start that API's emulator and use its demo credentials"; set means
// "use that URL and the credentials from the environment". Every problem is one line naming its variable.
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

import { API_IDS, APIS, type ApiId } from './apis';
import type { ApiContract } from './apis/types';

export { API_IDS, type ApiId };
export type { ApiContract, VariableSpec } from './apis/types';

/** Every API's environment contract, by id, read from its folder (support/apis/<id>/contract.ts). */
export const CONTRACT = Object.fromEntries(APIS.map((api) => [api.contract.id, api.contract as ApiContract])) as Record<ApiId, ApiContract>;

const baseUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    error: 'must be an absolute http(s) URL such as https://alm.example.com:8443',
  })
  .transform((value) => value.replace(/\/+$/, ''));

const positiveMs = z.coerce.number({ error: 'must be a number of milliseconds' }).int().positive({ error: 'must be a positive number of milliseconds' });

const apiList = z.string().refine((value) => value.split(',').every((id) => (API_IDS as readonly string[]).includes(id.trim())), {
  error: `must be a comma-separated list of API ids (${API_IDS.join(', ')})`,
});

const retries = z.coerce.number({ error: 'must be a whole number of retries' }).int({ error: 'must be a whole number of retries' }).min(0, { error: 'must be 0 or more' });

/** The one schema of the whole environment contract. Empty strings count as unset. */
export const envSchema = z.object({
  ...Object.fromEntries(
    Object.values(CONTRACT).flatMap((api) => [
      [`${api.prefix}BASE_URL`, baseUrl.optional()],
      ...Object.entries(api.variables).map(([name, spec]) => [
        `${api.prefix}${name}`,
        (spec.schema ?? z.string().min(1)).optional(),
      ]),
    ]),
  ),
  REQUEST_TIMEOUT_MS: positiveMs.default(10_000),
  // Read by scripts/nightly.ts and the nightly profile; validated here so a typo stops the run at start.
  NIGHTLY_APIS: apiList.optional(),
  NIGHTLY_RETRIES: retries.default(2),
});

export interface ApiTarget {
  id: ApiId;
  product: string;
  /** Undefined: the embedded emulator serves this API (its URL is known once it listens). */
  baseUrl: string | undefined;
  /** Effective value of every contract variable of this API, by full name; unset optional ones are absent. */
  vars: Record<string, string>;
}

export interface Config {
  targets: Record<ApiId, ApiTarget>;
  requestTimeoutMs: number;
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
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid (check .env or the environment):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError [bad-config]'; // its report category, as support/errors.ts codes it
  }
}

/** Validates an environment (process.env after .env by default) into a Config, or throws ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv = readEnvironment()): Config {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape)
      .map((name) => [name, env[name]?.trim()])
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        // Never echo a credential back, even a malformed one.
        const shown = isCredentialVariable(name) ? '<hidden>' : JSON.stringify(relevant[name] ?? '');
        return `${name}=${shown} ${issue.message}`;
      }),
    );
  }
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
  if (problems.length > 0) throw new ConfigError(problems);
  const only = values.NIGHTLY_APIS?.split(',').map((id) => id.trim() as ApiId);
  const apis = API_IDS.filter((id) => targets[id].baseUrl !== undefined && (only === undefined || only.includes(id)));
  return { targets, requestTimeoutMs: Number(values.REQUEST_TIMEOUT_MS), nightly: { apis, only, retries: Number(values.NIGHTLY_RETRIES) }, secrets, identities };
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

/** process.env over .env (the environment wins, as CI secrets expect). DOTENV_PATH picks another file. */
export function readEnvironment(): NodeJS.ProcessEnv {
  loadDotenv({ quiet: true, path: process.env.DOTENV_PATH ?? '.env' });
  return process.env;
}
