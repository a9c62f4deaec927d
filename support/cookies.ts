// Reads Set-Cookie lines the way a browser would, so steps can check names, values and attributes
// (Path, HttpOnly, Secure) that a cookie jar hides.

export interface SetCookie {
  name: string;
  value: string;
  /** Lower-cased attribute name → value: path, domain, expires, max-age, samesite. */
  attributes: Map<string, string>;
  /** Lower-cased valueless attributes: httponly, secure. */
  flags: Set<string>;
  /** True when the line deletes the cookie (Max-Age ≤ 0 or an Expires in the past). */
  expiresSession: boolean;
}

export function parseSetCookie(line: string): SetCookie {
  const [pair = '', ...parts] = line.split(';');
  const eq = pair.indexOf('=');
  const attributes = new Map<string, string>();
  const flags = new Set<string>();
  for (const part of parts) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const at = trimmed.indexOf('=');
    if (at < 0) flags.add(trimmed.toLowerCase());
    else attributes.set(trimmed.slice(0, at).trim().toLowerCase(), trimmed.slice(at + 1).trim());
  }
  const maxAge = attributes.get('max-age');
  const expires = attributes.get('expires');
  const expiresSession = (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) < Date.now());
  let value = eq < 0 ? '' : pair.slice(eq + 1).trim();
  if (value === '""') value = '';
  return { name: (eq < 0 ? pair : pair.slice(0, eq)).trim(), value, attributes, flags, expiresSession };
}
