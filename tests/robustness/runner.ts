// Runs the bad-input corpus over real sockets against every emulator hosted in this process, with slow
// clients dribbling at the same time, and judges every answer: a 2xx only for harmless input, otherwise a
// documented 4xx; never a 5xx or a dropped connection; a body well-formed for its Content-Type; under
// 1 s; the valid baseline still served afterwards; heap and RSS growth under a stated bound.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { API_IDS, loadConfig, type ApiId } from '../../support/config';
import { EMULATORS } from '../../support/emulators';
import type { FaultSwitch } from '../../support/emulators/faults';
import { hostEmulator } from '../../support/emulators/host';
import { parseXml } from '../../support/xml';
import { corpusFor, type Mutation } from './corpus';
import { ENDPOINTS, type Endpoint } from './endpoints';
import { send, serialise, type WireAnswer, type WireOutcome, type WireRequest } from './wire';

/** The 4xx codes the APIs document (token-login's 402 and 498 included). */
export const DOCUMENTED_4XX = [400, 401, 402, 403, 404, 405, 413, 415, 498];
/** Per API, the further 4xx its emulator documents: SDM's 406 for an Accept it cannot serve. */
export const API_4XX: Partial<Record<ApiId, number[]>> = { sdm: [406] };
export const SLOW_MS = 1_000;
/** A slow client must be cut off by the host's headersTimeout / requestTimeout within this long. */
export const CUT_OFF_MS = 5_000;
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
  baselineAfter: 'served' | string;
}

export interface SlowClientResult {
  api: ApiId;
  kind: string;
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

/** Three clients that never finish their request: the host must cut each off with a 408 in the API's format. */
async function slowClients(api: ApiId, endpoint: Endpoint, port: number): Promise<SlowClientResult[]> {
  const base = await endpoint.baseline(port);
  const withBody = serialise({ ...base, headers: [...base.headers.filter(([n]) => !/^content-length$/i.test(n)), ['Content-Length', '1000']], body: Buffer.alloc(1000, 0x20), autoLength: false });
  const head = withBody.indexOf('\r\n\r\n') + 4;
  const kinds: Array<[kind: string, run: () => Promise<WireOutcome>]> = [
    ['headers one byte every 100 ms', () => send(port, serialise(base), { pace: { bytes: 1, everyMs: 100 }, timeoutMs: 15_000 })],
    ['body one byte every 200 ms', () => send(port, withBody, { pace: { bytes: 1, everyMs: 200, first: head }, timeoutMs: 15_000 })],
    ['a connection that sends nothing', () => send(port, Buffer.alloc(0), { timeoutMs: 15_000 })],
  ];
  return Promise.all(
    kinds.map(async ([kind, run]) => {
      const outcome = await run();
      const answer = outcome.answers[0];
      const problem = answer ? bodyProblem(endpoint, answer, false) : 'no answer';
      return {
        api,
        kind,
        cutAfterMs: Math.round(outcome.ms),
        answer: answer ? `${answer.status} ${headerOf(answer, 'content-type') ?? ''}`.trim() : (outcome.dropped ?? 'none'),
        ok: outcome.ms <= CUT_OFF_MS && answer?.status === 408 && problem === undefined,
      };
    }),
  );
}

async function runApi(api: ApiId, result: CorpusResult, summaries: Map<string, EndpointSummary>, fault: FaultSwitch | undefined): Promise<void> {
  const findings = result.findings;
  const vars = loadConfig({}).targets[api].vars;
  const running = await hostEmulator(EMULATORS[api]!(vars, fault));
  const port = Number(new URL(running.url).port);
  const endpoints = ENDPOINTS[api](vars);
  let slowDone = false;
  const slow = slowClients(api, endpoints[0]!, port).then((list) => {
    slowDone = true;
    return list;
  });
  try {
    for (const endpoint of endpoints) {
      const key = `${api} ${endpoint.name}`;
      const summary: EndpointSummary = summaries.get(key) ?? { api, endpoint: endpoint.name, inputs: 0, statuses: {}, slowestMs: 0, baselineAfter: 'served' };
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
        summary.slowestMs = Math.max(summary.slowestMs, Math.round(outcome.ms));
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
}

/** The corpus against every API's emulator at once, one sequential stream of requests per API. */
export async function runCorpus(options: CorpusOptions = {}): Promise<CorpusResult> {
  const { apis = API_IDS, fault, passes = 2 } = options;
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
    durationMs: 0,
  };
  const summaries = new Map<string, EndpointSummary>();
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  for (let pass = 0; pass < passes; pass++) {
    const before = memory();
    await Promise.all(apis.map((api) => runApi(api, result, summaries, fault)));
    const after = memory();
    result.memory.passes.push({ heapGrowthMb: mb(after.heap - before.heap), rssGrowthMb: mb(after.rss - before.rss) });
  }
  result.memory.withinBounds = result.memory.passes.every(
    (p, index) => p.heapGrowthMb <= MEMORY_BOUND_MB && p.rssGrowthMb <= (index === 0 ? FIRST_PASS_RSS_BOUND_MB : MEMORY_BOUND_MB),
  );
  const probe = {} as Record<string, unknown>;
  result.prototypeClean = probe.polluted === undefined && probe.admin === undefined && probe.password === undefined;
  for (const slow of result.slowClients) {
    if (!slow.ok) result.findings.push({ api: slow.api, endpoint: 'slow client', input: slow.kind, verdict: 'slow', detail: `cut after ${slow.cutAfterMs} ms with ${slow.answer}` });
  }
  const count = (verdict: Verdict) => result.findings.filter((f) => f.verdict === verdict).length;
  result.crashes = count('crash');
  result.unexpectedStatuses = count('unexpected-status');
  result.malformedBodies = count('malformed-body');
  result.slowRequests = count('slow');
  result.endpoints = [...summaries.values()].sort((a, b) => `${a.api} ${a.endpoint}`.localeCompare(`${b.api} ${b.endpoint}`));
  result.durationMs = Math.round(performance.now() - started);
  return result;
}
