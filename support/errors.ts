// Two kinds of failure, kept apart all the way to the report (serenity-js's taxonomy): the product did
// something else than documented (an assertion: "failed"), or the test environment is broken (target
// unreachable, timeout, bad config: "broken"). Both speak one readable sentence first.
//
// Every error raised here carries its report category as a code in its name, the way Node names its
// own error codes: "AssertionError [wrong-status]: Expected ...". cucumber's message starts with the
// name (the stack's first line), and scripts/report.ts sorts results by that code, never by wording.

import { transportFailure, type TransportKind } from './tls/failures';
import type { Transport } from './tls/settings';

export const CATEGORY_CODES = ['wrong-status', 'bad-body', 'behaviour', 'unreachable', 'bad-config'] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];
/** What a product defect is about: its status, its body's shape, or any other documented behaviour. */
export type ExpectationCategory = Extract<CategoryCode, 'wrong-status' | 'bad-body' | 'behaviour'>;

/** The product answered, but not as documented. Allure shows it as failed (a product defect). */
export class ExpectationError extends Error {
  constructor(
    message: string,
    readonly category: ExpectationCategory,
  ) {
    super(message);
    // Allure classifies errors named AssertionError as "failed", everything else as "broken".
    this.name = `AssertionError [${category}]`;
  }
}

/**
 * The answer is larger than MAX_BODY_BYTES and was cut (support/world/body-limit.ts): a bad body from the
 * product, never a network error, so the nightly does not retry it (it retries TargetErrors only).
 */
export class BodyTooLargeError extends ExpectationError {
  constructor(message: string) {
    super(message, 'bad-body');
  }
}

/** The target could not be asked: refused, unknown host, TLS, timeout. Allure shows it as broken. */
export class TargetError extends Error {
  readonly category = 'unreachable' satisfies CategoryCode;

  constructor(
    message: string,
    readonly kind: 'refused' | 'reset' | 'dns' | 'tls' | 'timeout' | 'other' | TransportKind,
  ) {
    super(message);
    this.name = `TargetError [${this.category}]`;
  }
}

/**
 * A TLS or proxy failure that no retry changes: a certificate not trusted, expired or for another host,
 * a client certificate missing or refused, a proxy refusing or asking for credentials. Still "broken"
 * (its name and category are TargetError's); its own class name lets the nightly leave it unretried.
 */
export class TransportSetupError extends TargetError {}

/**
 * A step needs configuration the run lacks: a ${VAR} unset, an API with neither emulator nor base URL.
 * (A bad environment stops the run before any scenario, with ConfigError from support/config.ts.)
 */
export class ConfigurationError extends Error {
  readonly category = 'bad-config' satisfies CategoryCode;

  constructor(message: string) {
    super(message);
    this.name = `ConfigurationError [${this.category}]`;
  }
}

/** What a refused connection's sentence says: scripts/nightly.ts finds refused scenarios by it, in the message. */
export const REFUSED = 'the connection was refused (nothing listens there)';

/**
 * A network-level failure, by error code or type rather than wording (which changes between versions).
 * With the API's transport and the URL, a TLS or proxy failure names what to set (support/tls/failures.ts).
 */
export function classifyTransportError(error: unknown, transport?: Transport, url?: string): { kind: TargetError['kind']; what: string; advice?: string } {
  const text = error instanceof Error ? `${error.name} ${(error as NodeJS.ErrnoException).code ?? ''} ${error.message.split('Call log:')[0]}` : String(error);
  const tls = transportFailure(text, transport, url);
  if (tls) return tls;
  if (/ECONNREFUSED/.test(text)) return { kind: 'refused', what: REFUSED };
  if (/ECONNRESET|EPIPE|socket hang up|aborted/i.test(text)) return { kind: 'reset', what: 'the connection was reset or cut before a whole answer came' };
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(text)) return { kind: 'dns', what: 'the host name could not be resolved' };
  if (/certificate|SSL|TLS|EPROTO/i.test(text)) return { kind: 'tls', what: 'the TLS handshake failed' };
  if (/TimeoutError|timed? ?out|Timeout \d+ms exceeded/i.test(text)) return { kind: 'timeout', what: 'no answer came in time' };
  const firstLine = text.split('\n')[0]!.trim();
  return { kind: 'other', what: `the request failed (${firstLine})` };
}
