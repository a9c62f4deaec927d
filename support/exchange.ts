// One HTTP exchange as recorded for the World and the report: what was sent, what came back (body read
// once), how long it took. `describeExchange` renders it like a Postman console, always redacted.
import type { HeaderLine, Redactor } from './redact';
import type { RequestProvenance } from './world/provenance';
import { parseXml } from './xml';

export interface SentRequest {
  method: string;
  url: string;
  headers: HeaderLine[];
  /** Cookies the session's jar added (name=value pairs), shown as the Cookie header. */
  jarCookies: string;
  body: string | undefined;
  /** Which `${VAR}` or `{{name}}` produced which part, for the curl line (kept only when recording). */
  provenance?: RequestProvenance;
}

export interface ReceivedResponse {
  status: number;
  statusText: string;
  headers: HeaderLine[];
  body: Buffer;
  text: string;
}

export interface Exchange {
  session: string;
  request: SentRequest;
  response?: ReceivedResponse;
  /** The transport failure, when no response came. */
  error?: string;
  durationMs: number;
}

/** `POST /qcbin/rest/oauth2/login → 401`: the human name of an exchange. */
export function exchangeTitle(exchange: Exchange): string {
  const path = URL.canParse(exchange.request.url) ? new URL(exchange.request.url).pathname + new URL(exchange.request.url).search : exchange.request.url;
  const outcome = exchange.response ? String(exchange.response.status) : 'no answer';
  return `${exchange.request.method} ${path} → ${outcome}`;
}

export function headerValues(lines: HeaderLine[], name: string): string[] {
  return lines.filter((line) => line.name.toLowerCase() === name.toLowerCase()).map((line) => line.value);
}

export function describeExchange(exchange: Exchange, redactor: Redactor): string {
  const { request, response } = exchange;
  const requestHeaders = [...request.headers];
  if (request.jarCookies) requestHeaders.push({ name: 'Cookie', value: request.jarCookies });
  const requestType = headerValues(request.headers, 'content-type')[0] ?? '';
  const lines = [
    `${request.method} ${redactor.text(request.url)}${exchange.session === 'default' ? '' : `   (session "${exchange.session}")`}`,
    ...redactor.headers(requestHeaders).map(({ name, value }) => `${name}: ${value}`),
    '',
    request.body === undefined ? '(no body)' : shorten(redactor.body(pretty(request.body, requestType), requestType)),
    '',
  ];
  if (response) {
    const type = headerValues(response.headers, 'content-type')[0] ?? '';
    lines.push(
      `← ${response.status} ${response.statusText}   (${exchange.durationMs} ms)`,
      ...redactor.headers(response.headers).map(({ name, value }) => `${name}: ${value}`),
      '',
      response.text === '' ? '(empty body)' : shorten(redactor.body(pretty(response.text, type), type)),
    );
  } else {
    lines.push(`← no answer after ${exchange.durationMs} ms: ${redactor.text(exchange.error ?? 'unknown error')}`);
  }
  return lines.join('\n');
}

/** Bodies are shown up to 64 KiB: a report is for reading, and a 2 MB error page helps nobody there. */
const SHOWN_BODY = 64 * 1024;

function shorten(text: string): string {
  return text.length <= SHOWN_BODY ? text : `${text.slice(0, SHOWN_BODY)}\n… (${text.length - SHOWN_BODY} more characters not shown)`;
}

/** Pretty JSON or XML when the text parses as such; the text unchanged otherwise (never throws). */
function pretty(text: string, contentType: string): string {
  const trimmed = text.trim();
  if (/json/i.test(contentType) || /^[[{]/.test(trimmed)) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }
  if (/xml/i.test(contentType) || trimmed.startsWith('<')) {
    try {
      parseXml(text);
      return text.replace(/>\s*</g, '>\n<').trim();
    } catch {
      return text;
    }
  }
  return text;
}
