// What a scenario records of its exchanges: each one as a redacted Allure attachment when the profile
// has reporters; none in the quiet profile, where an exchange is only read (so that the redactor learns
// the secrets it carries: a token in a body, a cookie) once something is about to be written. Each
// attachment ends with the request as a curl command (support/curl.ts), its values as ${VARIABLE}s.
import { attachment } from 'allure-js-commons';
import { curlCommand } from '../curl';
import { describeExchange, exchangeTitle, headerValues, type Exchange } from '../exchange';
import type { Redactor } from '../redact';

export class Recorder {
  /** Exchanges the redactor has not read yet: without recording none is read as it happens. */
  private readonly unread: Exchange[] = [];
  /** Per session and cookie name, the exchange whose answer set it last: what a curl line's cookie variable is. */
  private readonly cookieSetters = new Map<string, string>();

  /** `recording` is false in profiles without reporters (worldParameters.record): no attachments. */
  constructor(
    readonly recording: boolean,
    private readonly scrubber: Redactor,
  ) {}

  /** The scenario's one redactor, once it has read every exchange so far: a later sentence may cite their secrets. */
  get redactor(): Redactor {
    for (const exchange of this.unread.splice(0)) describeExchange(exchange, this.scrubber);
    return this.scrubber;
  }

  async record(exchange: Exchange): Promise<void> {
    if (!this.recording) {
      this.unread.push(exchange);
      return;
    }
    const text = describeExchange(exchange, this.redactor);
    const curl = curlCommand(exchange, this.redactor, (cookie) => this.cookieSetters.get(`${exchange.session}\n${cookie}`));
    this.sawCookies(exchange);
    await attachment(this.redactor.text(exchangeTitle(exchange)), `${text}\n\n${curl}`, { contentType: 'text/plain', fileExtension: 'txt' });
  }

  private sawCookies(exchange: Exchange): void {
    for (const cookie of headerValues(exchange.response?.headers ?? [], 'set-cookie')) {
      const name = cookie.slice(0, Math.max(0, cookie.split(';', 1)[0]!.indexOf('='))).trim();
      if (name) this.cookieSetters.set(`${exchange.session}\n${name}`, `the answer to ${exchangeTitle(exchange)}`);
    }
  }

  /** A text a step measured or summarised, redacted like an exchange. */
  async note(title: string, text: string): Promise<void> {
    if (!this.recording) return;
    await attachment(this.redactor.text(title), this.redactor.text(text), { contentType: 'text/plain', fileExtension: 'txt' });
  }
}
