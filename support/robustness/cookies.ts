// The soak's cookie check: from each run's message stream, the cookie log every scenario attempt attached
// (support/robustness/cookie-probe.ts), then two findings that must stay empty: a value set for more than
// one scenario (so also for more than one worker), and a value a scenario's jar held without any answer
// of that scenario setting it. Values are shown only as short hashes.
import { createHash } from 'node:crypto';

export const COOKIE_MEDIA_TYPE = 'application/vnd.login-api-bdd.cookies+json';

export interface CookieLog {
  /** [name, value] of every live cookie an answer set. */
  received: Array<[name: string, value: string]>;
  /** [name, value] of every cookie a jar held when the scenario sent a request. */
  held: Array<[name: string, value: string]>;
}

export interface ScenarioCookies {
  run: number;
  /** Identifies the attempt: run, worker and testCaseStarted id. */
  attempt: string;
  worker: string;
  scenario: string;
  log: CookieLog;
}

export interface CookieCheck {
  /** Scenario attempts started, and how many of them attached a cookie log. */
  attempts: number;
  logged: number;
  /** Distinct cookie values set, over every run. */
  values: number;
  /** Values set for two or more scenario attempts: `name#hash: scenarios`. */
  shared: string[];
  /** Of the shared values, those set in two or more workers (or runs). */
  acrossWorkers: number;
  /** Values a jar held that no answer of the same attempt had set: `name#hash in scenario`. */
  heldFromElsewhere: string[];
}

export interface CookieEnvelope {
  pickle?: { id: string; uri: string; name: string };
  testCase?: { id: string; pickleId: string };
  testCaseStarted?: { id: string; testCaseId: string; workerId?: string };
  attachment?: { testCaseStartedId?: string; mediaType: string; body: string };
}

const tag = (name: string, value: string) => `${name}#${createHash('sha256').update(value).digest('hex').slice(0, 8)}`;

/** The cookie logs of one run, and how many scenario attempts it started. */
export function cookieLogsOf(run: number, envelopes: CookieEnvelope[]): { attempts: number; logs: ScenarioCookies[] } {
  const pickles = new Map(envelopes.flatMap((e) => (e.pickle ? [[e.pickle.id, `${e.pickle.uri}: ${e.pickle.name}`] as const] : [])));
  const cases = new Map(envelopes.flatMap((e) => (e.testCase ? [[e.testCase.id, e.testCase.pickleId] as const] : [])));
  const started = new Map(envelopes.flatMap((e) => (e.testCaseStarted ? [[e.testCaseStarted.id, e.testCaseStarted] as const] : [])));
  const logs: ScenarioCookies[] = [];
  for (const { attachment } of envelopes) {
    if (attachment?.mediaType !== COOKIE_MEDIA_TYPE || !attachment.testCaseStartedId) continue;
    const attempt = started.get(attachment.testCaseStartedId);
    const worker = attempt?.workerId ?? 'main';
    logs.push({
      run,
      attempt: `run ${run} worker ${worker} ${attachment.testCaseStartedId}`,
      worker: `run ${run} worker ${worker}`,
      scenario: pickles.get(cases.get(attempt?.testCaseId ?? '') ?? '') ?? attachment.testCaseStartedId,
      log: JSON.parse(attachment.body) as CookieLog,
    });
  }
  return { attempts: started.size, logs };
}

export function checkCookies(attempts: number, logs: ScenarioCookies[]): CookieCheck {
  const setFor = new Map<string, { attempts: Set<string>; workers: Set<string>; scenarios: Set<string> }>();
  const heldFromElsewhere: string[] = [];
  for (const { attempt, worker, scenario, log } of logs) {
    const own = new Set(log.received.map(([name, value]) => tag(name, value)));
    for (const key of own) {
      const entry = setFor.get(key) ?? { attempts: new Set(), workers: new Set(), scenarios: new Set() };
      entry.attempts.add(attempt);
      entry.workers.add(worker);
      entry.scenarios.add(scenario);
      setFor.set(key, entry);
    }
    for (const key of new Set(log.held.map(([name, value]) => tag(name, value)))) {
      if (!own.has(key)) heldFromElsewhere.push(`${key} in ${scenario}`);
    }
  }
  const shared = [...setFor].filter(([, e]) => e.attempts.size > 1);
  return {
    attempts,
    logged: logs.length,
    values: setFor.size,
    shared: shared.map(([key, e]) => `${key}: ${[...e.scenarios].join(' | ')}`),
    acrossWorkers: shared.filter(([, e]) => e.workers.size > 1).length,
    heldFromElsewhere,
  };
}

/** Shared values plus jar values from elsewhere: the soak's "cookies shared" count, which must be 0. */
export function cookiesShared(check: CookieCheck): number {
  return check.shared.length + check.heldFromElsewhere.length;
}
