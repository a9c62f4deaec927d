// Runs the bad-input corpus over real sockets against every emulator hosted in this process, with slow
// clients dribbling at the same time, and judges every answer: a 2xx only for harmless input, otherwise a
// documented 4xx; never a 5xx or a dropped connection; a body well-formed for its Content-Type; under
// 1 s; the valid baseline still served afterwards; heap and RSS growth under a stated bound.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { API_IDS, loadConfig, type ApiId } from '../config';
import { emulatorFor } from '../emulators';
import type { FaultSwitch } from '../emulators/faults';
import { hostEmulator, type HostOptions } from '../emulators/host';
import { parseXml } from '../xml';
import { corpusFor, withHeader, type Mutation } from './corpus';
import { allEndpoints } from './all-endpoints';
import type { Endpoint } from './endpoints';
import { send, serialise, type SendOptions, type WireAnswer, type WireOutcome, type WireRequest } from './wire';

/** The 4xx codes the APIs document (token-login's 402 and 498 included). */
export const DOCUMENTED_4XX = [400, 401, 402, 403, 404, 405, 413, 415, 498];
/** Per API, the further 4xx its emulator documents: SDM's 406 for an Accept it cannot serve. */
export const API_4XX: Partial<Record<ApiId, number[]>> = { sdm: [406] };
/** Every request, a slow client's included, is answered within this long (see slowClients). */
export const SLOW_MS = 1_000;
/** Heap growth (after GC) per pass, and RSS growth once warm (second pass): a leak would pass them. */
export const MEMORY_BOUND_MB = 64;
/** The first pass's RSS rise: the allocator keeps the peak of the 1–5 MB bodies in flight on five emulators. */
export const FIRST_PASS_RSS_BOUND_MB = 192;

export type Verdict = 'ok' | 'crash' | 'unexpected-status' | 'malformed-body' | 'slow';

export interface Finding {
  api: ApiId;
  endpoint: string;
  input: string;
  verdict: Exclude<Verdict, 'ok'>;
  detail: string;
}

export interface EndpointSummary {
  api: ApiId;
  endpoint: string;
  inputs: number;
  statuses: Record<string, number>;
  slowestMs: number;
  slowestInput: string;
  baselineAfter: 'served' | string;
}

export interface SlowClientResult {
  api: ApiId;
  kind: string;
  /** The same bytes sent at once: when a well-behaved client had its answer. */
  wellBehavedMs: number;
  cutAfterMs: number;
  answer: string;
  ok: boolean;
}

export interface CorpusResult {
  inputsTried: number;
  crashes: number;
  unexpectedStatuses: number;
  malformedBodies: number;
  slowRequests: number;
  /** Requests answered while slow clients were still connected to the same emulator. */
  answeredDuringSlowClients: number;
  slowClients: SlowClientResult[];
  endpoints: EndpointSummary[];
  findings: Finding[];
  memory: { passes: Array<{ heapGrowthMb: number; rssGrowthMb: number }>; boundMb: number; firstPassRssBoundMb: number; withinBounds: boolean };
  prototypeClean: boolean;
  /** The longest any request took, slow clients included. */
  slowestMs: number;
  /** The longest the event loop (shared by the five hosts and the clients) was blocked: eats into SLOW_MS. */
  eventLoopDelayMaxMs: number;
  durationMs: number;
}

const gc = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

function memory(): { heap: number; rss: number } {
  gc();
  gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
}

function headerOf(answer: WireAnswer, name: string): string | undefined {
  return answer.headers.find(([n]) => n === name)?.[1];
}

/** token-login in "body" mode answers HTTP 200 with the code in the JSON body: that code is the status. */
function effectiveStatus(api: ApiId, answer: WireAnswer): number {
  if (api !== 'token-login' || answer.status !== 200) return answer.status;
  try {
    const code = (JSON.parse(answer.body.toString('utf8')) as { code?: unknown }).code;
    return Number.isInteger(code) ? Number(code) : answer.status;
  } catch {
    return answer.status;
  }
}

function bodyProblem(endpoint: Endpoint, answer: WireAnswer, head: boolean): string | undefined {
  const type = headerOf(answer, 'content-type');
  if (head || answer.status === 204) return answer.body.length ? `${head ? 'HEAD' : '204'} answer with a ${answer.body.length}-byte body` : undefined;
  if (answer.body.length === 0) {
    return endpoint.emptyStatuses.includes(answer.status) && answer.status < 300 ? undefined : `empty body with status ${answer.status} (${type ?? 'no Content-Type'})`;
  }
  const text = answer.body.toString('utf8');
  if (type === undefined) return `a ${answer.body.length}-byte body without Content-Type`;
  if (/[/+]json\b/i.test(type)) {
    try {
      JSON.parse(text);
      return undefined;
    } catch {
      return `body labelled ${type} is not JSON: ${JSON.stringify(text.slice(0, 80))}`;
    }
  }
  if (/[/+]xml\b/i.test(type)) {
    try {
      parseXml(text);
      return undefined;
    } catch (error) {
      return `body labelled ${type} ${(error as Error).message}`;
    }
  }
  if (/text\/html/i.test(type)) return /^\s*(<!doctype html|<html)[\s>]/i.test(text) && /<\/?(title|h1|p|body)[\s>]/i.test(text) ? undefined : `body labelled ${type} does not look like HTML`;
  return `unexpected Content-Type ${type}`;
}

/** The verdicts of one outcome (several when several things are wrong), with a detail each. */
export function judge(endpoint: Endpoint, mutation: Pick<Mutation, 'mayPass' | 'expect' | 'clientAborts'>, outcome: WireOutcome, heads: boolean[], expected = 1): Array<[Exclude<Verdict, 'ok'>, string]> {
  const verdicts: Array<[Exclude<Verdict, 'ok'>, string]> = [];
  if (outcome.dropped && !mutation.clientAborts) verdicts.push(['crash', `dropped connection: ${outcome.dropped}`]);
  if (outcome.ms > SLOW_MS) verdicts.push(['slow', `took ${Math.round(outcome.ms)} ms`]);
  outcome.answers.slice(0, expected).forEach((answer, index) => {
    const status = effectiveStatus(endpoint.api, answer);
    const allowed = mutation.expect ?? [...DOCUMENTED_4XX, ...(API_4XX[endpoint.api] ?? [])];
    if (!(status >= 200 && status < 600)) verdicts.push(['crash', `no valid status line (${answer.status})`]);
    else if (status >= 500) verdicts.push(['crash', `answered ${status}: ${answer.body.toString('utf8').slice(0, 120)}`]);
    else if (status < 300) {
      if (!mutation.mayPass || mutation.expect) verdicts.push(['unexpected-status', `accepted with ${status}, expected ${mutation.expect ? mutation.expect.join('/') : 'a 4xx'}`]);
    } else if (!allowed.includes(status)) verdicts.push(['unexpected-status', `answered ${status}${status !== answer.status ? ` (HTTP ${answer.status})` : ''}, expected ${allowed.join('/')}`]);
    const problem = bodyProblem(endpoint, answer, heads[index] ?? false);
    if (problem) verdicts.push(['malformed-body', problem]);
  });
  return verdicts;
}

async function sendRequest(port: number, request: WireRequest): Promise<WireOutcome> {
  return send(port, serialise(request), { timeoutMs: 10_000 });
}

/**
 * Clients that never finish their request. Each is judged against the same bytes sent at once: the host
 * must answer it with a 408 in the API's format within SLOW_MS of when that well-behaved client had its
 * answer (the issue's "no request takes more than a second", read for a request that never completes).
 */
async function slowClients(api: ApiId, endpoint: Endpoint, port: number): Promise<SlowClientResult[]> {
  const base = await endpoint.baseline(port);
  const withBody = serialise({ ...base, headers: [...base.headers.filter(([n]) => !/^content-length$/i.test(n)), ['Content-Length', '1000']], body: Buffer.alloc(1000, 0x20), autoLength: false });
  const bodyAt = withBody.indexOf('\r\n\r\n') + 4;
  const first = serialise(withHeader(base, 'Connection', 'keep-alive'));
  const keepAlive = Buffer.concat([first, serialise(base)]);
  // [kind, bytes, pacing (bytes 0: `first` bytes, then nothing), answers expected (the last one the 408)]
  const kinds: Array<[kind: string, bytes: Buffer, pace: SendOptions['pace'], answers: number]> = [
    ['headers one byte every 100 ms', serialise(base), { bytes: 1, everyMs: 100 }, 1],
    ['body one byte every 200 ms', withBody, { bytes: 1, everyMs: 200, first: bodyAt }, 1],
    ['headers sent, the body never', withBody, { bytes: 0, everyMs: 60_000, first: bodyAt }, 1],
    ['a connection that sends nothing', Buffer.alloc(0), { bytes: 0, everyMs: 60_000 }, 1],
    ['keep-alive: one request, then the next one byte every 100 ms', keepAlive, { bytes: 1, everyMs: 100, first: first.length }, 2],
  ];
  const wellBehaved: number[] = [];
  for (const [, bytes, , answers] of kinds) {
    // Nothing to send is nothing to wait for: a well-behaved client would be done at once.
    wellBehaved.push(bytes.length === 0 ? 0 : (await send(port, bytes, { answers, timeoutMs: 5_000 })).ms);
  }
  return Promise.all(
    kinds.map(async ([kind, bytes, pace, answers], index) => {
      const outcome = await send(port, bytes, { pace, answers, timeoutMs: 15_000 });
      const answer = outcome.answers[answers - 1];
      const earlier = outcome.answers.slice(0, answers - 1).find((a) => !(a.status >= 200 && a.status < 300));
      const problem = answer ? bodyProblem(endpoint, answer, false) : 'no answer';
      const wellBehavedMs = Math.round(wellBehaved[index]!);
      const cutAfterMs = Math.round(outcome.ms);
      return {
        api,
        kind,
        wellBehavedMs,
        cutAfterMs,
        answer: answer ? `${answer.status} ${headerOf(answer, 'content-type') ?? ''}`.trim() : (outcome.dropped ?? 'none'),
        ok: cutAfterMs <= wellBehavedMs + SLOW_MS && answer?.status === 408 && problem === undefined && earlier === undefined,
      };
    }),
  );
}

async function runApi(api: ApiId, result: CorpusResult, summaries: Map<string, EndpointSummary>, fault: FaultSwitch | undefined, host: HostOptions): Promise<void> {
  const findings = result.findings;
  const { targets } = loadConfig({});
  const vars = targets[api].vars;
  const running = await hostEmulator(emulatorFor(api, vars, fault), host);
  const port = Number(new URL(running.url).port);
  const endpoints = allEndpoints(Object.fromEntries(API_IDS.map((id) => [id, targets[id].vars])) as Record<ApiId, Record<string, string>>)[api];
  let slowDone = false;
  const slow = slowClients(api, endpoints[0]!, port).then((list) => {
    slowDone = true;
    return list;
  });
  try {
    for (const endpoint of endpoints) {
      const key = `${api} ${endpoint.name}`;
      const summary: EndpointSummary = summaries.get(key) ?? { api, endpoint: endpoint.name, inputs: 0, statuses: {}, slowestMs: 0, slowestInput: '', baselineAfter: 'served' };
      summaries.set(key, summary);
      for (const mutation of corpusFor(endpoint)) {
        const built = mutation.build(await endpoint.baseline(port));
        const heads = built.heads ?? [built.request?.method === 'HEAD'];
        const expected = built.answers ?? 1;
        const bytes = built.raw ?? serialise(built.request!);
        const outcome = await send(port, bytes, { answers: expected, heads, timeoutMs: 10_000, hangUp: mutation.clientAborts ?? false });
        summary.inputs++;
        result.inputsTried++;
        if (!slowDone) result.answeredDuringSlowClients++;
        if (outcome.ms > summary.slowestMs) {
          summary.slowestMs = Math.round(outcome.ms);
          summary.slowestInput = `${mutation.family}: ${mutation.name}`;
        }
        for (const answer of outcome.answers) {
          const key = String(effectiveStatus(api, answer));
          summary.statuses[key] = (summary.statuses[key] ?? 0) + 1;
        }
        for (const [verdict, detail] of judge(endpoint, mutation, outcome, heads, expected)) {
          findings.push({ api, endpoint: endpoint.name, input: `${mutation.family}: ${mutation.name}`, verdict, detail });
        }
      }
      const after = await sendRequest(port, await endpoint.baseline(port));
      const status = after.answers[0] ? effectiveStatus(api, after.answers[0]) : 0;
      if (!(status >= 200 && status < 300)) {
        summary.baselineAfter = after.answers[0] ? `answered ${status}` : `no answer (${after.dropped})`;
        findings.push({ api, endpoint: endpoint.name, input: 'the valid baseline after the corpus', verdict: 'crash', detail: summary.baselineAfter });
      }
    }
    result.slowClients.push(...(await slow));
  } finally {
    await running.close();
  }
}

export interface CorpusOptions {
  apis?: readonly ApiId[];
  /** A fault switched on, to show that the judge catches it. */
  fault?: FaultSwitch;
  /** The whole corpus this many times; memory is measured per pass (the second one runs warm). */
  passes?: number;
  /** Host settings (the defaults unless given): looser timeouts show that the slow-client bound bites. */
  host?: HostOptions;
}

/** The corpus against every API's emulator at once, one sequential stream of requests per API. */
export async function runCorpus(options: CorpusOptions = {}): Promise<CorpusResult> {
  const { apis = API_IDS, fault, passes = 2, host = {} } = options;
  const started = performance.now();
  const result: CorpusResult = {
    inputsTried: 0,
    crashes: 0,
    unexpectedStatuses: 0,
    malformedBodies: 0,
    slowRequests: 0,
    answeredDuringSlowClients: 0,
    slowClients: [],
    endpoints: [],
    findings: [],
    memory: { passes: [], boundMb: MEMORY_BOUND_MB, firstPassRssBoundMb: FIRST_PASS_RSS_BOUND_MB, withinBounds: true },
    prototypeClean: true,
    slowestMs: 0,
    eventLoopDelayMaxMs: 0,
    durationMs: 0,
  };
  // Only while requests are in flight: the forced GCs of memory() stall the loop too, but delay no answer.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const summaries = new Map<string, EndpointSummary>();
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  for (let pass = 0; pass < passes; pass++) {
    const before = memory();
    loopDelay.enable();
    await Promise.all(apis.map((api) => runApi(api, result, summaries, fault, host)));
    loopDelay.disable();
    const after = memory();
    result.memory.passes.push({ heapGrowthMb: mb(after.heap - before.heap), rssGrowthMb: mb(after.rss - before.rss) });
  }
  result.eventLoopDelayMaxMs = Math.round(loopDelay.max / 1e6);
  result.memory.withinBounds = result.memory.passes.every(
    (p, index) => p.heapGrowthMb <= MEMORY_BOUND_MB && p.rssGrowthMb <= (index === 0 ? FIRST_PASS_RSS_BOUND_MB : MEMORY_BOUND_MB),
  );
  const probe = {} as Record<string, unknown>;
  result.prototypeClean = probe.polluted === undefined && probe.admin === undefined && probe.password === undefined;
  for (const slow of result.slowClients) {
    if (!slow.ok) result.findings.push({ api: slow.api, endpoint: 'slow client', input: slow.kind, verdict: 'slow', detail: `cut after ${slow.cutAfterMs} ms (sent at once: ${slow.wellBehavedMs} ms) with ${slow.answer}` });
  }
  const count = (verdict: Verdict) => result.findings.filter((f) => f.verdict === verdict).length;
  result.crashes = count('crash');
  result.unexpectedStatuses = count('unexpected-status');
  result.malformedBodies = count('malformed-body');
  result.slowRequests = count('slow');
  result.endpoints = [...summaries.values()].sort((a, b) => `${a.api} ${a.endpoint}`.localeCompare(`${b.api} ${b.endpoint}`));
  result.slowestMs = Math.max(0, ...result.endpoints.map((e) => e.slowestMs), ...result.slowClients.map((s) => s.cutAfterMs));
  result.durationMs = Math.round(performance.now() - started);
  return result;
}
