// A forged credential: well-formed like the one a login handed out, but one the server never issued.
// A JWT keeps its header and claims and is signed with a key of our own; anything else keeps its length,
// its separators and each long run's alphabet (hex stays hex, base64 stays base64), with new characters.
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { decodeJwt } from '../jwt';

const HMAC: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };
/** Runs shorter than this are kept: a JVM route (".tomcat1"), a client-type suffix, padding. */
const SECRET_RUN = 8;

export function forge(value: string): string {
  for (let attempt = 0; attempt < 5; attempt++) {
    const forged = isJwt(value) ? resignedJwt(value) : reshaped(value);
    if (forged !== value) return forged;
  }
  throw new Error(`Cannot forge a credential like ${JSON.stringify(value.length > 12 ? `${value.slice(0, 4)}…` : value)}: it has no letters or digits to replace`);
}

function isJwt(value: string): boolean {
  try {
    decodeJwt(value);
    return true;
  } catch {
    return false;
  }
}

/** The same header and claims, signed with a random key (or, for a non-HMAC algorithm, a random signature of the same size). */
function resignedJwt(token: string): string {
  const [header, payload, signature = ''] = token.split('.');
  const signed = `${header}.${payload}`;
  const hash = HMAC[String(decodeJwt(token).header.alg)];
  const forged = hash ? createHmac(hash, randomBytes(32)).update(signed).digest('base64url') : randomBytes(Math.max(1, Buffer.from(signature, 'base64url').length)).toString('base64url');
  return `${signed}.${forged}`;
}

function reshaped(value: string): string {
  const runs = [...value.matchAll(/[A-Za-z0-9]+/g)];
  const long = runs.filter((run) => run[0].length >= SECRET_RUN);
  const replaced = new Set((long.length ? long : runs).map((run) => run.index));
  return value.replace(/[A-Za-z0-9]+/g, (run, at: number) => (replaced.has(at) ? randomRun(run) : run));
}

function randomRun(run: string): string {
  if (/^[0-9a-f]+$/.test(run) && /[a-f]/.test(run)) return randomFrom('0123456789abcdef', run.length);
  if (/^[0-9A-F]+$/.test(run) && /[A-F]/.test(run)) return randomFrom('0123456789ABCDEF', run.length);
  return [...run].map((char) => randomFrom(/\d/.test(char) ? '0123456789' : /[A-Z]/.test(char) ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' : 'abcdefghijklmnopqrstuvwxyz', 1)).join('');
}

function randomFrom(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}
