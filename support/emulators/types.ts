// The shape every emulator shares: a pure handler from one request to one response, so each documented
// behaviour is a branch you can point to and unit-test without a socket. The host (host.ts) does the I/O.
import { timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock';
import type { ReceivedLog } from './received';

export interface EmuRequest {
  method: string;
  /** Path with runs of slashes collapsed (`/api/rest/1.0//sessions` → `/api/rest/1.0/sessions`). */
  path: string;
  /** Path exactly as the client sent it. */
  rawPath: string;
  query: URLSearchParams;
  /** Lower-cased names; repeated headers joined with ", " (cookies with "; "). */
  headers: Record<string, string>;
  body: Buffer;
  remoteAddress: string;
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

export interface Emulator {
  readonly api: string;
  readonly clock: Clock;
  /** What it received, names only (support/emulators/received.ts). */
  readonly received: ReceivedLog;
  handle(request: EmuRequest): EmuResponse;
  /** An error in the API's own format, used by the host for oversize, malformed or crashing requests. */
  error(status: number, message: string, request?: EmuRequest): EmuResponse;
}

export interface RequestInit {
  method: string;
  rawPath: string;
  /** Pairs in arrival order (repeats allowed), or a record. */
  headers?: Array<[string, string]> | Record<string, string>;
  body?: Buffer | string;
  remoteAddress?: string;
}

/**
 * The handler's view of a request, as the host builds it (and as unit tests build it without a socket):
 * runs of slashes collapsed in `path`, lower-case header names, repeats joined. Undefined when the target
 * cannot be parsed.
 */
export function emuRequest(init: RequestInit): EmuRequest | undefined {
  const target = init.rawPath.replace(/^\/+/, '/');
  if (!URL.canParse(target, 'http://emulator')) return undefined;
  const url = new URL(target, 'http://emulator');
  const headers = Object.create(null) as Record<string, string>;
  const pairs = Array.isArray(init.headers) ? init.headers : Object.entries(init.headers ?? {});
  for (const [rawName, value] of pairs) {
    const name = rawName.toLowerCase();
    const separator = name === 'cookie' ? '; ' : ', ';
    headers[name] = Object.hasOwn(headers, name) ? `${headers[name]}${separator}${value}` : value;
  }
  return {
    method: init.method,
    path: url.pathname.replace(/\/{2,}/g, '/'),
    rawPath: init.rawPath,
    query: url.searchParams,
    headers,
    body: Buffer.from(init.body ?? ''),
    remoteAddress: init.remoteAddress ?? '127.0.0.1',
  };
}

export function json(status: number, body: unknown, headers: Record<string, string | string[]> = {}): EmuResponse {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** The same answer with headers added or replaced (a fault adding a cookie, say). */
export function withHeaders(response: EmuResponse, headers: Record<string, string | string[]>): EmuResponse {
  return { ...response, headers: { ...response.headers, ...headers } };
}

/** Parses a JSON object body; undefined for anything else (malformed, array, primitive). */
export function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes `Authorization: Basic ...` strictly; undefined when absent, not Basic, not base64 or without a colon. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(header?.trim() ?? '');
  if (!match?.[1] || match[1].length % 4 !== 0) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Reads one cookie from a Cookie header. */
export function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Compares secrets in constant time, as a real server should. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
