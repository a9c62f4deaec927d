// Writes the matrix where people look: reports/traceability.{json,md,html}, and, when the run has Allure
// results, one dedicated result ("Traceability matrix" suite, on the overview's Suites widget) carrying the
// HTML page, so it is a click away in the report. Everything written passes the one redactor.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redactor } from '../redact';
import { writeReportEntry } from '../report-entry';
import type { Matrix } from './matrix';
import { matrixHtml, matrixMarkdown } from './render';

export const TRACEABILITY_SUITE = 'Traceability matrix';
/** The matrix's report entry, by its fullName: the nightly's merge job replaces the shards' own. */
export const MATRIX_ENTRY = 'traceability:matrix';

export function writeTraceability(matrix: Matrix, redactor: Redactor, options: { dir?: string; allureResults?: string } = {}): string[] {
  const dir = options.dir ?? 'reports';
  mkdirSync(dir, { recursive: true });
  const html = redactor.text(matrixHtml(matrix));
  const files: Array<[string, string]> = [
    [join(dir, 'traceability.json'), redactor.text(JSON.stringify(matrix, null, 2))],
    [join(dir, 'traceability.md'), redactor.text(matrixMarkdown(matrix))],
    [join(dir, 'traceability.html'), html],
  ];
  for (const [path, text] of files) writeFileSync(path, text);
  const results = options.allureResults;
  if (results && existsSync(results)) writeAllureResult(matrix, results, html);
  return files.map(([path]) => path);
}

/** The matrix as one report entry with the HTML page attached. */
function writeAllureResult(matrix: Matrix, results: string, html: string): void {
  const { holds, fails, skipped } = matrix.totals;
  writeReportEntry(results, {
    id: 'traceability-matrix',
    name: 'Which vendor behaviours hold',
    fullName: MATRIX_ENTRY,
    // Broken only when tags and catalogue disagree: a behaviour that fails is its scenarios' failure.
    status: matrix.problems.length ? 'broken' : 'passed',
    ...(matrix.problems.length ? { statusDetails: { message: `The behaviour catalogue and the tags disagree:\n${matrix.problems.join('\n')}` } } : {}),
    description: `${holds} behaviours hold, ${fails} fail, ${skipped} skipped, ${matrix.totals['not run']} not run. The attachment lists, per API with the documented behaviours first, each behaviour's scenarios, their results and the emulator faults that prove they can fail.`,
    suite: TRACEABILITY_SUITE,
    subSuite: `${matrix.run} run`,
    attachment: { name: 'Traceability matrix', type: 'text/html', content: html },
  });
}
