// Every registered API's endpoint list (support/apis/<id>/endpoints.ts, read through the registry), for
// the corpus runner and its test.
import { APIS, type ApiId } from '../apis';
import type { Endpoint } from './endpoints';

/** Every API's endpoints, each list built from that API's effective variables. */
export function allEndpoints(varsByApi: Readonly<Record<ApiId, Record<string, string>>>): Record<ApiId, Endpoint[]> {
  return Object.fromEntries(APIS.map((api) => [api.contract.id, api.endpoints(varsByApi[api.contract.id])])) as Record<ApiId, Endpoint[]>;
}
