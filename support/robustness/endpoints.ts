// What an endpoint of the robustness corpus is, and the helpers its list is written with. Each API lists
// every endpoint its emulator routes in support/apis/<id>/endpoints.ts, each with a valid baseline
// request (logging in first when it needs a session) and what the corpus may mutate: where the
// credentials sit, which body it reads. all-endpoints.ts gathers the five lists.
import type { ApiId } from '../config';
import { send, serialise, type WireAnswer, type WireRequest } from './wire';

export type { WireAnswer, WireRequest };

/** Where an endpoint reads a credential: each place gets its own bad-credential inputs. */
export type Credential =
  | { where: 'header'; name: string }
  | { where: 'basic' }
  | { where: 'cookie'; name: string }
  | { where: 'json'; field: string }
  | { where: 'xml'; field: string };

export interface Endpoint {
  api: ApiId;
  name: string;
  /** Methods routed at the same path: another method is a 405 (or 404), never a success. */
  methods: string[];
  /** The body the endpoint reads; mutating the body of an endpoint that reads none is harmless. */
  reads: 'json' | 'xml' | 'nothing';
  credentials: Credential[];
  /** False where the API answers the same whatever the credential (ALM's logout always says 200). */
  refusesBadCredentials: boolean;
  /** Statuses whose answer the API documents with an empty body. */
  emptyStatuses: number[];
  /** A fresh, valid request (a new login first when the endpoint needs a session). */
  baseline(port: number): Promise<WireRequest>;
}

/** A JSON request body. */
export const jsonBody = (value: unknown) => Buffer.from(JSON.stringify(value));
/** An HTTP Basic Authorization header value. */
export const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Sends one baseline set-up request (a login) and returns its answer; no answer is an error. */
export async function call(port: number, request: WireRequest): Promise<WireAnswer> {
  const outcome = await send(port, serialise(request), { timeoutMs: 5_000 });
  const answer = outcome.answers[0];
  if (!answer) throw new Error(`baseline set-up ${request.method} ${request.path}: ${outcome.dropped}`);
  return answer;
}

/** The value of the cookie `name` that an answer sets; none is an error. */
export function cookieFrom(answer: WireAnswer, name: string): string {
  const line = answer.headers.find(([header, value]) => header === 'set-cookie' && value.startsWith(`${name}=`));
  const value = line?.[1].slice(name.length + 1).split(';')[0];
  if (!value) throw new Error(`baseline set-up: answer ${answer.status} set no ${name} cookie`);
  return value;
}
