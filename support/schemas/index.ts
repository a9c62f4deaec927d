// Every named schema a feature can cite ("the body matches the "token-login success" schema"). JSON
// schemas validate the parsed body; XML schemas validate the object fast-xml-parser makes of it.
import type { z } from 'zod';
import { TOKEN_LOGIN_SCHEMAS } from './token-login';
import { O2G_SCHEMAS } from './o2g';
// o2g imports here
import { ADDRESS_MANAGER_SCHEMAS } from './address-manager';
// address-manager imports here
import { ALM_SCHEMAS } from './alm';
// alm imports here
import { SDM_SCHEMAS } from './sdm';
// sdm imports here

export interface NamedSchema {
  name: string;
  format: 'json' | 'xml';
  schema: z.ZodType;
}

const ALL: NamedSchema[] = [
  ...TOKEN_LOGIN_SCHEMAS,
  ...O2G_SCHEMAS,
  // o2g registers here
  ...ADDRESS_MANAGER_SCHEMAS,
  // address-manager registers here
  ...ALM_SCHEMAS,
  // alm registers here
  ...SDM_SCHEMAS,
  // sdm registers here
];

export const SCHEMAS = new Map(ALL.map((entry) => [entry.name, entry]));

export function schemaNamed(name: string): NamedSchema {
  const found = SCHEMAS.get(name);
  if (!found) throw new Error(`No schema is named "${name}"; known schemas: ${[...SCHEMAS.keys()].sort().join(', ')}`);
  return found;
}
