// First-class XML: responses are validated then parsed by fast-xml-parser with DOCTYPEs refused (so no
// declared entity, no expansion, no external entity; the five predefined ones, &amp; &lt; &gt; &quot;
// &apos;, and character references are read as the characters they stand for); request bodies are
// built from a record.
// Element text stays a string: the zod schemas type numbers as the vendor documents them.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true, // safe only because parseXml refuses a DOCTYPE first
  ignoreDeclaration: true,
  trimValues: true,
});

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true });

/** Parses an XML document; throws an Error with one sentence saying why it is not well-formed. */
export function parseXml(text: string): Record<string, unknown> {
  if (text.trim() === '') throw new Error('is empty, not an XML document');
  if (/<!DOCTYPE/i.test(text)) throw new Error('declares a DOCTYPE, which is refused (entity expansion)');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`is not well-formed XML (line ${valid.err.line}: ${valid.err.msg.replace(/\s+/g, ' ')})`);
  return parser.parse(text) as Record<string, unknown>;
}

/** `<?xml ...?>` plus one root element whose children are the record's fields, in order. */
export function buildXml(root: string, fields: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: fields })}`.trimEnd();
}

/**
 * Reads an XPath-like path over a parsed document: `/session/sessionId`, `/a/b[1]/c`, `/a/@id`.
 * Indexes are 0-based, as in the JSON paths.
 */
export function readXmlPath(document: Record<string, unknown>, path: string): { found: true; value: unknown } | { found: false; missing: string } {
  const steps = path.trim().replace(/^\/+/, '').split('/').filter(Boolean);
  if (steps.length === 0) throw new Error(`XML path "${path}" is empty (write it like /session/sessionId)`);
  let value: unknown = document;
  let walked = '';
  for (const raw of steps) {
    const match = /^(@?[\w.:-]+)(?:\[(\d+)\])?$/.exec(raw);
    if (!match) throw new Error(`XML path "${path}" is not understood at "${raw}" (write it like /session/sessionId)`);
    const name = match[1]!;
    walked += `/${raw}`;
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value as object, name)) return { found: false, missing: walked };
    value = (value as Record<string, unknown>)[name];
    if (match[2] !== undefined) {
      const list = Array.isArray(value) ? value : [value];
      if (Number(match[2]) >= list.length) return { found: false, missing: walked };
      value = list[Number(match[2])];
    }
  }
  return { found: true, value: textOf(value) };
}

/** An element holding only text reads as that text; `#text` is fast-xml-parser's key when it has attributes. */
function textOf(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && '#text' in value) return (value as Record<string, unknown>)['#text'];
  return value;
}
