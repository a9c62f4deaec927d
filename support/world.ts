// The World does the work; steps stay one to three lines. Per scenario it owns one Playwright request
// context per named session (each its own cookie jar; "default" unless a step says "as alice"), the
// request being prepared, the last exchange (body read once), remembered values and the redactor.
// Nothing here is module-global, so scenarios and parallel workers never share a cookie.
import { World, setWorldConstructor, type IWorldOptions } from '@cucumber/cucumber';
import type { APIRequestContext } from '@playwright/test';
import { attachment } from 'allure-js-commons';
import { CONTRACT, type ApiId, type ApiTarget } from './config';
import { ExpectationError, TargetError, classifyTransportError } from './errors';
import { describeExchange, exchangeTitle, headerValues, type Exchange, type ReceivedResponse } from './exchange';
import { interpolate, type Escape } from './interpolate';
import { Redactor, type HeaderLine } from './redact';
import { baseUrlOf, config, configurationVariables, credentialsRedactor } from './runtime';
import { joinUrl } from './join-url';
import { parseXml } from './xml';

export interface OutgoingBody {
  text: string;
  contentType?: string;
}

export class ApiWorld extends World {
  /** The API this scenario targets: the folder of its feature (features/<api>/...). */
  api: ApiId | undefined;
  private readonly scrubber = credentialsRedactor.clone();
  /** Exchanges the redactor has not read yet: without recording (the quiet profile) none is read as it happens. */
  private readonly unread: Exchange[] = [];
  readonly remembered = new Map<string, unknown>();
  private readonly sessions = new Map<string, APIRequestContext>();
  /** Per session, the jar's cookies as last read, for the recorded Cookie line; dropped when an answer sets cookies. */
  private readonly jarSnapshots = new Map<string, JarCookie[]>();
  private sessionName = 'default';
  private pendingHeaders: HeaderLine[] = [];
  private pendingBody: OutgoingBody | undefined;
  private lastExchange: Exchange | undefined;
  /** False in profiles without reporters (worldParameters.record): no attachments, no jar snapshot per request. */
  readonly recording: boolean;

  constructor(options: IWorldOptions) {
    super(options);
    this.recording = (options.parameters as { record?: boolean } | undefined)?.record !== false;
  }

  /**
   * The scenario's one redactor, once it has read every exchange so far: it learns the secrets an exchange
   * carries (a token in a body, a cookie) by reading it, and a later sentence may cite them.
   */
  get redactor(): Redactor {
    for (const exchange of this.unread.splice(0)) describeExchange(exchange, this.scrubber);
    return this.scrubber;
  }

  get target(): ApiTarget {
    if (!this.api) throw new Error('This feature is not under features/<api>/, so no API (and no base URL) is known for it');
    return config.targets[this.api];
  }

  /** Replaces {{remembered}} and ${CONFIG} in a step argument; `escape` writes them into a body's format. */
  expand(text: string, escape?: Escape): string {
    return interpolate(text, this.remembered, configurationVariables(), escape);
  }

  remember(name: string, value: unknown, options: { secret?: boolean } = {}): void {
    if (options.secret && typeof value === 'string') this.redactor.remember(value);
    this.remembered.set(name, value);
  }

  /** Remembers a value computed from `source`: secret when the source carried a secret. */
  rememberDerived(name: string, value: string, source: string): void {
    this.remember(name, value, { secret: this.redactor.text(source) !== source });
  }

  /** Later requests (until another `actAs`) use this named session, with its own cookie jar. */
  actAs(name: string): void {
    this.sessionName = name;
  }

  async context(name = this.sessionName): Promise<APIRequestContext> {
    let context = this.sessions.get(name);
    if (!context) {
      context = await playwrightRequest().newContext({ timeout: config.requestTimeoutMs, maxRedirects: 0 });
      this.sessions.set(name, context);
      this.jarSnapshots.set(name, []);
    }
    return context;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((context) => context.dispose()));
    this.sessions.clear();
    this.jarSnapshots.clear();
  }

  addHeader(name: string, value: string): void {
    this.pendingHeaders.push({ name, value: this.expand(value) });
  }

  setBasicAuth(user: string, password: string): void {
    const encoded = Buffer.from(`${this.expand(user)}:${this.expand(password)}`).toString('base64');
    this.addHeader('Authorization', `Basic ${encoded}`);
  }

  /** The next request's body, sent as given: steps expand their parts first, each escaped for its place. */
  setBody(text: string, contentType?: string): void {
    this.pendingBody = { text, contentType };
  }

  /** Sends the prepared request; transport failures become one sentence (never Playwright's call log). */
  async send(method: string, path: string): Promise<Exchange> {
    const url = joinUrl(baseUrlOf(this.target), this.expand(path));
    const headers = this.pendingHeaders;
    const body = this.pendingBody;
    this.pendingHeaders = [];
    this.pendingBody = undefined;
    if (body?.contentType && !headers.some((h) => h.name.toLowerCase() === 'content-type')) {
      headers.push({ name: 'Content-Type', value: body.contentType });
    }
    const context = await this.context();
    const jarCookies = this.recording ? cookieLine(await this.jarSnapshot(context), url) : '';
    const started = Date.now();
    const exchange: Exchange = {
      session: this.sessionName,
      request: { method, url, headers, jarCookies, body: body?.text },
      durationMs: 0,
    };
    try {
      const response = await context.fetch(url, {
        method,
        headers: Object.fromEntries(headers.map((h) => [h.name, h.value])),
        data: body?.text,
        failOnStatusCode: false,
        maxRedirects: 0,
      });
      const raw = await response.body();
      exchange.response = {
        status: response.status(),
        statusText: response.statusText(),
        headers: response.headersArray(),
        body: raw,
        text: raw.toString('utf8'),
      };
      if (headerValues(exchange.response.headers, 'set-cookie').length) this.jarSnapshots.delete(this.sessionName);
    } catch (error) {
      exchange.error = classifyTransportError(error).what;
      exchange.durationMs = Date.now() - started;
      this.lastExchange = exchange;
      await this.record(exchange);
      throw this.targetError(method, url, error, exchange);
    }
    exchange.durationMs = Date.now() - started;
    this.lastExchange = exchange;
    await this.record(exchange);
    return exchange;
  }

  get exchange(): Exchange {
    if (!this.lastExchange) throw new Error('No request has been sent yet in this scenario: a When step must send one before a Then step can check the answer');
    return this.lastExchange;
  }

  get response(): ReceivedResponse {
    const { response } = this.exchange;
    if (!response) throw new Error(`The last request got no answer (${this.exchange.error}), so there is no response to check`);
    return response;
  }

  header(name: string): string | undefined {
    const values = headerValues(this.response.headers, name);
    return values.length ? values.join(', ') : undefined;
  }

  /** Names of the cookies the current session's jar holds. */
  async jarCookieNames(): Promise<string[]> {
    return (await (await this.context()).storageState()).cookies.map((cookie) => cookie.name);
  }

  /** The value of one cookie in the current session's jar. */
  async jarCookie(name: string): Promise<string | undefined> {
    return (await (await this.context()).storageState()).cookies.find((cookie) => cookie.name === name)?.value;
  }

  private async jarSnapshot(context: APIRequestContext): Promise<JarCookie[]> {
    let cookies = this.jarSnapshots.get(this.sessionName);
    if (!cookies) {
      cookies = (await context.storageState()).cookies;
      this.jarSnapshots.set(this.sessionName, cookies);
    }
    return cookies;
  }

  setCookies(): string[] {
    return headerValues(this.response.headers, 'set-cookie');
  }

  /** The response body as JSON; a body that is not JSON fails the step with one sentence. */
  json(): unknown {
    const { text } = this.response;
    try {
      return JSON.parse(text);
    } catch {
      const type = this.header('content-type') ?? 'no Content-Type';
      // Redact before cutting: a secret straddling the cut would otherwise show its first characters.
      const preview = this.redactor.text(text).slice(0, 4096).replace(/\s+/g, ' ');
      const shown = text.trim() === '' ? 'an empty body' : `"${preview.slice(0, 80)}${preview.length > 80 || text.length > 4096 ? '…' : ''}"`;
      return this.fail(`Expected a JSON body from ${this.describeRequest()}, but got ${shown} (${type})`);
    }
  }

  /** The response body parsed as XML; malformed, truncated or empty XML fails the step with one sentence. */
  xml(): Record<string, unknown> {
    try {
      return parseXml(this.response.text);
    } catch (error) {
      return this.fail(`Expected an XML body from ${this.describeRequest()}, but the body ${(error as Error).message}`);
    }
  }

  /** Fails unless the last answer has this status; `what` says what the status means to the step. */
  expectStatus(expected: number, what = `status ${expected}`): void {
    const { status } = this.response;
    if (status !== expected) this.fail(`Expected ${what} from ${this.describeRequest()}, but got ${status}`);
  }

  describeRequest(): string {
    const { method, url } = this.exchange.request;
    return `${method} ${this.redactor.text(url)}`;
  }

  /** Fails the step: what was expected, what came, then the redacted exchange. */
  fail(sentence: string): never {
    const detail = this.lastExchange ? `\n\n${describeExchange(this.lastExchange, this.redactor)}` : '';
    throw new ExpectationError(this.redactor.text(sentence) + detail);
  }

  /** The sentence first, then the redacted exchange (what was sent, and that no answer came). */
  private targetError(method: string, url: string, error: unknown, exchange: Exchange): TargetError {
    const { kind, what } = classifyTransportError(error);
    const api = this.target;
    const source = api.baseUrl === undefined ? `its embedded emulator` : `${CONTRACT[api.id].prefix}BASE_URL`;
    const advice =
      kind === 'timeout'
        ? `check that the server at ${source} is up, or raise REQUEST_TIMEOUT_MS (now ${config.requestTimeoutMs} ms)`
        : kind === 'dns' || kind === 'refused'
          ? `check ${source} and that the server is running and reachable from here`
          : `check ${source} and the network between here and the server`;
    const detail = describeExchange(exchange, this.redactor); // first: it learns what the request carried
    const sentence = this.redactor.text(`Cannot reach ${api.id} (${api.product}): ${method} ${url}: ${what}; ${advice}.`);
    return new TargetError(`${sentence}\n\n${detail}`, kind);
  }

  private async record(exchange: Exchange): Promise<void> {
    if (!this.recording) {
      this.unread.push(exchange);
      return;
    }
    const text = describeExchange(exchange, this.redactor);
    await attachment(this.redactor.text(exchangeTitle(exchange)), text, { contentType: 'text/plain', fileExtension: 'txt' });
  }
}

type JarCookie = Awaited<ReturnType<APIRequestContext['storageState']>>['cookies'][number];

/**
 * Playwright is loaded with the first request context, not with the support code: a --parallel
 * coordinator and a dry run load the support code but never send a request.
 */
function playwrightRequest(): (typeof import('@playwright/test'))['request'] {
  return (require('@playwright/test') as typeof import('@playwright/test')).request;
}

/** The Cookie header the jar adds to a request for this URL (name=value pairs). */
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

setWorldConstructor(ApiWorld);
