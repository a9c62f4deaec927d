// One Playwright request context per named session ("default" unless a step says "as alice"), each its
// own cookie jar, and the Cookie line the jar adds to a request, for the recorded exchange.
import type { APIRequestContext } from '@playwright/test';
import type { TransportOptions } from '../tls/context-options';

type JarCookie = Awaited<ReturnType<APIRequestContext['storageState']>>['cookies'][number];

export class Sessions {
  private readonly contexts = new Map<string, APIRequestContext>();
  /** Per session, the jar's cookies as last read, for the recorded Cookie line; dropped when an answer sets cookies. */
  private readonly jarSnapshots = new Map<string, JarCookie[]>();
  private currentName = 'default';

  /** `transport`: how this scenario's API is reached (CA, certificate checks, client certificate, proxy: support/tls/). */
  constructor(
    private readonly requestTimeoutMs: number,
    private readonly transport: () => TransportOptions = () => ({}),
  ) {}

  /** The session later requests use, until `actAs` names another. */
  get current(): string {
    return this.currentName;
  }

  actAs(name: string): void {
    this.currentName = name;
  }

  async context(name = this.currentName): Promise<APIRequestContext> {
    let context = this.contexts.get(name);
    if (!context) {
      context = await playwrightRequest().newContext({ timeout: this.requestTimeoutMs, maxRedirects: 0, ...this.transport() });
      this.contexts.set(name, context);
      this.jarSnapshots.set(name, []);
    }
    return context;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.contexts.values()].map((context) => context.dispose()));
    this.contexts.clear();
    this.jarSnapshots.clear();
  }

  /** Names of the cookies the current session's jar holds. */
  async jarCookieNames(): Promise<string[]> {
    return (await (await this.context()).storageState()).cookies.map((cookie) => cookie.name);
  }

  /** The value of one cookie in the current session's jar. */
  async jarCookie(name: string): Promise<string | undefined> {
    return (await (await this.context()).storageState()).cookies.find((cookie) => cookie.name === name)?.value;
  }

  /** The Cookie header the current session's jar adds to a request for this URL (name=value pairs). */
  async cookieLine(context: APIRequestContext, url: string): Promise<string> {
    return cookieLine(await this.jarSnapshot(context), url);
  }

  /** An answer set cookies: the current session's jar is read again before its next recorded request. */
  jarChanged(): void {
    this.jarSnapshots.delete(this.currentName);
  }

  // Reading a jar costs a round trip to Playwright: read once, then only after an answer set cookies.
  private async jarSnapshot(context: APIRequestContext): Promise<JarCookie[]> {
    let cookies = this.jarSnapshots.get(this.currentName);
    if (!cookies) {
      cookies = (await context.storageState()).cookies;
      this.jarSnapshots.set(this.currentName, cookies);
    }
    return cookies;
  }
}

/**
 * Playwright is loaded with the first request context, not with the support code: a --parallel
 * coordinator and a dry run load the support code but never send a request.
 */
function playwrightRequest(): (typeof import('@playwright/test'))['request'] {
  return (require('@playwright/test') as typeof import('@playwright/test')).request;
}

function cookieLine(cookies: JarCookie[], url: string): string {
  if (cookies.length === 0) return '';
  const target = new URL(url);
  return cookies
    .filter((c) => domainMatches(target.hostname, c.domain) && target.pathname.startsWith(c.path))
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
}

/** RFC 6265 domain match: the host itself, or a subdomain of a ".example.com" cookie domain. */
function domainMatches(host: string, domain: string): boolean {
  const bare = domain.replace(/^\./, '');
  return host === bare || host.endsWith(`.${bare}`);
}
