// Step arguments may carry `{{name}}` (a value remembered earlier in the scenario) and `${VAR}` (a
// configuration value: the environment, or the emulator's demo value when the variable is unset).

import { ConfigurationError } from './errors';
import { inJsonString, inXml } from './escape';

/** Writes a value into its place in a body, so that a secret holding `"` or `<` stays one value. */
export type Escape = (value: string) => string;

const asIs: Escape = (value) => value;

/**
 * How string values are written into a body: by its media type, else by its first character (`{` or `[`
 * JSON, `<` XML); as they are into anything else.
 */
export function escapeFor(contentType: string | undefined, body = ''): Escape {
  const format = contentType ?? { '{': 'json', '[': 'json', '<': 'xml' }[body.trimStart()[0] ?? ''] ?? '';
  if (/json/i.test(format)) return inJsonString;
  if (/xml/i.test(format)) return inXml;
  return asIs;
}

/** Where an expanded part of a text came from: a configuration variable (`${NAME}`) or a remembered value (`{{name}}`). */
export type Origin = { variable: string } | { remembered: string };

/** One part of an expanded text, as written; an expansion also says where it came from and its value before escaping. */
export interface Segment {
  text: string;
  from?: Origin;
  /** The value as the shell would hold it: unescaped (a remembered number or object as its JSON). */
  value?: string;
}

export interface Expanded {
  text: string;
  /** `text` cut into literal parts and expansions, in order (what a curl line writes as ${VARIABLE}s). */
  segments: Segment[];
}

/**
 * `escape` is applied to string values only: a remembered number, boolean or object goes in as its JSON,
 * as written into a JSON body.
 */
export function interpolate(text: string, remembered: ReadonlyMap<string, unknown>, variables: Readonly<Record<string, string>>, escape: Escape = asIs): string {
  return interpolateTraced(text, remembered, variables, escape).text;
}

/**
 * `interpolate`, keeping which part of the result each `${VAR}` and `{{name}}` produced. One pass over
 * the text: an expanded value is never read again, so a secret holding `{{` or `${` stays a value.
 */
export function interpolateTraced(text: string, remembered: ReadonlyMap<string, unknown>, variables: Readonly<Record<string, string>>, escape: Escape = asIs): Expanded {
  const segments: Segment[] = [];
  const literal = (part: string) => {
    if (part !== '') segments.push({ text: part });
  };
  let from = 0;
  for (const match of text.matchAll(/\$\{([A-Z0-9_]+)\}|\{\{\s*([^{}]+?)\s*\}\}/g)) {
    literal(text.slice(from, match.index));
    from = match.index + match[0].length;
    const [, variable, name] = match;
    if (variable !== undefined) {
      const value = variables[variable];
      if (value === undefined) {
        throw new ConfigurationError(`\${${variable}} is not set: set ${variable} in .env or the environment (known here: ${Object.keys(variables).sort().join(', ')})`);
      }
      segments.push({ text: escape(value), from: { variable }, value });
      continue;
    }
    if (!remembered.has(name!)) {
      const known = [...remembered.keys()];
      throw new Error(`Nothing was remembered as "${name}" in this scenario (remembered so far: ${known.length ? known.join(', ') : 'nothing'})`);
    }
    const value = remembered.get(name!);
    const shown = typeof value === 'string' ? value : String(JSON.stringify(value)); // undefined reads "undefined", as it always did
    segments.push({ text: typeof value === 'string' ? escape(value) : shown, from: { remembered: name! }, value: shown });
  }
  literal(text.slice(from));
  return { text: segments.map((segment) => segment.text).join(''), segments };
}
