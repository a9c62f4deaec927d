// The sentences a failing step speaks: what was expected and what came, then the redacted exchange.
// Every value passes the scenario's redactor, and every error carries its report category.
import { CONTRACT, type ApiTarget } from '../config';
import { ExpectationError, TargetError, TransportSetupError, classifyTransportError, type ExpectationCategory } from '../errors';
import { describeExchange, type Exchange } from '../exchange';
import type { Redactor } from '../redact';

/** How a sentence names a request: "GET https://host/path", its URL redacted. */
export function requestLine(exchange: Exchange, redactor: Redactor): string {
  const { method, url } = exchange.request;
  return `${method} ${redactor.text(url)}`;
}

/** The sentence, then the exchange; the exchange is read first, so the redactor knows what it carried. */
export function expectationFailure(sentence: string, category: ExpectationCategory, redactor: Redactor, exchange: Exchange | undefined): ExpectationError {
  const detail = exchange ? `\n\n${describeExchange(exchange, redactor)}` : '';
  return new ExpectationError(redactor.text(sentence) + detail, category);
}

/** `what` says what the status means to the step ("the login to answer 200"). */
export function wrongStatusSentence(what: string, request: string, status: number): string {
  return `Expected ${what} from ${request}, but got ${status}`;
}

/** A body as a sentence cites it, redacted before it is cut: a secret straddling the cut would show its start. */
export function citedBody(text: string, redactor: Redactor): string {
  const preview = redactor.text(text).slice(0, 4096).replace(/\s+/g, ' ');
  return text.trim() === '' ? 'an empty body' : `"${preview.slice(0, 80)}${preview.length > 80 || text.length > 4096 ? '…' : ''}"`;
}

export function notJsonSentence(request: string, shownBody: string, contentType: string | undefined): string {
  return `Expected a JSON body from ${request}, but got ${shownBody} (${contentType ?? 'no Content-Type'})`;
}

/** `problem` is the XML parser's own sentence ("is not well-formed XML (line 1: ...)"). */
export function notXmlSentence(request: string, problem: string): string {
  return `Expected an XML body from ${request}, but the body ${problem}`;
}

/** The sentence with advice on what to check, then the redacted exchange (what was sent, and that no answer came). */
export function unreachableError(target: ApiTarget, requestTimeoutMs: number, method: string, url: string, error: unknown, exchange: Exchange, redactor: Redactor): TargetError {
  const { kind, what, advice: transportAdvice } = classifyTransportError(error, target.transport, url);
  const source = target.baseUrl === undefined ? `its embedded emulator` : `${CONTRACT[target.id].prefix}BASE_URL`;
  const advice =
    transportAdvice ?? (kind === 'timeout'
      ? `check that the server at ${source} is up, or raise REQUEST_TIMEOUT_MS (now ${requestTimeoutMs} ms)`
      : kind === 'dns' || kind === 'refused'
        ? `check ${source} and that the server is running and reachable from here`
        : `check ${source} and the network between here and the server`);
  const detail = describeExchange(exchange, redactor); // first: it learns what the request carried
  const sentence = redactor.text(`Cannot reach ${target.id} (${target.product}): ${method} ${url}: ${what}; ${advice}.`);
  const settled = transportAdvice !== undefined; // a TLS or proxy kind (support/tls/failures.ts): the same on every try
  return new (settled ? TransportSetupError : TargetError)(`${sentence}\n\n${detail}`, kind);
}
