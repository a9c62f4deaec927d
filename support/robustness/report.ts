// reports/robustness.json: the corpus run, the misbehaving-server fixture and the soak each write their
// own part and keep the others', and the headline counts are recomputed from whatever parts are there.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const REPORT = 'reports/robustness.json';

export interface Counts {
  inputsTried: number;
  crashes: number;
  unexpectedStatuses: number;
  malformedBodies: number;
  slowRequests: number;
  /** The corpus's slowest request, slow clients included (null before a corpus run). */
  slowestRequestMs: number | null;
  /** The soak's, null until a soak has run. */
  soakRuns: number | null;
  flakyRuns: number | null;
  scenariosPerRun: number | null;
  /** Cookie values set for two scenarios, or held by a jar of a scenario that was never sent them. */
  cookiesShared: number | null;
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

export interface RobustnessReport {
  updatedAt: string;
  counts: Counts;
  corpus?: CorpusPart & { updatedAt: string };
  misbehaving?: FixturePart & { updatedAt: string };
  soak?: SoakPart & { updatedAt: string };
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
  const { corpus, misbehaving, soak } = report;
  const fixtureFailures = misbehaving ? misbehaving.scenarios - misbehaving.failedAsExpected : 0;
  return {
    inputsTried: corpus?.inputsTried ?? 0,
    crashes: (corpus?.crashes ?? 0) + (misbehaving?.unhandled ?? 0),
    unexpectedStatuses: corpus?.unexpectedStatuses ?? 0,
    malformedBodies: (corpus?.malformedBodies ?? 0) + fixtureFailures,
    slowRequests: corpus?.slowRequests ?? 0,
    slowestRequestMs: typeof corpus?.slowestMs === 'number' ? corpus.slowestMs : null,
    soakRuns: soak ? soak.runs : null,
    flakyRuns: soak ? soak.flakyRuns : null,
    scenariosPerRun: soak ? soak.scenariosPerRun : null,
    // A soak part written before the cookie check existed measured nothing: null, not 0.
    cookiesShared: soak && typeof soak.cookiesShared === 'number' ? soak.cookiesShared : null,
  };
}

/** Replaces one part of the report, keeps the others, recomputes the counts and writes the file. */
export function mergeReport(part: { corpus?: CorpusPart; misbehaving?: FixturePart; soak?: SoakPart }, file = REPORT): RobustnessReport {
  const now = new Date().toISOString();
  const previous = readReport(file);
  const merged: Omit<RobustnessReport, 'counts' | 'updatedAt'> = {
    ...(previous?.corpus ? { corpus: previous.corpus } : {}),
    ...(previous?.misbehaving ? { misbehaving: previous.misbehaving } : {}),
    ...(previous?.soak ? { soak: previous.soak } : {}),
  };
  if (part.corpus) merged.corpus = { ...part.corpus, updatedAt: now };
  if (part.misbehaving) merged.misbehaving = { ...part.misbehaving, updatedAt: now };
  if (part.soak) merged.soak = { ...part.soak, updatedAt: now };
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
    `soak runs           ${counts.soakRuns ?? 'not measured (run npm run soak)'}`,
    `flaky runs          ${counts.flakyRuns ?? 'not measured (run npm run soak)'}`,
    `scenarios per run   ${counts.scenariosPerRun ?? 'not measured (run npm run soak)'}`,
    `cookies shared      ${counts.cookiesShared ?? 'not measured (run npm run soak)'}`,
  ].join('\n');
}
