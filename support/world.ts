// The World does the work; steps stay one to three lines. Per scenario it owns its sessions (one
// Playwright request context and cookie jar each: world/sessions.ts), the request being prepared, the
// last exchange (body read once), remembered values, and the recorder with the redactor
// (world/recorder.ts); failing steps speak the sentences of world/failures.ts. Steps reach the
// configuration and the emulator only through it. Nothing here is module-global, so scenarios and
// parallel workers never share a cookie.
import { World, setWorldConstructor, type IWorldOptions } from '@cucumber/cucumber';
import type { APIRequestContext } from '@playwright/test';
import type { ApiId, ApiTarget } from './config';
import { classifyTransportError, type ExpectationCategory } from './errors';
import { headerValues, type Exchange, type ReceivedResponse } from './exchange';
import { interpolateTraced, type Escape } from './interpolate';
import type { HeaderLine, Redactor } from './redact';
import { baseUrlOf, config, configurationVariables, credentialsRedactor, emulatorOf } from './runtime';
import { joinUrl } from './join-url';
import { parseXml } from './xml';
import { citedBody, expectationFailure, notJsonSentence, notXmlSentence, requestLine, unreachableError, wrongStatusSentence } from './world/failures';
import { bodyTooLargeError, cutLine, watchBody } from './world/body-limit';
import { Provenance } from './world/provenance';
import { Recorder } from './world/recorder';
import { Sessions } from './world/sessions';
import { transportOptions } from './tls/context-options';
import { rejectProxyAuthentication } from './tls/failures';
import type { ScenarioShapes } from './shapes/collect';

export interface OutgoingBody {
  text: string;
  contentType?: string;
}

export class ApiWorld extends World {
  /** The API this scenario targets: the folder of its feature (features/<api>/...). */
  api: ApiId | undefined;
  readonly remembered = new Map<string, unknown>();
  private readonly sessions = new Sessions(config.requestTimeoutMs, () => (this.api ? transportOptions(this.target, baseUrlOf(this.target), config) : {}));
  private readonly recorder: Recorder;
  /** Where each value of the request being prepared came from, for its curl line (world/provenance.ts). */
  private readonly provenance: Provenance;
  private pendingHeaders: HeaderLine[] = [];
  private pendingBody: OutgoingBody | undefined;
  private lastExchange: Exchange | undefined;
  /** The shapes of this scenario's exchanges (support/shapes/) when the run records; set by the Before hook. */
  shapes: ScenarioShapes | undefined;
  /** The last request's path as its step wrote it, {{names}} unexpanded: its shape's path (a resend keeps it). */
  private documentedPath = '';

  constructor(options: IWorldOptions) {
    super(options);
    const recording = (options.parameters as { record?: boolean } | undefined)?.record !== false;
    this.recorder = new Recorder(recording, credentialsRedactor.clone());
    this.provenance = new Provenance(recording);
  }

  /** False in profiles without reporters (worldParameters.record): no attachments, no jar snapshot per request. */
  get recording(): boolean {
    return this.recorder.recording;
  }

  /** The scenario's one redactor, once it has read every exchange so far (a later sentence may cite their secrets). */
  get redactor(): Redactor {
    return this.recorder.redactor;
  }

  get target(): ApiTarget {
    if (!this.api) throw new Error('This feature is not under features/<api>/, so no API (and no base URL) is known for it');
    return config.targets[this.api];
  }

  /** A configuration value a step may cite as ${name}; undefined when the configuration lacks it. */
  variable(name: string): string | undefined {
    const value = configurationVariables()[name];
    this.provenance.lookedUp(name, value);
    return value;
  }

  /** The emulator this scenario's API runs on, or undefined against a real target. */
  get emulator(): ReturnType<typeof emulatorOf> {
    return this.api ? emulatorOf(this.api) : undefined;
  }

  /** Replaces {{remembered}} and ${CONFIG} in a step argument; `escape` writes them into a body's format. */
  expand(text: string, escape?: Escape): string {
    return this.provenance.expanded(interpolateTraced(text, this.remembered, configurationVariables(), escape));
  }

  remember(name: string, value: unknown, options: { secret?: boolean } = {}): void {
    if (options.secret && typeof value === 'string') this.redactor.remember(value);
    this.remembered.set(name, value);
    this.provenance.remembered(name, value, this.lastExchange);
  }

  /** Remembers a value computed from `source`: secret when the source carried a secret. */
  rememberDerived(name: string, value: string, source: string): void {
    this.provenance.derive();
    this.remember(name, value, { secret: this.redactor.text(source) !== source });
  }

  /** Later requests (until another `actAs`) use this named session, with its own cookie jar. */
  actAs(name: string): void {
    this.sessions.actAs(name);
  }

  async context(name?: string): Promise<APIRequestContext> {
    return this.sessions.context(name);
  }

  async dispose(): Promise<void> {
    await this.sessions.dispose();
  }

  addHeader(name: string, value: string): void {
    this.pendingHeaders.push({ name, value: this.expand(value) });
    this.provenance.header(this.pendingHeaders.at(-1)!);
  }

  setBasicAuth(user: string, password: string): void {
    const encoded = Buffer.from(`${this.expand(user)}:${this.expand(password)}`).toString('base64');
    this.addHeader('Authorization', `Basic ${encoded}`);
    this.provenance.basicAuth(this.pendingHeaders.at(-1)!);
  }

  /** The next request's body, sent as given: steps expand their parts first, each escaped for its place. */
  setBody(text: string, contentType?: string): void {
    this.pendingBody = { text, contentType };
  }

  /** Sends the prepared request; transport failures become one sentence (never Playwright's call log). */
  async send(method: string, path: string): Promise<Exchange> {
    this.documentedPath = path;
    return this.sendTo(method, joinUrl(baseUrlOf(this.target), this.expand(path)));
  }

  /** Sends the last request again as it went (its values expanded once, never twice), in the current session. */
  async resend(): Promise<Exchange> {
    const { method, url, headers, body } = this.exchange.request;
    this.pendingHeaders = headers.map((header) => ({ ...header }));
    this.pendingBody = body === undefined ? undefined : { text: body };
    return this.sendTo(method, url);
  }

  /** What a step measured besides the exchanges (response times), attached to the report; nothing in the quiet profile. */
  async note(title: string, text: string): Promise<void> {
    await this.recorder.note(title, text);
  }

  private async sendTo(method: string, url: string): Promise<Exchange> {
    const headers = this.pendingHeaders;
    const body = this.pendingBody;
    this.pendingHeaders = [];
    this.pendingBody = undefined;
    if (body?.contentType && !headers.some((h) => h.name.toLowerCase() === 'content-type')) {
      headers.push({ name: 'Content-Type', value: body.contentType });
    }
    const context = await this.context();
    const jarCookies = this.recording ? await this.sessions.cookieLine(context, url) : '';
    const started = Date.now();
    const exchange: Exchange = {
      session: this.sessions.current,
      request: { method, url, headers, jarCookies, body: body?.text, provenance: this.provenance.request(url, headers, this.target, body?.text) },
      durationMs: 0,
    };
    const bodyWatch = watchBody(method, url, config.maxBodyBytes); // MAX_BODY_BYTES: Playwright itself has no bound
    try {
      const response = await context.fetch(url, {
        method,
        headers: Object.fromEntries(headers.map((h) => [h.name, h.value])),
        data: body?.text,
        failOnStatusCode: false,
        maxRedirects: 0,
      });
      rejectProxyAuthentication(this.target.transport, response.status()); // a proxy's 407 is no answer of the target
      const raw = await response.body();
      await bodyWatch.check();
      exchange.response = {
        status: response.status(),
        statusText: response.statusText(),
        headers: response.headersArray(),
        body: raw,
        text: raw.toString('utf8'),
      };
      if (headerValues(exchange.response.headers, 'set-cookie').length) this.sessions.jarChanged();
    } catch (error) {
      const { cut } = bodyWatch;
      exchange.error = cut ? cutLine(cut) : classifyTransportError(error, this.target.transport, url).what;
      exchange.durationMs = Date.now() - started;
      this.lastExchange = exchange;
      this.shapes?.add(exchange, this.documentedPath);
      await this.recorder.record(exchange);
      if (cut) throw bodyTooLargeError(this.target, method, url, cut, exchange, this.redactor);
      throw unreachableError(this.target, config.requestTimeoutMs, method, url, error, exchange, this.redactor);
    } finally {
      bodyWatch.stop();
    }
    exchange.durationMs = Date.now() - started;
    this.lastExchange = exchange;
    this.shapes?.add(exchange, this.documentedPath);
    await this.recorder.record(exchange);
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
    return this.sessions.jarCookieNames();
  }

  /** The value of one cookie in the current session's jar. */
  async jarCookie(name: string): Promise<string | undefined> {
    return this.sessions.jarCookie(name);
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
      const type = this.header('content-type');
      const shown = citedBody(text, this.redactor);
      return this.fail(notJsonSentence(this.describeRequest(), shown, type), 'bad-body');
    }
  }

  /** The response body parsed as XML; malformed, truncated or empty XML fails the step with one sentence. */
  xml(): Record<string, unknown> {
    try {
      return parseXml(this.response.text);
    } catch (error) {
      return this.fail(notXmlSentence(this.describeRequest(), (error as Error).message), 'bad-body');
    }
  }

  /** Fails unless the last answer has this status; `what` says what the status means to the step. */
  expectStatus(expected: number, what = `status ${expected}`): void {
    const { status } = this.response;
    if (status !== expected) this.fail(wrongStatusSentence(what, this.describeRequest(), status), 'wrong-status');
  }

  describeRequest(): string {
    return requestLine(this.exchange, this.redactor);
  }

  /** Fails the step: what was expected, what came, then the redacted exchange; `category` sorts it in the report. */
  fail(sentence: string, category: ExpectationCategory = 'behaviour'): never {
    throw expectationFailure(sentence, category, this.redactor, this.lastExchange);
  }
}

setWorldConstructor(ApiWorld);
