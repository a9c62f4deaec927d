// reports/robustness.json: the corpus run, the misbehaving-server fixture and the soak each write their
// own part and keep the others', and the headline counts are recomputed from whatever parts are there.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { OVERSIZED_FAILURES } from './misbehaving';

export const REPORT = 'reports/robustness.json';

export interface Counts {
  inputsTried: number;
  crashes: number;
  unexpectedStatuses: number;
  malformedBodies: number;
  slowRequests: number;
  /** The corpus's slowest request, slow clients included (null before a corpus run). */
  slowestRequestMs: number | null;
  /**
   * SEC-06 (features/<api>/unauthenticated.feature on the emulators): the routes that need a session, the
   * calls made to them without a valid one, and how many of those were refused as documented; null before
   * a robustness run counted them.
   */
  unauthenticatedChecks: { routes: number; calls: number; refused: number } | null;
  /** The soak's, null until a soak has run. */
  soakRuns: number | null;
  flakyRuns: number | null;
  scenariosPerRun: number | null;
  /** Cookie values set for two scenarios, or held by a jar of a scenario that was never sent them. */
  cookiesShared: number | null;
  /**
   * The fixture's answers past MAX_BODY_BYTES (200 MB declared, chunked, a gzip bomb) that were cut with
   * the one sentence, of how many, and the fixture process's peak RSS; null before a fixture run counted them.
   */
  oversizedBodies: { cut: number; of: number; peakRssMb: number | null } | null;
}

export interface CorpusPart {
  inputsTried: number;
  crashes: number;
  unexpectedStatuses: number;
  malformedBodies: number;
  slowRequests: number;
  [detail: string]: unknown;
}

export interface FixturePart {
  scenarios: number;
  failedAsExpected: number;
  unhandled: number;
  secretLeaks: number;
  durationMs: number;
  problems: string[];
  [detail: string]: unknown;
}

export interface SoakPart {
  runs: number;
  flakyRuns: number;
  scenariosPerRun: number;
  cookiesShared: number;
  failedScenarios: number;
  [detail: string]: unknown;
}

export interface UnauthenticatedPart {
  routes: number;
  /** Calls without credentials, with an expired or logged-out session, with forged credentials. */
  calls: number;
  refused: number;
  /** The same routes called with the live session (so a refusal is the credentials' doing): served of controls. */
  served: number;
  controls: number;
  byApi: Record<string, { routes: number; calls: number; refused: number; served: number; controls: number }>;
  /** The scenarios that did not answer as documented. */
  notAsDocumented: string[];
  durationMs: number;
}

export interface RobustnessReport {
  updatedAt: string;
  counts: Counts;
  corpus?: CorpusPart & { updatedAt: string };
  misbehaving?: FixturePart & { updatedAt: string };
  soak?: SoakPart & { updatedAt: string };
  unauthenticated?: UnauthenticatedPart & { updatedAt: string };
}

export function readReport(file = REPORT): RobustnessReport | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RobustnessReport;
  } catch {
    return undefined;
  }
}

export function countsOf(report: Omit<RobustnessReport, 'counts' | 'updatedAt'>): Counts {
  const { corpus, misbehaving, soak, unauthenticated } = report;
  const fixtureFailures = misbehaving ? misbehaving.scenarios - misbehaving.failedAsExpected : 0;
  return {
    inputsTried: corpus?.inputsTried ?? 0,
    crashes: (corpus?.crashes ?? 0) + (misbehaving?.unhandled ?? 0),
    unexpectedStatuses: corpus?.unexpectedStatuses ?? 0,
    malformedBodies: (corpus?.malformedBodies ?? 0) + fixtureFailures,
    slowRequests: corpus?.slowRequests ?? 0,
    slowestRequestMs: typeof corpus?.slowestMs === 'number' ? corpus.slowestMs : null,
    unauthenticatedChecks: unauthenticated ? { routes: unauthenticated.routes, calls: unauthenticated.calls, refused: unauthenticated.refused } : null,
    soakRuns: soak ? soak.runs : null,
    flakyRuns: soak ? soak.flakyRuns : null,
    scenariosPerRun: soak ? soak.scenariosPerRun : null,
    // A soak part written before the cookie check existed measured nothing: null, not 0.
    cookiesShared: soak && typeof soak.cookiesShared === 'number' ? soak.cookiesShared : null,
    oversizedBodies: oversizedBodies(misbehaving),
  };
}

/** From the fixture's sentences: each oversized answer's must be the body-limit one. */
function oversizedBodies(misbehaving: FixturePart | undefined): Counts['oversizedBodies'] {
  const sentences = misbehaving?.sentences as Record<string, string> | undefined;
  const names = Object.keys(OVERSIZED_FAILURES);
  if (!sentences || !names.some((name) => name in sentences)) return null;
  const cut = names.filter((name) => OVERSIZED_FAILURES[name]!.test(sentences[name] ?? '')).length;
  return { cut, of: names.length, peakRssMb: typeof misbehaving?.peakRssMb === 'number' ? misbehaving.peakRssMb : null };
}

/** Replaces one part of the report, keeps the others, recomputes the counts and writes the file. */
export function mergeReport(part: { corpus?: CorpusPart; misbehaving?: FixturePart; soak?: SoakPart; unauthenticated?: UnauthenticatedPart }, file = REPORT): RobustnessReport {
  const now = new Date().toISOString();
  const previous = readReport(file);
  const merged: Omit<RobustnessReport, 'counts' | 'updatedAt'> = {
    ...(previous?.corpus ? { corpus: previous.corpus } : {}),
    ...(previous?.misbehaving ? { misbehaving: previous.misbehaving } : {}),
    ...(previous?.soak ? { soak: previous.soak } : {}),
    ...(previous?.unauthenticated ? { unauthenticated: previous.unauthenticated } : {}),
  };
  if (part.corpus) merged.corpus = { ...part.corpus, updatedAt: now };
  if (part.misbehaving) merged.misbehaving = { ...part.misbehaving, updatedAt: now };
  if (part.soak) merged.soak = { ...part.soak, updatedAt: now };
  if (part.unauthenticated) merged.unauthenticated = { ...part.unauthenticated, updatedAt: now };
  const report: RobustnessReport = { updatedAt: now, counts: countsOf(merged), ...merged };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

export function printCounts(counts: Counts): string {
  return [
    `inputs tried        ${counts.inputsTried}`,
    `crashes             ${counts.crashes}`,
    `unexpected statuses ${counts.unexpectedStatuses}`,
    `malformed bodies    ${counts.malformedBodies}`,
    `slow requests       ${counts.slowRequests}`,
    `slowest request     ${counts.slowestRequestMs === null ? 'not measured (run npm run robustness)' : `${counts.slowestRequestMs} ms`}`,
    `unauthenticated     ${counts.unauthenticatedChecks ? `${counts.unauthenticatedChecks.refused} of ${counts.unauthenticatedChecks.calls} calls refused on ${counts.unauthenticatedChecks.routes} routes that need a session` : 'not measured (run npm run robustness)'}`,
    `soak runs           ${counts.soakRuns ?? 'not measured (run npm run soak)'}`,
    `flaky runs          ${counts.flakyRuns ?? 'not measured (run npm run soak)'}`,
    `scenarios per run   ${counts.scenariosPerRun ?? 'not measured (run npm run soak)'}`,
    `cookies shared      ${counts.cookiesShared ?? 'not measured (run npm run soak)'}`,
    `oversized bodies    ${counts.oversizedBodies ? `${counts.oversizedBodies.cut} of ${counts.oversizedBodies.of} cut at MAX_BODY_BYTES (fixture peak RSS ${counts.oversizedBodies.peakRssMb ?? '?'} MB)` : 'not measured (run npm run robustness)'}`,
  ].join('\n');
}
