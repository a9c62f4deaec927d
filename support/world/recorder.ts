// What a scenario records of its exchanges: each one as a redacted Allure attachment when the profile
// has reporters; none in the quiet profile, where an exchange is only read (so that the redactor learns
// the secrets it carries: a token in a body, a cookie) once something is about to be written.
import { attachment } from 'allure-js-commons';
import { describeExchange, exchangeTitle, type Exchange } from '../exchange';
import type { Redactor } from '../redact';

export class Recorder {
  /** Exchanges the redactor has not read yet: without recording none is read as it happens. */
  private readonly unread: Exchange[] = [];

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
    await attachment(this.redactor.text(exchangeTitle(exchange)), text, { contentType: 'text/plain', fileExtension: 'txt' });
  }
}
