// Compact JWS (HS256) signing for the emulators and decoding for the steps. Decoding never verifies:
// a client cannot know the vendor's key; the steps check structure, claims and lifetime.
import { createHmac, timingSafeEqual } from 'node:crypto';

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export function signHs256(payload: Record<string, unknown>, key: string, header: Record<string, unknown> = { typ: 'JWT', alg: 'HS256' }): string {
  const head = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${head}.${createHmac('sha256', key).update(head).digest('base64url')}`;
}

export function verifyHs256(token: string, key: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  // Compare the encoded text, not decoded bytes: base64url decoding ignores the last character's spare
  // bits, so a token whose last character was changed could otherwise still pass.
  const expected = Buffer.from(createHmac('sha256', key).update(`${parts[0]}.${parts[1]}`).digest('base64url'));
  const given = Buffer.from(parts[2] ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** Decodes header and payload; throws an Error saying what is wrong when the value is not a JWT. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error(`is not a JWT: it has ${parts.length} dot-separated parts instead of 3`);
  const part = (index: 0 | 1, label: string): Record<string, unknown> => {
    try {
      const value: unknown = JSON.parse(Buffer.from(parts[index]!, 'base64url').toString('utf8'));
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // reported below
    }
    throw new Error(`is not a JWT: its ${label} is not base64url-encoded JSON object`);
  };
  return { header: part(0, 'header'), payload: part(1, 'payload') };
}
