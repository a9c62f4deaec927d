// A tiny node:http host for the pure emulator handlers: ephemeral loopback port by default, a body limit,
// sub-second timeouts for dribbling clients, and an API-formatted error when a handler throws. Node's defaults
// (no body limit, 60 s header timeout) are too loose for a server that QA and robustness tests hammer.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { emuRequest, type EmuRequest, type EmuResponse, type Emulator } from './types';

export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * A request not fully received this long after it began (the connection opened, or its first byte came on
 * a kept-alive one) is answered 408: real clients (Playwright, curl, Postman) write a login request in one go, so only a dribbling
 * client is cut. The cut lands within REQUEST_TIMEOUT_MS + CHECK_INTERVAL_MS, under the 1 s the
 * robustness corpus allows, with room for an event-loop stall. Answers delayed by latencyMs and idle
 * keep-alive connections do not count (Node times only a request being received).
 */
export const HEADERS_TIMEOUT_MS = 500;
export const REQUEST_TIMEOUT_MS = 600;
export const CHECK_INTERVAL_MS = 50;

export interface HostOptions {
  port?: number;
  host?: string;
  /** Added before every answer, to imitate a remote target. */
  latencyMs?: number;
  /** Looser limits for a slow link (the defaults assume loopback); the robustness test's looser host. */
  timeouts?: { headersMs: number; requestMs: number };
  /**
   * Consulted before the emulator with every parsed request: an answer it gives is sent as is, undefined
   * lets the emulator answer (the sandbox's controls, support/emulators/control.ts; nothing else sets it).
   */
  preHandler?(request: EmuRequest): EmuResponse | undefined;
  /** Serve HTTPS with this key and certificate (support/tls/emulator-tls.ts; a client certificate too with requestCert). */
  tls?: { key: string; cert: string; ca?: string; requestCert?: boolean; rejectUnauthorized?: boolean };
}

export interface RunningEmulator {
  emulator: Emulator;
  url: string;
  /** The next request gets a 500 in the API's own format: the only way to provoke a documented 500. */
  failNextRequest(): void;
  close(): Promise<void>;
}

export async function hostEmulator(emulator: Emulator, options: HostOptions = {}): Promise<RunningEmulator> {
  const state = { failNext: false };
  const serverOptions = {
    maxHeaderSize: 16 * 1024,
    requireHostHeader: false,
    headersTimeout: options.timeouts?.headersMs ?? HEADERS_TIMEOUT_MS,
    requestTimeout: options.timeouts?.requestMs ?? REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: CHECK_INTERVAL_MS,
    keepAliveTimeout: 30_000,
  };
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    serve(emulator, req, res, options, state).catch(() => res.destroy());
  };
  const server = options.tls ? https.createServer({ ...serverOptions, ...options.tls }, handler) : http.createServer(serverOptions, handler);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(emulator, error, socket));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    emulator,
    url: `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    failNextRequest: () => {
      state.failNext = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(emulator: Emulator, req: http.IncomingMessage, res: http.ServerResponse, options: HostOptions, state: { failNext: boolean }) {
  let answer: EmuResponse;
  const body = await readBody(req);
  const request = toEmuRequest(req, body ?? Buffer.alloc(0));
  const preAnswer = request && body !== undefined ? options.preHandler?.(request) : undefined;
  if (preAnswer) {
    answer = preAnswer;
  } else if (request === undefined) {
    answer = emulator.error(400, 'The request line could not be parsed.');
  } else if (req.httpVersion === '1.1' && req.headers.host === undefined) {
    answer = emulator.error(400, 'An HTTP/1.1 request must carry a Host header.', request);
  } else if (state.failNext) {
    state.failNext = false;
    answer = emulator.error(500, 'Internal server error', request);
  } else if (body === undefined) {
    answer = emulator.error(413, `Request body exceeds ${MAX_BODY_BYTES} bytes.`, request);
  } else {
    try {
      answer = emulator.handle(request);
    } catch (error) {
      answer = emulator.error(500, `Internal error: ${(error as Error).message}`, request);
    }
  }
  const latencyMs = options.latencyMs ?? 0;
  if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
  if (res.destroyed || res.headersSent || !req.socket.writable) return;
  const payload = answer.body === undefined ? Buffer.alloc(0) : Buffer.from(answer.body);
  res.writeHead(answer.status, {
    Date: new Date(emulator.clock.now()).toUTCString(),
    'Content-Length': String(payload.length),
    ...answer.headers,
  });
  res.end(req.method === 'HEAD' ? undefined : payload);
}

const CLIENT_ERRORS: Record<string, [status: number, message: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'The request headers exceed 16 KB.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request did not arrive in time.'],
};

/**
 * What Node would answer with an empty body (unparsable request line or headers, broken framing, header
 * overflow, a dribbling client cut off by the timeouts), answered instead in the API's own error format.
 */
function answerClientError(emulator: Emulator, error: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: http.ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'The request could not be parsed as HTTP/1.1.'];
  let answer: EmuResponse;
  try {
    answer = emulator.error(status, message);
  } catch {
    answer = { status, headers: { 'Content-Type': 'text/plain' }, body: message };
  }
  const payload = answer.body === undefined ? Buffer.alloc(0) : Buffer.from(answer.body);
  const lines = Object.entries({ Date: new Date(emulator.clock.now()).toUTCString(), ...answer.headers, 'Content-Length': String(payload.length), Connection: 'close' })
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${name}: ${v}\r\n`))
    .join('');
  socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}\r\n${lines}\r\n`, 'latin1'), payload]));
  setTimeout(() => socket.destroy(), 1_000).unref();
}

/** The body, or undefined once it passes the limit (the rest is drained, not stored). */
function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', () => resolve(Buffer.alloc(0)));
    req.on('close', () => resolve(Buffer.alloc(0)));
  });
}

function toEmuRequest(req: http.IncomingMessage, body: Buffer): EmuRequest | undefined {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  return emuRequest({ method: req.method ?? 'GET', rawPath: req.url ?? '/', headers: pairs, body, remoteAddress: req.socket.remoteAddress });
}
