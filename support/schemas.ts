// Every named schema a feature can cite ("the body matches the "token-login success" schema"), gathered
// from each API's folder (support/apis/<id>/schemas.ts). JSON schemas validate the parsed body; XML
// schemas validate the object fast-xml-parser makes of it.
import { APIS } from './apis';
import type { NamedSchema } from './apis/types';

export type { NamedSchema };

export const SCHEMAS = new Map(APIS.flatMap((api) => api.schemas).map((entry) => [entry.name, entry]));

export function schemaNamed(name: string): NamedSchema {
  const found = SCHEMAS.get(name);
  if (!found) throw new Error(`No schema is named "${name}"; known schemas: ${[...SCHEMAS.keys()].sort().join(', ')}`);
  return found;
}
