// Every named schema a feature can cite ("the body matches the "token-login success" schema"). JSON
// schemas validate the parsed body; XML schemas validate the object fast-xml-parser makes of it.
import type { z } from 'zod';
import { TOKEN_LOGIN_SCHEMAS } from './token-login';
import { O2G_SCHEMAS } from './o2g';
import { ADDRESS_MANAGER_SCHEMAS } from './address-manager';
import { ALM_SCHEMAS } from './alm';
import { SDM_SCHEMAS } from './sdm';

export interface NamedSchema {
  name: string;
  format: 'json' | 'xml';
  schema: z.ZodType;
}

const ALL: NamedSchema[] = [
  ...TOKEN_LOGIN_SCHEMAS,
  ...O2G_SCHEMAS,
  ...ADDRESS_MANAGER_SCHEMAS,
  ...ALM_SCHEMAS,
  ...SDM_SCHEMAS,
];

export const SCHEMAS = new Map(ALL.map((entry) => [entry.name, entry]));

export function schemaNamed(name: string): NamedSchema {
  const found = SCHEMAS.get(name);
  if (!found) throw new Error(`No schema is named "${name}"; known schemas: ${[...SCHEMAS.keys()].sort().join(', ')}`);
  return found;
}
