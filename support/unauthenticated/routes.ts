// What an API declares about its routes and sessions, in support/apis/<id>/protected-routes.ts: every
// route that needs a session (with the status a live session is served with), the routes that need
// none (the login, and the open ones, each saying why), how a login's credentials travel, and how the
// API refuses a call without a valid session. One declaration per API feeds the generated features
// (features/<api>/unauthenticated.feature, `npm run auth-features`), the steps that send their calls
// (steps/unauthenticated.steps.ts) and the check that the emulator's route table holds no route it misses.
import { apiModule, type ApiId } from '../apis';

/** A request as the vendor documents it; `${VAR}` and `{{remembered}}` expand when it is sent. */
export interface RouteRequest {
  method: string;
  path: string;
  /** Headers a valid call carries besides the credentials (a Content-Type, an Accept). */
  headers?: Readonly<Record<string, string>>;
  body?: { text: string; contentType: string };
}

/**
 * A route that needs a session. HEAD rides with GET: the features call GET (a HEAD answer has no body to
 * check), and tests/unauthenticated.test.ts checks that HEAD is refused the same on the emulator.
 */
export interface ProtectedRoute extends RouteRequest {
  /** The status (Pégase: the body's code) a call with the live session is served with. */
  served: number;
}

/** A route that needs no session, and why: the login itself, or a route that answers anyone. */
export interface RouteWithoutSession extends RouteRequest {
  why: string;
}

/** How the login's credentials travel with each call: all of them are sent by hand from a fresh client. */
export type SessionCredential =
  /** A cookie the login left in the jar. */
  | { cookie: string }
  /** A header; its value is written with what the login steps remembered (`{{api token}}`). */
  | { header: string; value: string }
  /** `Authorization: Basic base64(user:secret)`; a forgery replaces the secret half only. */
  | { basic: { user: string; secret: string } }
  /** A header that repeats a kept cookie's value (ALM's X-XSRF-TOKEN), forged along with it. */
  | { header: string; echoes: string };

/** Steps (without their keyword) that check an answer; a step may carry a data table. */
export type GherkinStep = string | { step: string; table: ReadonlyArray<readonly string[]> };

/** How the API refuses: the steps that check it, and the behaviour IDs those steps assert. */
export interface Refusal {
  behaviours: readonly string[];
  then: readonly GherkinStep[];
}

export interface ProtectedRoutes {
  /** Who documents the refusal, for the feature's description (the vendor's words or our reading). */
  source: string;
  /** Steps that log in and leave in the jar, or remember, what `credentials` cite. */
  login: readonly GherkinStep[];
  credentials: readonly SessionCredential[];
  /** The step that checks a served call, `{status}` standing for the route's `served`. */
  served: string;
  routes: readonly ProtectedRoute[];
  /** The routes that take the login credentials themselves: their refusals are the login features'. */
  logins: readonly RouteWithoutSession[];
  /** Routes that answer a call without credentials (the check below holds them to it). */
  open: readonly RouteWithoutSession[];
  /** The refusal every way asserts unless it names its own. */
  refusal: Refusal;
  none?: Refusal;
  /** The emulator's clock moves past the session's lifetime (`31 minutes`), or why it cannot. */
  expiry: { after: string; behaviours: readonly string[]; refusal?: Refusal } | { never: string };
  /** A logout through one of the listed routes, answered `status`, or why there is none. */
  logout: { route: string; status: number; behaviours: readonly string[]; refusal?: Refusal } | { never: string };
  forged?: Refusal;
}

/** `POST /api/rest/1.0//sessions`: how features and error sentences name a route. */
export const routeName = (route: RouteRequest): string => `${route.method} ${route.path}`;

export const declarationFile = (api: string): string => `support/apis/${api}/protected-routes.ts`;

/** The API's declaration; an error naming the file when it has none. */
export function protectedRoutesOf(api: ApiId): ProtectedRoutes {
  const declared = apiModule(api).protectedRoutes;
  if (!declared) throw new Error(`${api} declares no routes that need a session: add ${declarationFile(api)} and register it in support/apis/${api}/index.ts`);
  return declared;
}

/** Every request the declaration lists by name (a step may call any of them, e.g. the logout). */
export function requestNamed(api: ApiId, name: string): RouteRequest {
  const declared = protectedRoutesOf(api);
  const all: RouteRequest[] = [...declared.routes, ...declared.logins, ...declared.open];
  const found = all.find((route) => routeName(route) === name);
  if (!found) throw new Error(`No route "${name}" is listed in ${declarationFile(api)}; it lists ${all.map((route) => `"${routeName(route)}"`).join(', ')}`);
  return found;
}
