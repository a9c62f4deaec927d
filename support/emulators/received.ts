// What an emulator received, request by request, without a single value: a step ("the emulator received a
// Basic Authorization header") and the tests read it to check what the framework really sent. Names and
// the Authorization scheme only, so the log can never leak a credential into a report.
import type { EmuRequest } from './types';

export interface ReceivedRequest {
  method: string;
  path: string;
  queryNames: string[];
  /** Lower-case, in arrival order. */
  headerNames: string[];
  /** The Authorization scheme as sent ("Basic", "Bearer"), never its credentials. */
  authorization: string | undefined;
  cookieNames: string[];
}

/** The newest requests an emulator received; old ones drop off so a long soak keeps its memory flat. */
export class ReceivedLog {
  private readonly entries: ReceivedRequest[] = [];

  constructor(private readonly capacity = 200) {}

  add(request: EmuRequest): void {
    const authorization = request.headers.authorization?.trim().split(/\s+/, 1)[0];
    this.entries.push({
      method: request.method,
      path: request.path,
      queryNames: [...new Set(request.query.keys())],
      headerNames: Object.keys(request.headers),
      authorization: authorization === '' ? undefined : authorization,
      cookieNames: (request.headers.cookie ?? '').split(';').map((part) => part.split('=', 1)[0]!.trim()).filter(Boolean),
    });
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  /** Oldest first. */
  all(): readonly ReceivedRequest[] {
    return this.entries;
  }

  last(): ReceivedRequest | undefined {
    return this.entries.at(-1);
  }

  clear(): void {
    this.entries.length = 0;
  }
}
