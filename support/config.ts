// The environment contract of design.md, validated once by one zod schema before any scenario runs.
// `<PREFIX>BASE_URL` unset means "start that API's emulator and use its demo credentials"; set means
// "use that URL and the credentials from the environment". Every problem is one line naming its variable.
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

export const API_IDS = ['o2g', 'address-manager', 'alm', 'token-login', 'sdm'] as const;
export type ApiId = (typeof API_IDS)[number];

interface VariableSpec {
  /** Value used when the API runs on its emulator and the variable is unset. */
  demo: string;
  /** Needed when `<PREFIX>BASE_URL` points at a real target. */
  required: boolean;
  /** A credential: its value is scrubbed from everything recorded. */
  credential: boolean;
  /**
   * A credential that names who logs in (a username, a client ID) rather than proves it: masked like a
   * value seen on the wire, from 6 characters up, so a username "admin" leaves "/admin/login" readable.
   */
  identity?: boolean;
  schema?: z.ZodType<string>;
  doc: string;
  /** The other half of a pair (short name): on a real target, one set without the other is refused. */
  pairedWith?: string;
}

export interface ApiContract {
  id: ApiId;
  prefix: string;
  /** The vendor product, as stakeholders name it (Allure parent suite). */
  product: string;
  variables: Record<string, VariableSpec>;
}

const credential = (demo: string, doc: string): VariableSpec => ({ demo, required: true, credential: true, doc });
const identity = (demo: string, doc: string): VariableSpec => ({ ...credential(demo, doc), identity: true });

export const CONTRACT: Record<ApiId, ApiContract> = {
  o2g: {
    id: 'o2g',
    prefix: 'O2G_',
    product: 'ALE OmniPCX Enterprise O2G',
    variables: {
      USERNAME: identity('o2g-demo', 'login for GET /api/rest/authenticate (HTTP Basic)'),
      PASSWORD: credential('o2g-demo-password', 'password for that login'),
      APPLICATION_NAME: { demo: 'login-api-bdd', required: false, credential: false, doc: 'applicationName sent to POST /api/rest/1.0/sessions' },
    },
  },
  'address-manager': {
    id: 'address-manager',
    prefix: 'ADDRESS_MANAGER_',
    product: 'BlueCat Address Manager v2',
    variables: {
      USERNAME: identity('user1', 'username for POST /api/v2/sessions'),
      PASSWORD: credential('pass1', 'password for that user'),
    },
  },
  alm: {
    id: 'alm',
    prefix: 'ALM_',
    product: 'OpenText ALM',
    variables: {
      CLIENT_ID: identity('oauth2-wySfthjk8uGi4Kdj4DFH@MyCompany.com', 'client ID of an active API key'),
      SECRET: credential('etUgyeKdMvftoO8dI3CW', 'secret of that API key'),
      INACTIVE_CLIENT_ID: { demo: 'oauth2-inactiveKey0000@MyCompany.com', required: false, credential: true, identity: true, pairedWith: 'INACTIVE_SECRET', doc: 'client ID of an API key that exists but is not active; optional, the 403 scenario is skipped without it' },
      INACTIVE_SECRET: { demo: 'inactiveSecret0000000', required: false, credential: true, pairedWith: 'INACTIVE_CLIENT_ID', doc: 'secret of that inactive key' },
    },
  },
  'token-login': {
    id: 'token-login',
    prefix: 'TOKEN_LOGIN_',
    product: 'Pégase 3 API login',
    variables: {
      USERNAME: identity('user_test', 'User-Name header for GET /login'),
      PASSWORD: credential('password_test', 'Password header for GET /login'),
      STATUS_MODE: {
        demo: 'body',
        required: false,
        credential: false,
        schema: z.enum(['body', 'mirror'], { error: 'must be "body" (code only in the JSON body) or "mirror" (code also as HTTP status)' }),
        doc: 'body: every answer is HTTP 200 with the code in the body (the documented version); mirror: the HTTP status mirrors the code',
      },
    },
  },
  sdm: {
    id: 'sdm',
    prefix: 'SDM_',
    product: 'Oracle Communications SDM',
    variables: {
      USERNAME: identity('admin', 'userName for POST /rest/{version}/admin/login'),
      PASSWORD: credential('password', 'password for that user'),
      API_VERSION: {
        demo: 'v1.3',
        required: false,
        credential: false,
        schema: z.string().regex(/^v\d+\.\d+$/, { error: 'must look like v1.3' }),
        doc: 'REST API version used in the login path',
      },
    },
  },
};

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
    this.name = 'ConfigError';
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
