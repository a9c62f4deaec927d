// The documented examples of each API, for people who explore by hand: a small declarative list per API in
// support/apis/<id>/examples.ts (optional; an API without one has no requests to show). scripts/postman.ts
// turns them into the sandbox's Postman collection, and the checks here keep them honest: every variable
// they use exists, and every method + path is one the API's emulator routes (or, for an expected 405, a
// path it routes under other methods), so the examples cannot drift from the route table.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorParts, KitEmulator, Route } from '../emulators/kit';
import { emuRequest } from '../emulators/types';
import type { ApiContract } from './types';

/** A JSON value an answer must hold; strings may use {{VARIABLE}}, resolved when the request runs. */
export type Scalar = string | number | boolean | null;

export interface Expectation {
  /** The HTTP status. */
  status: number;
  /** Another HTTP status when a setting of the environment says so (a version that mirrors a code). */
  statusWhen?: { variable: string; equals: string; status: number };
  /** JSON values by dotted path (`_links.self.href`): equal to a scalar, or a string matching a RegExp. */
  json?: Record<string, Scalar | RegExp>;
  /** Dotted JSON paths the body must not have (no token in a refusal). */
  absent?: string[];
  /** Headers by name: a string is the exact value, a RegExp a pattern it matches. */
  headers?: Record<string, string | RegExp>;
  /** Text the body contains (an XML element, say). */
  bodyIncludes?: string[];
  /** Text the body must not contain (a password echoed back). */
  bodyExcludes?: string[];
  /** Cookies the answer sets, by name. */
  setsCookies?: string[];
  /** Attributes of cookies the answer sets: the Path it must have, HttpOnly or not. */
  cookieAttributes?: Record<string, { path?: string; httpOnly?: boolean }>;
  /** The answer sets no cookie at all (a refused login). */
  setsNoCookies?: boolean;
  /** Cookies the answer expires (a logout). */
  expiresCookies?: string[];
}

export interface Capture {
  /** Variable name → the cookie whose value it keeps (from Set-Cookie). */
  cookies?: Record<string, string>;
  /** Variable name → the dotted JSON path whose value it keeps. */
  json?: Record<string, string>;
}

/** One request as the vendor documents it, with the answer it documents. */
export interface ApiExample {
  /** What it shows, as a person names it ("Log in", "A wrong password is refused"). */
  name: string;
  /** The behaviour IDs whose documented answer it shows. */
  behaviours: readonly string[];
  method: string;
  /** The documented path (and query), exactly as the vendor writes it; {{VARIABLE}} for values. */
  path: string;
  headers?: Record<string, string>;
  /** HTTP Basic credentials, as Postman's Authorization tab sends them. */
  basicAuth?: { username: string; password: string };
  body?: { text: string; language: 'json' | 'xml' | 'text' };
  /**
   * Use the client's cookie jar, as the vendor's walkthrough does (Postman keeps the cookie). Otherwise the
   * request sends only its own headers and keeps nothing, so every API's requests stay independent.
   */
  cookieJar?: boolean;
  expect: Expectation;
  /** Values of the answer kept for the following requests; names start with the API id and a dot. */
  capture?: Capture;
}

/** The examples of the API whose folder is support/apis/<id>/, or an empty list when it has none. */
export function examplesOf(id: string): readonly ApiExample[] {
  const file = join(__dirname, id, 'examples.ts');
  if (!existsSync(file)) return [];
  // Found by convention, not imported: an API may have no examples.ts.
  const loaded = require(file) as { examples?: unknown };
  if (!Array.isArray(loaded.examples)) throw new Error(`support/apis/${id}/examples.ts must export "examples", a list of requests`);
  return loaded.examples as ApiExample[];
}

const VARIABLE = /\{\{([^{}]+)\}\}/g;

/** Every {{name}} a text uses. */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((match) => match[1]!);
}

/** The environment variables of an API: its base URL and every variable of its contract, with their demo values. */
export function environmentOf(contract: ApiContract, baseUrl: string): Record<string, string> {
  return { [`${contract.prefix}BASE_URL`]: baseUrl, ...Object.fromEntries(Object.entries(contract.variables).map(([name, spec]) => [`${contract.prefix}${name}`, spec.demo])) };
}

/** The names an example captures. */
export function capturedBy(example: ApiExample): string[] {
  return [...Object.keys(example.capture?.cookies ?? {}), ...Object.keys(example.capture?.json ?? {})];
}

/** Every text of an example a variable can appear in. */
function textsOf(example: ApiExample): string[] {
  return [
    example.path,
    ...Object.values(example.headers ?? {}),
    ...(example.basicAuth ? [example.basicAuth.username, example.basicAuth.password] : []),
    ...(example.body ? [example.body.text] : []),
    ...Object.values(example.expect.json ?? {}).filter((value): value is string => typeof value === 'string'),
    ...Object.values(example.expect.headers ?? {}).filter((value): value is string => typeof value === 'string'),
    ...(example.expect.bodyIncludes ?? []),
    ...(example.expect.bodyExcludes ?? []),
    ...(example.expect.statusWhen ? [`{{${example.expect.statusWhen.variable}}}`] : []),
  ];
}

/**
 * One sentence per problem of an API's examples: a variable that is neither the environment's nor captured
 * by an earlier request, a captured name outside the API's namespace or captured twice, a duplicate name.
 */
export function variableProblems(id: string, contract: ApiContract, examples: readonly ApiExample[]): string[] {
  const problems: string[] = [];
  const environment = new Set(Object.keys(environmentOf(contract, '')));
  const captured = new Set<string>();
  const names = new Set<string>();
  for (const example of examples) {
    const where = `support/apis/${id}/examples.ts, "${example.name}"`;
    if (names.has(example.name)) problems.push(`${where}: another request of ${id} has the same name`);
    names.add(example.name);
    for (const name of new Set(textsOf(example).flatMap(variablesIn))) {
      if (!environment.has(name) && !captured.has(name)) {
        problems.push(`${where} uses {{${name}}}, which is neither an environment variable of ${id} (${[...environment].join(', ')}) nor captured by an earlier request`);
      }
    }
    for (const name of capturedBy(example)) {
      if (!name.startsWith(`${id}.`)) problems.push(`${where} captures "${name}": captured names must start with "${id}." so APIs never share one`);
      if (captured.has(name)) problems.push(`${where} captures "${name}" again: an earlier request captures it already`);
      captured.add(name);
    }
  }
  return problems;
}

/** The path as the emulator would receive it: environment variables at their demo values, captured ones as "1". */
export function resolvedPath(path: string, environment: Record<string, string>): string {
  return path.replace(VARIABLE, (_, name: string) => environment[name] ?? '1');
}

function onPath(route: Route, path: string): boolean {
  return typeof route.path === 'string' ? route.path === path : route.path.test(path);
}

function takes(route: Route, method: string): boolean {
  return route.method === '*' || route.method === method || (Array.isArray(route.method) && route.method.includes(method));
}

/**
 * Why the emulator's route table does not answer an example as it expects, or undefined when it does: a
 * route must take its method and path, except that an expected 405 needs a path routed under other methods only.
 */
export function routeProblem(example: ApiExample, emulator: KitEmulator<EmulatorParts>, environment: Record<string, string>): string | undefined {
  const target = resolvedPath(example.path, environment);
  const request = emuRequest({ method: example.method, rawPath: target });
  if (!request) return `"${example.name}": the path ${JSON.stringify(example.path)} is not a URL path`;
  const path = emulator.parts.routePath ? emulator.parts.routePath(request) : request.path;
  const routes = emulator.parts.routes().filter((route) => onPath(route, path));
  const routed = routes.some((route) => takes(route, example.method));
  const table = `the ${emulator.api} emulator's route table (support/apis/${emulator.api}/emulator.ts)`;
  if (example.expect.status === 405) {
    if (routes.length === 0) return `"${example.name}" expects 405 from ${example.method} ${target}, but ${table} routes nothing at that path`;
    if (routed) return `"${example.name}" expects 405 from ${example.method} ${target}, but ${table} routes that method there`;
    return undefined;
  }
  if (routed) return undefined;
  return routes.length === 0
    ? `"${example.name}": ${example.method} ${target} is not routed by ${table}: no route has that path`
    : `"${example.name}": ${example.method} ${target} is not routed by ${table}: that path takes other methods only`;
}
