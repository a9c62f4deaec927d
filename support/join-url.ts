/** `<BASE_URL>` + documented path, joined as text (a base URL may carry a path prefix), never resolved. */
export function joinUrl(base: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
