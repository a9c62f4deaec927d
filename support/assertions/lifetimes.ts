// How long a JWT or a cookie lives, and whether a JWT's time claim lies ahead of the server's clock, from
// what the answer carries. "Now" is the server's: the response's Date header (second precision, like the
// claims), the local clock only when the answer has no usable Date.
import type { SetCookie } from '../cookies';

export type Measured = { ok: true; seconds: number; how: string } | { ok: false; problem: string };

/** The server's clock in seconds since the epoch, from a Date header; the local clock without one. */
export function serverSeconds(dateHeader: string | undefined, localNowMs = Date.now()): { seconds: number; from: string; shown: string } {
  const parsed = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
  if (Number.isNaN(parsed)) return { seconds: Math.floor(localNowMs / 1000), from: 'the local clock', shown: 'the local clock (the answer has no Date header)' };
  return { seconds: Math.floor(parsed / 1000), from: "the response's Date", shown: `the response's Date (${dateHeader})` };
}

const isNumericDate = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** exp − iat; a token without iat is measured from the answer's Date, the moment the server issued it. */
export function jwtLifetime(payload: Record<string, unknown>, dateHeader: string | undefined, localNowMs = Date.now()): Measured {
  const { exp, iat } = payload;
  if (!isNumericDate(exp)) return { ok: false, problem: `carries no numeric exp claim (exp is ${JSON.stringify(exp) ?? 'absent'})` };
  if (iat !== undefined) {
    if (!isNumericDate(iat)) return { ok: false, problem: `carries an iat claim that is not a number (${JSON.stringify(iat)})` };
    return { ok: true, seconds: exp - iat, how: 'exp − iat' };
  }
  const now = serverSeconds(dateHeader, localNowMs);
  return { ok: true, seconds: exp - now.seconds, how: `exp − ${now.from}, as it has no iat` };
}

/**
 * Seconds the cookie lives from the answer: Max-Age when it has one (RFC 6265 §5.3: it wins over
 * Expires), else Expires − the answer's Date. A session cookie (neither) has no lifetime to measure.
 */
export function cookieLifetime(cookie: SetCookie, dateHeader: string | undefined, localNowMs = Date.now()): Measured {
  const maxAge = cookie.attributes.get('max-age');
  if (maxAge !== undefined) {
    if (!/^-?\d+$/.test(maxAge)) return { ok: false, problem: `has Max-Age=${maxAge}, which is not a whole number of seconds` };
    return { ok: true, seconds: Number(maxAge), how: 'its Max-Age' };
  }
  const expires = cookie.attributes.get('expires');
  if (expires !== undefined) {
    const at = Date.parse(expires);
    if (Number.isNaN(at)) return { ok: false, problem: `has Expires=${expires}, which is not a date` };
    const now = serverSeconds(dateHeader, localNowMs);
    return { ok: true, seconds: Math.floor(at / 1000) - now.seconds, how: `its Expires − ${now.from}` };
  }
  return { ok: false, problem: 'has neither Max-Age nor Expires (it lasts as long as the client keeps it: a session cookie)' };
}

/** Seconds a time claim (iat, nbf) lies after the server's clock; 0 or less when it is not in the future. */
export function secondsAhead(claim: number, dateHeader: string | undefined, localNowMs = Date.now()): { ahead: number; from: string } {
  const now = serverSeconds(dateHeader, localNowMs);
  return { ahead: claim - now.seconds, from: now.shown };
}

export function inUnit(seconds: number, unit: 'seconds' | 'minutes'): number {
  return unit === 'minutes' ? seconds / 60 : seconds;
}
