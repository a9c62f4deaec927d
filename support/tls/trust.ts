// Extra CAs for chosen origins. Playwright's APIRequestContext has no CA option (1.65: ignoreHTTPSErrors
// and clientCertificates only), but it runs in this process and calls `https.request(url, options)`
// for each request (through its own https.Agent, or a proxy agent that passes the options on to the
// tunnelled tls.connect). So this wraps `https.request` once and adds `ca` for a registered origin (or
// for every https request, CA_FILE): Node's default store plus NODE_EXTRA_CA_CERTS plus the given PEMs,
// since a `ca` option replaces the default store rather than adding to it.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { rootCertificates } from 'node:tls';

const byOrigin = new Map<string, string[]>();
const everywhere: string[] = [];
let installed = false;
let defaults: string[] | undefined;

/** Node's bundled roots and NODE_EXTRA_CA_CERTS: what an https request trusts without a `ca` option. */
function defaultStore(): string[] {
  if (defaults) return defaults;
  defaults = [...rootCertificates];
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  if (extra) {
    try {
      defaults.push(readFileSync(extra, 'utf8'));
    } catch {
      // Node itself warns at start about an unreadable NODE_EXTRA_CA_CERTS.
    }
  }
  return defaults;
}

function originOf(url: unknown, options: unknown): string | undefined {
  if (url instanceof URL) return url.origin;
  if (typeof url === 'string' && URL.canParse(url)) return new URL(url).origin;
  const o = (typeof url === 'object' && url !== null ? url : options) as { protocol?: string; hostname?: string; host?: string; port?: number | string } | undefined;
  if (!o) return undefined;
  const host = o.hostname ?? o.host;
  if (!host) return undefined;
  const port = o.port && String(o.port) !== '443' ? `:${o.port}` : '';
  return `https://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}${port}`;
}

/** Per origin, the whole list a request there trusts (undefined: nothing extra), made once per trust change, not per request. */
const lists = new Map<string, string[] | undefined>();

function caFor(origin: string): string[] | undefined {
  if (!lists.has(origin)) {
    const extra = [...everywhere, ...(byOrigin.get(origin) ?? [])];
    lists.set(origin, extra.length ? [...defaultStore(), ...extra] : undefined);
  }
  return lists.get(origin);
}

function install(): void {
  if (installed) return;
  installed = true;
  const original = https.request;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    const [url, options] = args;
    const ca = caFor(originOf(url, options) ?? '');
    if (ca) {
      // https.request(url, options, cb) or https.request(options, cb): add `ca` to the options object.
      const at = typeof args[1] === 'object' && args[1] !== null ? 1 : 0;
      const given = args[at] as Record<string, unknown>;
      if (!(given instanceof URL) && given.ca === undefined) args[at] = { ...given, ca };
      else if (given instanceof URL) args.splice(1, 0, { ca });
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  https.request = wrapped as typeof https.request;
}

/** Trusts `pem` (one or more certificates) for requests to `origin` (https://host:port) only. */
export function trustForOrigin(origin: string, pem: string): void {
  install();
  const key = new URL(origin).origin;
  const list = byOrigin.get(key) ?? [];
  if (list.includes(pem)) return;
  list.push(pem);
  byOrigin.set(key, list);
  lists.clear();
}

/** Trusts `pem` for every https request of this process (CA_FILE). */
export function trustEverywhere(pem: string): void {
  install();
  if (everywhere.includes(pem)) return;
  everywhere.push(pem);
  lists.clear();
}
