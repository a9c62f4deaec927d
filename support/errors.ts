// Two kinds of failure, kept apart all the way to the report (serenity-js's taxonomy): the product did
// something else than documented (an assertion: "failed"), or the test environment is broken (target
// unreachable, timeout, bad config: "broken"). Both speak one readable sentence first.

/** The product answered, but not as documented. Allure shows it as failed (a product defect). */
export class ExpectationError extends Error {
  constructor(message: string) {
    super(message);
    // Allure classifies errors named AssertionError as "failed", everything else as "broken".
    this.name = 'AssertionError';
  }
}

/** The target could not be asked: refused, unknown host, TLS, timeout. Allure shows it as broken. */
export class TargetError extends Error {
  constructor(
    message: string,
    readonly kind: 'refused' | 'reset' | 'dns' | 'tls' | 'timeout' | 'other',
  ) {
    super(message);
    this.name = 'TargetError';
  }
}

/** A network-level failure, by error code or type rather than wording (which changes between versions). */
export function classifyTransportError(error: unknown): { kind: TargetError['kind']; what: string } {
  const text = error instanceof Error ? `${error.name} ${error.message.split('Call log:')[0]}` : String(error);
  if (/ECONNREFUSED/.test(text)) return { kind: 'refused', what: 'the connection was refused (nothing listens there)' };
  if (/ECONNRESET|EPIPE|socket hang up|aborted/i.test(text)) return { kind: 'reset', what: 'the connection was reset or cut before a whole answer came' };
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(text)) return { kind: 'dns', what: 'the host name could not be resolved' };
  if (/certificate|SSL|TLS|EPROTO/i.test(text)) return { kind: 'tls', what: 'the TLS handshake failed' };
  if (/TimeoutError|timed? ?out|Timeout \d+ms exceeded/i.test(text)) return { kind: 'timeout', what: 'no answer came in time' };
  const firstLine = text.split('\n')[0]!.trim();
  return { kind: 'other', what: `the request failed (${firstLine})` };
}
