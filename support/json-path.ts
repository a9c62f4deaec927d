// A small JSONPath subset that reads like the vendor documents: `$.user.name`, `$.versions[0].id`,
// `$['x-y']`, `user.name` (the `$.` is optional). Missing steps are reported, not thrown past.

export type PathStep = string | number;

export function parseJsonPath(path: string): PathStep[] {
  const source = path.trim().replace(/^\$\.?/, '');
  const steps: PathStep[] = [];
  const token = /\.?([A-Za-z_$@-][\w$@-]*)|\[(\d+)\]|\[['"]([^'"]+)['"]\]/y;
  let index = 0;
  while (index < source.length) {
    token.lastIndex = index;
    const match = token.exec(source);
    if (!match) throw new Error(`JSON path "${path}" is not understood at "${source.slice(index)}" (write it like $.user.name or $.items[0].id)`);
    steps.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : match[3]!));
    index = token.lastIndex;
  }
  return steps;
}

export type Lookup = { found: true; value: unknown } | { found: false; missing: string };

export function readJsonPath(root: unknown, path: string): Lookup {
  let value = root;
  let walked = '$';
  for (const step of parseJsonPath(path)) {
    const next = typeof step === 'number' ? `${walked}[${step}]` : `${walked}.${step}`;
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value as object, step)) {
      return { found: false, missing: next };
    }
    value = (value as Record<string | number, unknown>)[step];
    walked = next;
  }
  return { found: true, value };
}

/** JSON-ish type name of a value, as QA writes it in a step: string, number, integer, boolean, null, array, object. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
