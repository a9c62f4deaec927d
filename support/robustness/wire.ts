// A raw HTTP/1.1 client on node:net for the robustness corpus: it writes exactly the bytes it is given
// (duplicate headers, broken framing, non-ASCII, byte-by-byte pacing) and reads the answers with a
// small parser, so no client library smooths a bad input over or hides a dropped connection.
import net from 'node:net';

export interface WireRequest {
  method: string;
  /** The request target exactly as written on the request line. */
  path: string;
  /** In order, duplicates allowed; values are written as UTF-8. */
  headers: Array<[name: string, value: string]>;
  body?: Buffer;
  /** Adds Content-Length for the body unless a Content-Length or Transfer-Encoding header is given. */
  autoLength?: boolean;
}

export interface WireAnswer {
  status: number;
  headers: Array<[name: string, value: string]>;
  body: Buffer;
}

export interface WireOutcome {
  answers: WireAnswer[];
  /** Why the connection ended before every expected answer came (reset, closed early, client timeout). */
  dropped?: string;
  ms: number;
}

export interface SendOptions {
  /** How many answers to read (pipelined requests). */
  answers?: number;
  /** Methods of the pipelined requests, in order: an answer to HEAD has no body. */
  heads?: boolean[];
  /** The client gives up after this long and reports the connection as dropped. */
  timeoutMs?: number;
  /** Write the bytes this many at a time, waiting between writes (a slow client). */
  pace?: { bytes: number; everyMs: number; /** Written at once before the pacing starts. */ first?: number };
  /** Half-close the connection once everything is written (a client that hangs up mid-request). */
  hangUp?: boolean;
}

export function serialise(request: WireRequest): Buffer {
  const headers = [...request.headers];
  const body = request.body ?? Buffer.alloc(0);
  const framed = headers.some(([name]) => /^(content-length|transfer-encoding)$/i.test(name));
  if ((request.autoLength ?? true) && !framed && (body.length > 0 || /^(POST|PUT|PATCH)$/.test(request.method))) {
    headers.push(['Content-Length', String(body.length)]);
  }
  if (!headers.some(([name]) => /^connection$/i.test(name))) headers.push(['Connection', 'close']);
  const head = `${request.method} ${request.path} HTTP/1.1\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'utf8'), body]);
}

/** Connects, writes the bytes (paced or at once), reads the expected answers, then closes. */
export function send(port: number, bytes: Buffer, options: SendOptions = {}): Promise<WireOutcome> {
  const expected = options.answers ?? 1;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect({ port, host: '127.0.0.1' });
    const reader = new AnswerReader(options.heads ?? []);
    let settled = false;
    let pacing: NodeJS.Timeout | undefined;
    const finish = (dropped?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      clearInterval(pacing);
      socket.destroy();
      resolve({ answers: reader.answers, ms: performance.now() - started, ...(dropped ? { dropped } : {}) });
    };
    const guard = setTimeout(() => finish(`no complete answer within ${timeoutMs} ms`), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      reader.push(chunk);
      if (reader.answers.length >= expected) finish();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return; // the server may close while we still write: read what came
      finish(`socket error ${error.code ?? error.message}`);
    });
    socket.on('close', () => {
      reader.end();
      finish(reader.answers.length >= expected ? undefined : `connection closed after ${reader.answers.length} of ${expected} answers`);
    });
    socket.on('connect', () => {
      if (!options.pace) {
        if (options.hangUp) socket.end(bytes);
        else socket.write(bytes);
        return;
      }
      const { bytes: step, everyMs, first = 0 } = options.pace;
      let offset = first;
      if (first > 0) socket.write(bytes.subarray(0, first));
      pacing = setInterval(() => {
        if (offset >= bytes.length || socket.destroyed) return clearInterval(pacing);
        socket.write(bytes.subarray(offset, offset + step));
        offset += step;
      }, everyMs);
    });
  });
}

/** Incremental HTTP/1.1 response parser: Content-Length, chunked, or body-until-close; skips 1xx. */
class AnswerReader {
  readonly answers: WireAnswer[] = [];
  private buffer = Buffer.alloc(0);

  constructor(private readonly heads: boolean[]) {}

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.parseOne(false));
  }

  end(): void {
    while (this.buffer.length > 0 && this.parseOne(true));
  }

  private parseOne(closed: boolean): boolean {
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return false;
    const lines = this.buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? NaN);
    const headers = lines.slice(1).map((line): [string, string] => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    });
    const rest = this.buffer.subarray(headEnd + 4);
    if (status >= 100 && status < 200) {
      this.buffer = rest;
      return true;
    }
    const get = (name: string) => headers.find(([n]) => n === name)?.[1];
    const head = this.heads[this.answers.length] ?? false;
    let body: Buffer;
    let consumed: number;
    if (head || status === 204 || status === 304) {
      body = Buffer.alloc(0);
      consumed = 0;
    } else if (get('content-length') !== undefined) {
      const length = Number(get('content-length'));
      if (rest.length < length) return false;
      body = rest.subarray(0, length);
      consumed = length;
    } else if (/chunked/i.test(get('transfer-encoding') ?? '')) {
      const decoded = decodeChunked(rest);
      if (!decoded) return false;
      ({ body, consumed } = decoded);
    } else {
      if (!closed) return false;
      body = rest;
      consumed = rest.length;
    }
    this.answers.push({ status, headers, body: Buffer.from(body) });
    this.buffer = rest.subarray(consumed);
    return true;
  }
}

function decodeChunked(data: Buffer): { body: Buffer; consumed: number } | undefined {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size)) return undefined;
    offset = lineEnd + 2;
    if (size === 0) {
      const trailerEnd = data.indexOf('\r\n', offset);
      return trailerEnd < 0 ? undefined : { body: Buffer.concat(parts), consumed: trailerEnd + 2 };
    }
    if (data.length < offset + size + 2) return undefined;
    parts.push(data.subarray(offset, offset + size));
    offset += size + 2;
  }
}
