// Which proxy a target is reached through, as curl and npm decide it: <PREFIX>PROXY for that API (or
// "none"), else https_proxy/HTTPS_PROXY for an https target and http_proxy/HTTP_PROXY for an http one
// (lower case first, as curl reads them), unless NO_PROXY/no_proxy matches the host. An embedded
// emulator (no BASE_URL) is never proxied: a corporate HTTPS_PROXY must not break the default run.
import { MASK } from '../redact';
import { bypassesProxy } from './no-proxy';

export interface ProxyChoice {
  /** scheme://host:port, what Playwright's `proxy.server` takes (credentials apart). */
  server: string;
  username?: string;
  password?: string;
  /** The URL as a sentence or report may show it: credentials masked. */
  shown: string;
  /** The variable it came from (ALM_PROXY, HTTPS_PROXY, https_proxy). */
  from: string;
}

/** The proxy URL's problem as the end of a sentence, or undefined when it is usable. */
export function proxyUrlProblem(value: string): string | undefined {
  const url = parseProxyUrl(value);
  if (!url) return 'must be a proxy URL such as http://proxy.example.com:3128 (or http://user:password@proxy.example.com:3128)';
  if (!/^(https?|socks5?):$/.test(url.protocol)) return `must use http://, https:// or socks5:// (not ${url.protocol}//)`;
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return 'must be only scheme://[user:password@]host:port, with no path, query or fragment';
  if (url.protocol.startsWith('socks') && (url.username || url.password)) return 'is a SOCKS proxy with credentials, which Playwright cannot send: use an HTTP proxy or one without authentication';
  return undefined;
}

/** `proxy.example.com:3128` means http://, as curl reads it. */
function parseProxyUrl(value: string): URL | undefined {
  const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  return URL.canParse(withScheme) ? new URL(withScheme) : undefined;
}

/** The proxy URL with its user name and password masked, for sentences and the report. */
export function maskedProxy(value: string): string {
  const url = parseProxyUrl(value);
  if (!url) return '<not a URL>';
  return `${url.protocol}//${url.username || url.password ? `${MASK}@` : ''}${url.host}`;
}

export function proxyChoice(value: string, from: string): ProxyChoice {
  const url = parseProxyUrl(value)!;
  return {
    server: `${url.protocol}//${url.host}`,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    shown: maskedProxy(value),
    from,
  };
}

/** The first name of `names` set (non-empty) in `env`. */
function firstSet(env: NodeJS.ProcessEnv, names: string[]): string | undefined {
  return names.find((name) => env[name] !== undefined && env[name] !== '');
}

/**
 * The proxy for `baseUrl` (undefined: connect directly), with the variable that chose it. `perApi` is
 * the API's <PREFIX>PROXY variable name: it wins over the environment's proxies and NO_PROXY, and
 * "none" (or "direct") means no proxy for that API.
 */
export function chooseProxy(baseUrl: string | undefined, perApi: string, env: NodeJS.ProcessEnv): { value: string; from: string } | undefined {
  if (baseUrl === undefined) return undefined;
  const own = env[perApi];
  if (own) return /^(none|direct)$/i.test(own) ? undefined : { value: own, from: perApi };
  const url = new URL(baseUrl);
  const names = url.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
  const from = firstSet(env, names);
  if (!from) return undefined;
  const noProxy = env[firstSet(env, ['no_proxy', 'NO_PROXY']) ?? ''];
  if (bypassesProxy(url, noProxy)) return undefined;
  return { value: env[from]!, from };
}
