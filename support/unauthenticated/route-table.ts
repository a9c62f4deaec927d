// Holds an API's protected-routes.ts to its emulator's route table (the kit's parts.routes()), so a route
// cannot be added and forgotten: every route and method of the table must be listed, as needing a
// session, as the login or as open; each listed request must reach a route; a route listed as needing a
// session must refuse a call without credentials (HEAD too, where it rides with GET), and an open one
// must not. Calls go straight to the emulator's handler: no socket, no clock, one sentence per problem.
import type { ApiModule } from '../apis/types';
import type { KitEmulator, EmulatorParts, Route } from '../emulators/kit';
import { emuRequest, type EmuResponse } from '../emulators/types';
import { declarationFile, routeName, type RouteRequest } from './routes';

/** The statuses of a refusal for want of a session: Pégase's 402 (a missing Token) and 498 (expired) too, HTTP or in the body. */
export const REFUSALS = [401, 402, 403, 498];

export function refusedWithoutCredentials(response: EmuResponse): boolean {
  const code = bodyCode(response);
  return REFUSALS.includes(response.status) || (code !== undefined && REFUSALS.includes(code));
}

/** A JSON body's numeric `code` (Pégase answers HTTP 200 with the real code there). */
function bodyCode(response: EmuResponse): number | undefined {
  try {
    const code = (JSON.parse(String(response.body ?? '')) as { code?: unknown }).code;
    return typeof code === 'number' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** "401", or "200 with the code 402 in its body". */
function answered(response: EmuResponse): string {
  const code = bodyCode(response);
  return code !== undefined && code !== response.status ? `${response.status} with the code ${code} in its body` : String(response.status);
}

/** Every problem, one sentence each; empty when the declaration and the table agree. */
export function routeTableProblems(api: ApiModule, vars: Record<string, string>, fault?: string): string[] {
  const id = api.contract.id;
  const emulator = api.emulator(vars, fault) as Partial<KitEmulator<EmulatorParts>> & ReturnType<ApiModule['emulator']>;
  if (!emulator.parts) return [`${id}: its emulator is not built on the kit (support/emulators/kit.ts), so its route table cannot be read`];
  const parts = emulator.parts;
  const table = parts.routes();
  const file = declarationFile(id);
  const declared = api.protectedRoutes;
  const send = (request: RouteRequest, method = request.method) => {
    const built = emuRequest({
      method,
      rawPath: expand(request.path, vars),
      headers: { Host: '127.0.0.1', ...Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name, expand(value, vars)])) },
      body: method === 'HEAD' ? '' : expand(request.body?.text ?? '', vars),
    })!;
    return { route: hit(table, built.method, parts.routePath ? parts.routePath(built) : built.path), response: emulator.handle(built) };
  };

  if (!declared) {
    // Nothing listed: no route may refuse a bare call, or it is a route that needs a session (or the login).
    return table.flatMap((route) => {
      const path = route.path;
      if (typeof path !== 'string') return [`${id}: the emulator routes ${methodsOf(route).join(', ')} ${path} and ${file} does not exist: list its routes there (those that need a session, the login, the open ones)`];
      return methodsOf(route).flatMap((method) => {
        const { response } = send({ method: method === '*' ? 'GET' : method, path });
        return refusedWithoutCredentials(response) ? [`${id}: ${method} ${path} refuses a call without credentials (${answered(response)}) and ${file} does not exist: list it there as a route that needs a session, or as the login`] : [];
      });
    });
  }

  const problems: string[] = [];
  const hits = new Map<Route, Set<string>>();
  const classes: Array<[string, readonly RouteRequest[]]> = [['routes', declared.routes], ['logins', declared.logins], ['open', declared.open]];
  for (const [list, requests] of classes) {
    for (const request of requests) {
      const { route, response } = send(request);
      if (!route) {
        problems.push(`${id}: ${routeName(request)} is listed in ${file} (${list}) but no route of the emulator's table answers it (${answered(response)})`);
        continue;
      }
      hits.set(route, new Set([...(hits.get(route) ?? []), request.method]));
      if (list === 'routes') {
        const withHead = request.method === 'GET' && methodsOf(route).includes('HEAD');
        for (const method of withHead ? ['GET', 'HEAD'] : [request.method]) {
          const answer = method === request.method ? response : send(request, method).response;
          if (!refusedWithoutCredentials(answer)) problems.push(`${id}: ${method} ${request.path} is listed in ${file} as needing a session, but the emulator answers it ${answered(answer)} without credentials`);
        }
      }
      if (list === 'open' && refusedWithoutCredentials(response)) {
        problems.push(`${id}: ${routeName(request)} is listed in ${file} as open (${(request as { why?: string }).why}), but the emulator refuses it without credentials (${answered(response)}): list it as a route that needs a session`);
      }
    }
  }
  for (const route of table) {
    const listed = hits.get(route) ?? new Set<string>();
    for (const method of methodsOf(route)) {
      const covered = method === '*' ? listed.size > 0 : listed.has(method) || (method === 'HEAD' && listed.has('GET'));
      if (!covered) problems.push(`${id}: the emulator routes ${method} ${route.path} but ${file} does not list it: list it as a route that needs a session (routes), the login (logins) or an open route (open)`);
    }
  }
  const names = [...declared.routes, ...declared.logins, ...declared.open].map(routeName);
  if ('route' in declared.logout && !names.includes(declared.logout.route)) problems.push(`${id}: the logout "${declared.logout.route}" is not one of the routes ${file} lists`);
  const cookies = declared.credentials.flatMap((credential) => ('cookie' in credential ? [credential.cookie] : []));
  for (const credential of declared.credentials) {
    if ('echoes' in credential && !cookies.includes(credential.echoes)) problems.push(`${id}: the header ${credential.header} echoes the cookie ${credential.echoes}, which is not among the credentials ${file} lists`);
  }
  return problems;
}

/** The route the kit would answer with (the first on the path whose method matches), as kit.ts matches. */
function hit(table: Route[], method: string, path: string): Route | undefined {
  return table.find((route) => (typeof route.path === 'string' ? route.path === path : route.path.test(path)) && (route.method === '*' || methodsOf(route).includes(method)));
}

function methodsOf(route: Route): string[] {
  return typeof route.method === 'string' ? [route.method] : [...route.method];
}

/** `${VAR}` from the variables (an unknown one is an error naming it), `{{remembered}}` as a sample id. */
function expand(text: string, vars: Record<string, string>): string {
  return text
    .replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => {
      const value = vars[name];
      if (value === undefined) throw new Error(`\${${name}} in a route of protected-routes.ts is not one of the API's variables`);
      return value;
    })
    .replace(/\{\{[^{}]*\}\}/g, '1');
}
