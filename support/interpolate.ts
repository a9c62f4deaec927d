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

/**
 * `escape` is applied to string values only: a remembered number, boolean or object goes in as its JSON,
 * as written into a JSON body.
 */
export function interpolate(text: string, remembered: ReadonlyMap<string, unknown>, variables: Readonly<Record<string, string>>, escape: Escape = asIs): string {
  return text
    .replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => {
      const value = variables[name];
      if (value === undefined) {
        throw new ConfigurationError(`\${${name}} is not set: set ${name} in .env or the environment (known here: ${Object.keys(variables).sort().join(', ')})`);
      }
      return escape(value);
    })
    .replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (_, name: string) => {
      if (!remembered.has(name)) {
        const known = [...remembered.keys()];
        throw new Error(`Nothing was remembered as "${name}" in this scenario (remembered so far: ${known.length ? known.join(', ') : 'nothing'})`);
      }
      const value = remembered.get(name);
      return typeof value === 'string' ? escape(value) : JSON.stringify(value);
    });
}
