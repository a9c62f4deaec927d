// The items of a collection in a body, and what it means for an item to "be" a text: a JSON array's
// elements, or the XML elements of one name (fast-xml-parser gives one element as an object, several as
// an array: both are a list here, and an element holding only text is that text).
import { readJsonPath } from '../json-path';
import { readXmlPath } from '../xml';

export type Items = { ok: true; items: unknown[] } | { ok: false; missing: string } | { ok: false; notAList: unknown };

/** The JSON array at `path`: a missing path or a value that is not an array is reported, never read as []. */
export function jsonItems(body: unknown, path: string): Items {
  const found = readJsonPath(body, path);
  if (!found.found) return { ok: false, missing: found.missing };
  return Array.isArray(found.value) ? { ok: true, items: found.value } : { ok: false, notAList: found.value };
}

/**
 * The elements at an XPath-like `path`: none when only the last step is missing (an empty list of
 * elements), reported when its parent or the root is missing (a typo must not pass as "no items").
 */
export function xmlItems(document: Record<string, unknown>, path: string): Items {
  const found = readXmlPath(document, path);
  if (!found.found) {
    const parent = path.trim().replace(/\/+$/, '').split('/').slice(0, -1).join('/');
    if (parent.replace(/\//g, '') !== '' && readXmlPath(document, parent).found) return { ok: true, items: [] };
    return { ok: false, missing: found.missing };
  }
  return { ok: true, items: (Array.isArray(found.value) ? found.value : [found.value]).map(textOf) };
}

/** An item equals the expected text when it is that string, or a number, boolean or null written that way. */
export function itemIs(item: unknown, text: string): boolean {
  if (typeof item === 'string') return item === text;
  if (typeof item === 'number' || typeof item === 'boolean' || item === null) return JSON.stringify(item) === text;
  return false;
}

/** A field of an object item: a JSON path ("name", "owner.id") or an XML path ("name", "@id"). */
export function fieldOf(item: unknown, field: string, format: 'json' | 'xml'): { found: true; value: unknown } | { found: false } {
  if (item === null || typeof item !== 'object') return { found: false };
  const found = format === 'json' ? readJsonPath(item, field) : readXmlPath(item as Record<string, unknown>, field);
  return found.found ? { found: true, value: found.value } : { found: false };
}

/** "1 item", "3 items" */
export function items(count: number): string {
  return `${count} item${count === 1 ? '' : 's'}`;
}

function textOf(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && '#text' in value && Object.keys(value).every((key) => key === '#text' || key.startsWith('@'))) {
    return (value as Record<string, unknown>)['#text'];
  }
  return value;
}
