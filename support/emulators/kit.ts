// The kit every emulator is built with, so each API's folder holds only what is that API's:
// - a route table (method + path → handler, in order): 404 and 405 (with Allow) come from the table itself;
// - named parts: the handlers and the small policies they use (a lifetime, a content type, a view of a
//   session), which call each other through the parts object, so replacing one part changes every use;
// - faults as named overrides of parts, next to the API's emulator, instead of checks woven into its
//   happy path: `npm run mutation` switches each on in turn;
// - a log of what the emulator received (support/emulators/received.ts).
import type { Clock } from './clock';
import { ReceivedLog } from './received';
import type { EmuRequest, EmuResponse, Emulator } from './types';

export type Handler = (request: EmuRequest, params: Record<string, string>) => EmuResponse;

export interface Route {
  /** One method, several, or '*' for any (a catch-all route goes last). */
  method: string | readonly string[];
  /** An exact path, or a pattern whose named groups reach the handler as params. */
  path: string | RegExp;
  handler: Handler;
}

/** The parts the kit itself calls; an API adds its own handlers and policies beside them. */
export interface EmulatorParts {
  /** Ordered: the first route whose path and method match answers. Read once, after a fault is applied. */
  routes(): Route[];
  /** No route has this path. */
  notFound(request: EmuRequest): EmuResponse;
  /** Routes have this path, none this method; `allow` lists theirs in table order. */
  methodNotAllowed(request: EmuRequest, allow: string[]): EmuResponse;
  /** An error in the API's own format, for the host (oversize, unparsable, a handler that threw). */
  error(status: number, message: string, request?: EmuRequest): EmuResponse;
  /** The path routes are matched on (default: slashes collapsed, as most servers do). */
  routePath?(request: EmuRequest): string;
  /** Every answer passes here last (headers an API adds to all answers). */
  finish?(response: EmuResponse, request?: EmuRequest): EmuResponse;
}

/** A named regression of documented behaviours: what it breaks, what the emulator then does, and how. */
export interface Fault<P> {
  name: string;
  /** The behaviour IDs whose scenarios must catch it (e.g. ['TOK-03']). */
  behaviours: readonly string[];
  /** Completes "the emulator …": what it does instead of the documented behaviour. */
  says: string;
  /** Replaces or wraps parts; `original` holds them as they were, `parts` as they will be called. */
  override(original: Readonly<P>, parts: P): Partial<P>;
}

/** What a catalogue says of a fault, without the code (the registry's and the mutation report's view). */
export type FaultInfo = Pick<Fault<unknown>, 'name' | 'behaviours' | 'says'>;

export interface KitEmulator<P extends EmulatorParts> extends Emulator {
  /** The parts as they answer, the fault applied. */
  readonly parts: P;
  readonly fault: string | undefined;
}

/** Checks a catalogue (unique names, at least one behaviour each) and keeps its order. */
export function faultCatalogue<P>(faults: Array<Fault<P>>): ReadonlyArray<Fault<P>> {
  const seen = new Set<string>();
  for (const fault of faults) {
    if (seen.has(fault.name)) throw new Error(`The fault "${fault.name}" is catalogued twice`);
    if (fault.behaviours.length === 0) throw new Error(`The fault "${fault.name}" names no behaviour it breaks`);
    seen.add(fault.name);
  }
  return faults;
}

export interface EmulatorDefinition<P extends EmulatorParts> {
  api: string;
  clock: Clock;
  parts: P;
  faults: ReadonlyArray<Fault<P>>;
  /** The name of the one fault to switch on, if any. */
  fault?: string;
}

export function buildEmulator<P extends EmulatorParts>(definition: EmulatorDefinition<P>): KitEmulator<P> {
  const { parts, faults, fault: name } = definition;
  if (name !== undefined) {
    const fault = faults.find((candidate) => candidate.name === name);
    if (!fault) throw new Error(`${definition.api} has no fault named "${name}"; its faults: ${faults.map((f) => f.name).join(', ')}`);
    Object.assign(parts, fault.override({ ...parts }, parts));
  }
  const table = parts.routes();
  const finish = (response: EmuResponse, request?: EmuRequest) => (parts.finish ? parts.finish(response, request) : response);
  const received = new ReceivedLog();
  return {
    api: definition.api,
    clock: definition.clock,
    parts,
    fault: name,
    received,
    handle(request) {
      received.add(request);
      const path = parts.routePath ? parts.routePath(request) : request.path;
      const onPath = table.flatMap((route) => {
        const params = matchPath(route.path, path);
        return params ? [{ route, params }] : [];
      });
      if (onPath.length === 0) return finish(parts.notFound(request), request);
      const hit = onPath.find(({ route }) => methodMatches(route.method, request.method));
      if (!hit) return finish(parts.methodNotAllowed(request, allowed(onPath.map(({ route }) => route))), request);
      return finish(hit.route.handler(request, hit.params), request);
    },
    error: (status, message, request) => finish(parts.error(status, message, request), request),
  };
}

function matchPath(pattern: string | RegExp, path: string): Record<string, string> | undefined {
  if (typeof pattern === 'string') return pattern === path ? {} : undefined;
  const match = pattern.exec(path);
  return match ? { ...match.groups } : undefined;
}

function methodMatches(method: Route['method'], given: string): boolean {
  return method === '*' || method === given || (Array.isArray(method) && method.includes(given));
}

function allowed(routes: Route[]): string[] {
  return [...new Set(routes.flatMap((route) => (typeof route.method === 'string' ? [route.method] : [...route.method])).filter((m) => m !== '*'))];
}
