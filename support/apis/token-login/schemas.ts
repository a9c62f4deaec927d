// Bodies of the Pégase 3 login (seed 003): success carries a token and no message, an error carries a
// message and no token (TOK-06). Strict objects: an extra field is a difference from the document.
import { z } from 'zod';
import type { NamedSchema } from '../types';

const jwt = z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, { error: 'must be a compact JWT (three base64url parts)' });

export const tokenLoginSuccess = z.strictObject({
  code: z.literal(200),
  status: z.literal('ok'),
  token: jwt,
});

export const tokenLoginError = z.strictObject({
  code: z.int().min(400).max(599),
  status: z.literal('error'),
  message: z.string().min(1),
});

export const companyInfo = z.strictObject({
  code: z.literal(200),
  status: z.literal('ok'),
  data: z.record(z.string(), z.unknown()),
});

export const TOKEN_LOGIN_SCHEMAS: NamedSchema[] = [
  { name: 'token-login success', format: 'json', schema: tokenLoginSuccess },
  { name: 'token-login error', format: 'json', schema: tokenLoginError },
  { name: 'token-login company info', format: 'json', schema: companyInfo },
];
