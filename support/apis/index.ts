// The registry: every login API the framework knows, one folder each under support/apis/<id>/. Everything
// that spans APIs (the config schema, .env.example, the emulators the runtime starts, the sandbox, the
// robustness endpoints, the fault catalogue, the nightly matrix, the report's suites) is derived from
// this list. `npm run new-api` adds its line; the order is the sandbox's port order.
import type { ApiModule } from './types';
import { o2g } from './o2g';
import { addressManager } from './address-manager';
import { alm } from './alm';
import { tokenLogin } from './token-login';
import { sdm } from './sdm';

export const APIS = [
  o2g,
  addressManager,
  alm,
  tokenLogin,
  sdm,
  // new-api: next API here
] as const satisfies readonly ApiModule[];

/** The same list typed as what every API provides, so an optional part reads as possibly absent on any. */
export const MODULES: readonly ApiModule[] = APIS;

export type ApiId = (typeof APIS)[number]['contract']['id'];
export const API_IDS = APIS.map((api) => api.contract.id) as ApiId[];

const BY_ID = new Map<string, ApiModule>(APIS.map((api) => [api.contract.id, api]));

export function apiModule(id: ApiId): ApiModule {
  return BY_ID.get(id)!;
}

export function isApiId(value: string): value is ApiId {
  return BY_ID.has(value);
}
