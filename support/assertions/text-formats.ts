// Formats a text value can be checked against ("is a UUID", "is an ISO date", "is base64"): each a test
// and the words a failure sentence uses for it.

export interface TextFormat {
  /** As the step writes it and the sentence says it: "a UUID", "an ISO date", "base64". */
  name: string;
  test(text: string): boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** ISO 8601 calendar date, or date and time (offset optional): the numbers must name a real moment (no 2024-02-30). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, year, month, day, hour = '0', minute = '0', second = '0', offset] = match;
  if (offset && offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4)) > 59)) return false;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  return (
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day) &&
    date.getUTCHours() === Number(hour) &&
    date.getUTCMinutes() === Number(minute) &&
    date.getUTCSeconds() === Number(second)
  );
}

/** RFC 4648 base64 with its padding (what a Basic header or a PEM body holds); "" is not a value. */
export function isBase64(text: string): boolean {
  return text.length > 0 && text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

/** RFC 4648 base64url without padding (what a JWT part holds). A length of 1 mod 4 cannot come from bytes. */
export function isBase64Url(text: string): boolean {
  return text.length > 0 && text.length % 4 !== 1 && /^[A-Za-z0-9_-]+$/.test(text);
}

export const TEXT_FORMATS: TextFormat[] = [
  { name: 'a UUID', test: (text) => UUID.test(text) },
  { name: 'an ISO date', test: isIsoDate },
  // base64url first: the parameter's regexp must not read "base64url" as "base64".
  { name: 'base64url', test: isBase64Url },
  { name: 'base64', test: isBase64 },
];

export const TEXT_FORMAT_PATTERN = new RegExp(TEXT_FORMATS.map((format) => format.name).join('|'));

export function textFormatNamed(name: string): TextFormat {
  const found = TEXT_FORMATS.find((format) => format.name === name);
  if (!found) throw new Error(`"${name}" is not a known text format (known: ${TEXT_FORMATS.map((format) => format.name).join(', ')})`);
  return found;
}
