// What one API's folder (support/apis/<id>/) provides, and the helpers its contract is written with.
// The registry (support/apis/index.ts) derives everything else from these: the config schema,
// .env.example, the sandbox, the robustness endpoints, the nightly matrix, the report's suites.
import type { z } from 'zod';
import type { FaultInfo } from '../emulators/kit';
import type { Emulator } from '../emulators/types';
import type { Endpoint } from '../robustness/endpoints';
import type { ProtectedRoutes } from '../unauthenticated/routes';

export interface VariableSpec {
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
  /** One line for .env.example and the "is required" sentence. */
  doc: string;
  /** The other half of a pair (short name): on a real target, one set without the other is refused. */
  pairedWith?: string;
}

/** The environment contract of one API: `<prefix>BASE_URL` plus its variables. */
export interface ApiContract {
  id: string;
  prefix: string;
  /** The vendor product, as stakeholders name it (Allure parent suite). */
  product: string;
  /** The documented login, for .env.example's section title (e.g. "GET /login"). */
  login: string;
  /** A plausible real base URL, shown commented out in .env.example. */
  exampleBaseUrl: string;
  variables: Record<string, VariableSpec>;
}

export interface NamedSchema {
  name: string;
  format: 'json' | 'xml';
  schema: z.ZodType;
}

/** One catalogued behaviour of a vendor's login API: what scenarios tagged with its ID assert. */
export interface Behaviour {
  /** `<API prefix>-<nn>` (TOK-03), or SEC-nn for the security baseline. */
  id: string;
  /** One line, in the vendor's terms. */
  statement: string;
  /** True only when the vendor's document states all of it; false when it is our reading (SDKs, code, practice). */
  documented: boolean;
  /** Where it comes from: the vendor document's title, its section, and the sentence it rests on, quoted briefly. */
  source: { document: string; section: string; quote: string };
  /** What part is inferred, and from what, when that needs saying. */
  note?: string;
}

/** Another configuration the mutation check runs the API's features in (every fault must be caught there too). */
export interface Variant {
  name: string;
  env: Record<string, string>;
}

export interface ApiModule {
  contract: ApiContract;
  /** The API's emulator configured from the effective variables, with one fault switched on or none. */
  emulator(vars: Record<string, string>, fault?: string): Emulator;
  faults: readonly FaultInfo[];
  /** The behaviours its features are tagged with (the catalogue, docs/behaviours.md). */
  behaviours: readonly Behaviour[];
  schemas: readonly NamedSchema[];
  /** Every routed endpoint with a valid baseline request, for the robustness corpus. */
  endpoints(vars: Record<string, string>): Endpoint[];
  /** Its routes that need a session and how it refuses a call without one (protected-routes.ts, SEC-06). */
  protectedRoutes?: ProtectedRoutes;
  /** Extra words after the target in the report's environment (e.g. a status mode). */
  describeTarget?(vars: Record<string, string>): string;
  variants?: readonly Variant[];
}

export const credential = (demo: string, doc: string): VariableSpec => ({ demo, required: true, credential: true, doc });
export const identity = (demo: string, doc: string): VariableSpec => ({ ...credential(demo, doc), identity: true });
export const setting = (demo: string, doc: string, schema?: z.ZodType<string>): VariableSpec => ({ demo, required: false, credential: false, doc, ...(schema ? { schema } : {}) });
