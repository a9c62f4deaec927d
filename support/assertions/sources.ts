// Where an assertion reads its value: the two cucumber parameters {value} and {collection}, parsed from
// the words of the step into a plain description (reading it needs the World: steps/read-values.ts).
//
//   {value}       the JSON value at "$.a.b" | the XML value at "/a/b" | the response header "X-Name"
//                 | the JWT claim "exp" of "{{token}}"
//                 | the lifetime of the JWT "{{token}}" in seconds|minutes
//                 | the lifetime of the cookie "JSESSIONID" in seconds|minutes
//   {collection}  the JSON array at "$.items" | the XML elements at "/a/item"

export type TimeUnit = 'seconds' | 'minutes';

export type ValueSource =
  | { kind: 'json'; path: string }
  | { kind: 'xml'; path: string }
  | { kind: 'header'; name: string }
  | { kind: 'jwt-claim'; claim: string; token: string }
  | { kind: 'jwt-lifetime'; token: string; unit: TimeUnit }
  | { kind: 'cookie-lifetime'; cookie: string; unit: TimeUnit };

export type CollectionSource = { kind: 'json'; path: string } | { kind: 'xml'; path: string };

const Q = '"([^"]*)"';
const VALUE_FORMS: Array<[RegExp, (...groups: string[]) => ValueSource]> = [
  [new RegExp(`^the JSON value at ${Q}$`), (path) => ({ kind: 'json', path: path! })],
  [new RegExp(`^the XML value at ${Q}$`), (path) => ({ kind: 'xml', path: path! })],
  [new RegExp(`^the response header ${Q}$`), (name) => ({ kind: 'header', name: name! })],
  [new RegExp(`^the JWT claim ${Q} of ${Q}$`), (claim, token) => ({ kind: 'jwt-claim', claim: claim!, token: token! })],
  [new RegExp(`^the lifetime of the JWT ${Q} in (seconds|minutes)$`), (token, unit) => ({ kind: 'jwt-lifetime', token: token!, unit: unit as TimeUnit })],
  [new RegExp(`^the lifetime of the cookie ${Q} in (seconds|minutes)$`), (cookie, unit) => ({ kind: 'cookie-lifetime', cookie: cookie!, unit: unit as TimeUnit })],
];

/** The cucumber parameter's regexp (no capture groups: the transformer gets the whole match). */
export const VALUE_PATTERN = /the (?:JSON value at|XML value at|response header) "[^"]*"|the JWT claim "[^"]*" of "[^"]*"|the lifetime of the (?:JWT|cookie) "[^"]*" in (?:seconds|minutes)/;
export const COLLECTION_PATTERN = /the (?:JSON array|XML elements) at "[^"]*"/;

export function parseValueSource(text: string): ValueSource {
  for (const [form, build] of VALUE_FORMS) {
    const match = form.exec(text);
    if (match) return build(...match.slice(1));
  }
  throw new Error(`"${text}" names no value (write the JSON value at "$.a", the XML value at "/a/b", the response header "X", the JWT claim "c" of "{{token}}", or the lifetime of the JWT/cookie "x" in seconds)`);
}

export function parseCollectionSource(text: string): CollectionSource {
  const match = new RegExp(`^the (JSON array|XML elements) at ${Q}$`).exec(text);
  if (!match) throw new Error(`"${text}" names no collection (write the JSON array at "$.items" or the XML elements at "/list/item")`);
  return { kind: match[1] === 'JSON array' ? 'json' : 'xml', path: match[2]! };
}

/** How a failure sentence names the value, as the scenario wrote it ({{token}}, never the token itself). */
export function labelOf(source: ValueSource): string {
  switch (source.kind) {
    case 'json':
    case 'xml':
      return source.path;
    case 'header':
      return `the header ${source.name}`;
    case 'jwt-claim':
      return `the JWT claim ${source.claim} of ${source.token}`;
    case 'jwt-lifetime':
      return `the lifetime in ${source.unit} of the JWT ${source.token}`;
    case 'cookie-lifetime':
      return `the lifetime in ${source.unit} of the cookie ${source.cookie}`;
  }
}

export function collectionLabel(source: CollectionSource): string {
  return `the ${source.kind === 'json' ? 'JSON array' : 'XML elements'} at ${source.path}`;
}

/** Values read from the body fail as 'bad-body' when they are not even of the expected type. */
export function isBodyValue(source: ValueSource): boolean {
  return source.kind === 'json' || source.kind === 'xml';
}
