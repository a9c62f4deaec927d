// Reads what a {value} or {collection} parameter names from the last answer, failing with one sentence
// when it is not there: the glue between support/assertions/ (pure) and the World. Reuses the readers
// and the value citation of the HTTP and JWT steps, so sentences read alike everywhere.
import { numberFromText } from '../support/assertions/comparison';
import { jsonItems, xmlItems } from '../support/assertions/collections';
import { cookieLifetime, inUnit, jwtLifetime } from '../support/assertions/lifetimes';
import { collectionLabel, isBodyValue, labelOf, type CollectionSource, type ValueSource } from '../support/assertions/sources';
import { typeName } from '../support/json-path';
import type { ApiWorld } from '../support/world';
import { cookieSet, describe, jsonValue, namesOf, xmlValue } from './http.steps';
import { decode } from './jwt.steps';

export interface ReadValue {
  /** How the sentence names it: "$.timeToLive", "the header Content-Length", "the JWT claim exp of {{token}}". */
  label: string;
  value: unknown;
  /** Read from the body: a value of the wrong type there is a body of the wrong shape ('bad-body'). */
  fromBody: boolean;
}

export function readValue(world: ApiWorld, source: ValueSource): ReadValue {
  const label = labelOf(source);
  const fromBody = isBodyValue(source);
  switch (source.kind) {
    case 'json':
      return { label, value: jsonValue(world, source.path), fromBody };
    case 'xml':
      return { label, value: xmlValue(world, source.path), fromBody };
    case 'header': {
      const value = world.header(source.name);
      if (value === undefined) world.fail(`Expected the response to have the header ${source.name}, but it has no such header`);
      return { label, value, fromBody };
    }
    case 'jwt-claim': {
      const { payload } = decode(world, source.token);
      if (!Object.hasOwn(payload, source.claim)) world.fail(`Expected the JWT ${source.token} to have the claim "${source.claim}", but it has only ${Object.keys(payload).join(', ') || 'none'}`);
      return { label, value: payload[source.claim], fromBody };
    }
    case 'jwt-lifetime': {
      const measured = jwtLifetime(decode(world, source.token).payload, world.header('date'));
      if (!measured.ok) return world.fail(`Expected the JWT ${source.token} to have a lifetime, but it ${measured.problem}`);
      return { label: `${label} (${measured.how})`, value: inUnit(measured.seconds, source.unit), fromBody };
    }
    case 'cookie-lifetime': {
      const cookie = cookieSet(world, source.cookie);
      if (!cookie) return world.fail(`Expected the response to set the cookie ${source.cookie}, but it sets ${namesOf(world)}`);
      const measured = cookieLifetime(cookie, world.header('date'));
      if (!measured.ok) return world.fail(`Expected the cookie ${source.cookie} to have a lifetime, but it ${measured.problem}`);
      return { label: `${label} (${measured.how})`, value: inUnit(measured.seconds, source.unit), fromBody };
    }
  }
}

/** A value as a sentence cites it: redacted, then cut; body values through the HTTP steps' citation. */
export function cite(world: ApiWorld, read: ReadValue): string {
  if (read.fromBody) return describe(world, read.value);
  if (read.value === undefined) return 'nothing';
  const text = world.redactor.text(JSON.stringify(read.value) ?? String(read.value));
  return `${typeName(read.value)} ${text.length > 120 ? `${text.slice(0, 120)}…` : text}`;
}

/** XML text and headers are text, so a number is read from them; JSON values and claims must be numbers. */
export function readNumber(world: ApiWorld, source: ValueSource): { label: string; value: number } {
  const read = readValue(world, source);
  const textual = source.kind === 'xml' || source.kind === 'header';
  const value = typeof read.value === 'number' && Number.isFinite(read.value) ? read.value : textual && typeof read.value === 'string' ? numberFromText(read.value) : undefined;
  if (value === undefined) world.fail(`Expected ${read.label} to be a number, but got ${cite(world, read)}`, read.fromBody ? 'bad-body' : 'behaviour');
  return { label: read.label, value };
}

export function readText(world: ApiWorld, source: ValueSource): ReadValue & { value: string } {
  const read = readValue(world, source);
  if (typeof read.value !== 'string') world.fail(`Expected ${read.label} to be a string, but got ${cite(world, read)}`, read.fromBody ? 'bad-body' : 'behaviour');
  return { ...read, value: read.value };
}

/** The items of a collection; a missing path or a value that is not a list fails the step. */
export function readItems(world: ApiWorld, source: CollectionSource): { label: string; items: unknown[] } {
  const label = collectionLabel(source);
  const found = source.kind === 'json' ? jsonItems(world.json(), source.path) : xmlItems(world.xml(), source.path);
  if (found.ok) return { label, items: found.items };
  if ('missing' in found) return world.fail(`Expected the ${source.kind === 'json' ? 'JSON' : 'XML'} body to have ${source.path}, but it has no ${found.missing}`);
  return world.fail(`Expected ${source.path} to be an array, but got ${describe(world, found.notAList)}`, 'bad-body');
}
