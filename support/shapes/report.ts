// The drift report where people look: reports/drift.md and reports/drift.json, and, when the run has
// Allure results, one result per API in the suite "Emulator drift" (each difference a step, each
// scenario that saw it a step below). Drift is a finding, not a failed test: an API that drifted is
// shown with Allure's status "unknown", one without drift as passed. Everything written passes the redactor.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Redactor } from '../redact';
import { writeReportEntry } from '../report-entry';
import type { Comparison, Difference } from './compare';

export const DRIFT_SUITE = 'Emulator drift';
/** The fullName prefix of the drift's report entries: a later drift replaces them. */
export const DRIFT_ENTRY = 'drift:';

export interface ApiDrift {
  api: string;
  product: string;
  /** Why nothing was compared (no vendor shapes, shapes recorded against an emulator). */
  notCompared?: string;
  comparisons: Comparison[];
}

export interface DriftReport {
  /** Where each side's shapes came from, as given (relative paths). */
  sources: Record<string, string>;
  apis: ApiDrift[];
}

const SHOWN_SIGHTINGS = 5;

export const differenceCount = (api: ApiDrift): number => api.comparisons.reduce((sum, c) => sum + c.differences.length, 0);

/** `3 differences`, `no drift`, `not compared`, or `nothing in common` (no scenario ran on both sides). */
export function verdict(api: ApiDrift): string {
  const count = differenceCount(api);
  if (api.notCompared) return 'not compared';
  if (count) return plural(count, 'difference');
  return api.comparisons.every((c) => c.compared.scenarios === 0) ? 'nothing in common' : 'no drift';
}

const comparisonVerdict = (c: Comparison) => (c.differences.length ? plural(c.differences.length, 'difference') : c.compared.scenarios === 0 ? 'nothing in common (no scenario ran on both sides)' : 'no drift');

/** One line: `**status** of `GET /x`: vendor 401, emulator 404`. */
export function differenceSentence(d: Difference, left: string, right: string): string {
  const subject = d.subject ? ` \`${d.subject}\`` : '';
  const where = d.kind === 'status' ? `of \`${d.request}\`` : `in \`${d.request}\``;
  return `**${d.kind}**${subject} ${where}: ${left} ${d.left}, ${right} ${d.right}`;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function comparisonMarkdown(c: Comparison): string[] {
  const lines = [`### ${c.left} vs ${c.right}: ${comparisonVerdict(c)}`, ''];
  for (const d of c.differences) {
    lines.push(`- ${differenceSentence(d, c.left, c.right)}`);
    for (const seen of d.seenIn.slice(0, SHOWN_SIGHTINGS)) lines.push(`  - ${seen.scenario} (exchange ${seen.exchange})`);
    if (d.seenIn.length > SHOWN_SIGHTINGS) lines.push(`  - and ${d.seenIn.length - SHOWN_SIGHTINGS} more (reports/drift.json lists them)`);
  }
  if (c.differences.length) lines.push('');
  lines.push(`Compared ${plural(c.compared.scenarios, 'scenario')} that both ran, ${plural(c.compared.exchanges, 'exchange')}.`);
  const apart: Array<[string, string[], string?]> = [
    [`Ran only against the ${c.left}`, c.onlyLeft],
    [`Ran only against the ${c.right}`, c.onlyRight],
    ['One side sent fewer requests (it stopped early: a failed step)', c.unequal.map((u) => `${u.scenario}: ${c.left} ${u.left}, ${c.right} ${u.right}`)],
    ['The two sides sent different requests (compared up to there)', c.misaligned.map((m) => `${m.scenario}, exchange ${m.exchange}: ${c.left} \`${m.left}\`, ${c.right} \`${m.right}\``)],
    ['One side got no answer (unreachable or timed out)', c.unanswered.map((u) => `${u.scenario}, exchange ${u.exchange}: no answer from the ${u.side}`), 'exchange'],
  ];
  for (const [title, items, unit = 'scenario'] of apart) {
    if (!items.length) continue;
    lines.push('', `<details><summary>${title} (not drift): ${plural(items.length, unit)}</summary>`, '', ...items.map((item) => `- ${item}`), '', '</details>');
  }
  lines.push('');
  return lines;
}

export function apiMarkdown(api: ApiDrift): string[] {
  const head = `## ${api.api} (${api.product}): ${verdict(api)}`;
  if (api.notCompared) return [head, '', api.notCompared, ''];
  return [head, '', ...api.comparisons.flatMap(comparisonMarkdown)];
}

export function driftMarkdown(report: DriftReport): string {
  const sources = Object.entries(report.sources).map(([side, dir]) => `${side}: \`${dir}\``).join(', ');
  return [
    '# Emulator drift',
    '',
    `Shapes compared (${sources}). A shape holds no value; the parts ignored by name, and why, are listed in docs/drift.md.`,
    '',
    ...report.apis.flatMap(apiMarkdown),
  ].join('\n').replace(/\n+$/, '\n');
}

/** Writes reports/drift.md and .json (and the Allure results when `allureResults` exists); the paths written. */
export function writeDrift(report: DriftReport, redactor: Redactor, options: { dir?: string; allureResults?: string } = {}): string[] {
  const dir = options.dir ?? 'reports';
  mkdirSync(dir, { recursive: true });
  const files: Array<[string, string]> = [
    [join(dir, 'drift.md'), redactor.text(driftMarkdown(report))],
    [join(dir, 'drift.json'), redactor.text(`${JSON.stringify(report, null, 2)}\n`)],
  ];
  for (const [path, text] of files) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  if (options.allureResults && existsSync(options.allureResults)) for (const api of report.apis) writeAllureResult(api, options.allureResults, redactor);
  return files.map(([path]) => path);
}

function writeAllureResult(api: ApiDrift, results: string, redactor: Redactor): void {
  const count = differenceCount(api);
  const now = Date.now();
  const step = (name: string, steps: unknown[]) => ({ name: redactor.text(name), status: 'unknown', stage: 'finished', start: now, stop: now, steps, attachments: [], parameters: [] });
  writeReportEntry(results, {
    id: `emulator-drift-${api.api}`,
    name: `${api.api}: ${verdict(api)}`,
    fullName: `${DRIFT_ENTRY}${api.api}`,
    status: verdict(api) === 'no drift' ? 'passed' : 'unknown',
    ...(api.notCompared ? { statusDetails: { message: redactor.text(api.notCompared) } } : count ? { statusDetails: { message: `The emulator no longer answers like the vendor in ${plural(count, 'place')}: a finding to fix in the emulator (or to accept), not a failed test.` } } : {}),
    description: `How the answers of ${api.product} compare, shape by shape (status, content type, header names, cookies and their attributes, body fields and types; never a value). docs/drift.md says how to read it.`,
    suite: DRIFT_SUITE,
    subSuite: api.product,
    attachment: { name: `Emulator drift: ${api.api}`, type: 'text/markdown', content: redactor.text(apiMarkdown(api).join('\n')) },
    steps: api.comparisons.flatMap((c) =>
      c.differences.map((d) => step(differenceSentence(d, c.left, c.right).replace(/\*\*|`/g, ''), d.seenIn.map((seen) => step(`seen in ${seen.scenario} (exchange ${seen.exchange})`, [])))),
    ),
  });
}
