// MAX_BODY_BYTES, enforced on Playwright's requests. Playwright's APIRequestContext buffers a whole
// answer, decompressed, with no size option and no stream (microsoft/playwright#17199): a 200 MB body
// cost a cucumber process 0.8 GB of RSS, and a gzip bomb of any size would take it down. Node publishes
// every outgoing request on the `http.client.request.start` diagnostics channel, in this process, where
// Playwright's server side runs; the World arms a watch for the one request it sends, the watch counts
// what the answer's stream is given (decompressing its own copy when the answer is encoded, as
// Playwright will), stops feeding Playwright past the limit and destroys the answer. The World then says
// so in one sentence, as a bad body: not as the "aborted" Playwright reports, which reads as a network error.
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import zlib from 'node:zlib';
import type { ApiTarget } from '../config';
import { BodyTooLargeError } from '../errors';
import { describeExchange, type Exchange } from '../exchange';
import type { Redactor } from '../redact';

export interface BodyCut {
  limit: number;
  status: number;
  statusText: string;
  /** The Content-Length the answer declared, if any. */
  declared: number | undefined;
  /** The Content-Encoding decompressed to count the body, if any. */
  encoding: string | undefined;
  /** Body bytes on the wire (de-chunked, still encoded) when it was cut. */
  wireBytes: number;
}

/** What the exchange records instead of a body (describeExchange shows it after "←"). */
export function cutLine(cut: BodyCut): string {
  return `${cut.status} ${cut.statusText}, cut: its body is larger than MAX_BODY_BYTES (${cut.limit} bytes)`;
}

/** How much came, in the sentence's words. */
function measure(cut: BodyCut): string {
  if (cut.encoding) return `its ${cut.encoding} body expanded past that from ${cut.wireBytes} bytes on the wire${cut.declared === undefined ? '' : ` (Content-Length ${cut.declared})`}, and it was cut there`;
  if (cut.declared !== undefined) return `its Content-Length declares ${cut.declared} bytes (${mebibytes(cut.declared)}), so its body was not read`;
  return `more than ${cut.limit} bytes came without a Content-Length (chunked), and it was cut there`;
}

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The one sentence, then the redacted exchange: a bad body (never a TargetError, which the nightly retries). */
export function bodyTooLargeError(target: ApiTarget, method: string, url: string, cut: BodyCut, exchange: Exchange, redactor: Redactor): BodyTooLargeError {
  const detail = describeExchange(exchange, redactor); // first: it learns what the request carried
  const sentence = redactor.text(
    `The answer of ${target.id} (${target.product}) to ${method} ${url} is larger than MAX_BODY_BYTES (${cut.limit} bytes): ${measure(cut)}; raise MAX_BODY_BYTES if an answer that large is expected.`,
  );
  return new BodyTooLargeError(`${sentence}\n\n${detail}`);
}

/** The answer to one request, watched from before it is sent until the World has its body. */
export class BodyWatch {
  cut: BodyCut | undefined;
  private request: ClientRequest | undefined;
  /** Settles when this watch's own decompression is over: Playwright's may finish first. */
  private decoding: Promise<void> | undefined;
  private readonly host: string;
  private readonly path: string;

  constructor(
    private readonly method: string,
    url: string,
    readonly limit: number,
  ) {
    const parsed = new URL(url);
    // As Node writes them for the request Playwright builds from the same URL.
    this.host = parsed.host.toLowerCase();
    this.path = parsed.pathname + parsed.search;
  }

  /** Throws when the answer was cut, or is past the limit once decompressed, though Playwright handed it over. */
  async check(): Promise<void> {
    await this.decoding;
    if (this.cut) throw new Error(cutLine(this.cut));
  }

  /** Disarms, and lets go of a socket a cut answer may still hold. */
  stop(): void {
    armed.delete(this);
    if (this.cut) this.request?.destroy();
  }

  /** True for the request this watch is for (the first one, once). */
  claims(request: ClientRequest): boolean {
    if (this.request || request.method !== this.method.toUpperCase() || request.path !== this.path) return false;
    if (String(request.getHeader('host') ?? '').toLowerCase() !== this.host) return false;
    this.request = request;
    return true;
  }

  observe(response: IncomingMessage): void {
    const declaredHeader = response.headers['content-length'];
    const declared = declaredHeader !== undefined && /^\d+$/.test(declaredHeader.trim()) ? Number(declaredHeader) : undefined;
    const encoding = response.headers['content-encoding']?.trim().toLowerCase();
    const decoder = decoderFor(encoding);
    let wire = 0;
    let decoded = 0;
    const cutNow = (): void => {
      if (this.cut) return;
      this.cut = { limit: this.limit, status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', declared, encoding: decoder ? encoding : undefined, wireBytes: wire };
      decoder?.destroy();
      destroyWhenHeard(response);
    };
    // A declared size past the limit is refused before its body is read (once Playwright listens).
    if (!decoder && declared !== undefined && declared > this.limit) cutNow();
    // The parser pushes each body chunk into the answer's stream: counted there, without a 'data'
    // listener of our own, which would start the flow before Playwright listens (it may still be
    // storing the answer's cookies) and lose it the first chunks.
    const push = response.push.bind(response);
    response.push = (chunk: Buffer | null, encoding?: BufferEncoding): boolean => {
      if (chunk && !this.cut) {
        wire += chunk.length;
        if (decoder) decoder.write(chunk);
        else if (wire > this.limit) cutNow();
      }
      if (this.cut) return false; // past the limit: Playwright gets nothing more
      if (chunk === null) decoder?.end();
      return push(chunk, encoding);
    };
    decoder?.on('data', (piece: Buffer) => {
      decoded += piece.length;
      if (decoded > this.limit) cutNow();
    });
    decoder?.on('error', () => undefined); // a broken encoding is Playwright's to report ("failed to decompress")
    if (decoder) this.decoding = new Promise((settled) => decoder.once('close', () => settled()));
    // Closed before its end (cut, reset): nothing more to count. A whole answer's copy decodes to its end.
    response.once('close', () => {
      if (!response.complete) decoder?.destroy();
    });
  }
}

/** Destroys the answer once Playwright listens to it (so its fetch rejects at once rather than time out). */
function destroyWhenHeard(response: IncomingMessage): void {
  if (response.destroyed) return;
  if (response.listenerCount('error') + response.listenerCount('aborted') === 0) return void setImmediate(destroyWhenHeard, response);
  response.destroy(new Error('the answer is larger than MAX_BODY_BYTES'));
}

/** The decompressor Playwright picks for this Content-Encoding (its server/fetch.ts), with its flush modes. */
function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.BrotliDecompress | zlib.Inflate | undefined {
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  if (encoding === 'br') return zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  if (encoding === 'deflate') return zlib.createInflate();
  return undefined;
}

const armed = new Set<BodyWatch>();
let subscribed = false;

function onRequestStart(message: unknown): void {
  if (armed.size === 0) return;
  const { request } = message as { request: ClientRequest };
  const watch = [...armed].find((candidate) => candidate.claims(request));
  // Before Playwright's own listener: the watch is in place when the first body chunk arrives.
  if (watch) request.prependOnceListener('response', (response) => watch.observe(response));
}

/** Arms a watch on the next `method url` request this process starts; `stop()` it once the body is read. */
export function watchBody(method: string, url: string, limit: number): BodyWatch {
  if (!subscribed) {
    subscribe('http.client.request.start', onRequestStart);
    subscribed = true;
  }
  const watch = new BodyWatch(method, url, limit);
  armed.add(watch);
  return watch;
}
