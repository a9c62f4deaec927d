// A report entry that is no scenario: one Allure result of our own, with one attachment, in a suite of
// its own on the overview (the traceability matrix, the emulator drift). Written next to the scenarios'
// results; found again by its fullName's prefix, so a later run can replace it.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ReportEntry {
  /** Stable across runs: Allure's history follows it. */
  id: string;
  name: string;
  /** `<kind>:<what>` (traceability:matrix, drift:sdm): removeReportEntries finds the entries by its kind. */
  fullName: string;
  status: 'passed' | 'broken' | 'unknown';
  statusDetails?: { message?: string };
  description: string;
  /** parentSuite and epic: where the entry shows on the overview. */
  suite: string;
  subSuite: string;
  attachment: { name: string; type: 'text/html' | 'text/markdown'; content: string };
  steps?: unknown[];
}

const EXTENSION = { 'text/html': 'html', 'text/markdown': 'md' } as const;

/** Writes the entry and its attachment into `results` (content already redacted by the caller). */
export function writeReportEntry(results: string, entry: ReportEntry): void {
  const uuid = randomUUID();
  const source = `${uuid}-attachment.${EXTENSION[entry.attachment.type]}`;
  writeFileSync(join(results, source), entry.attachment.content);
  const now = Date.now();
  const result = {
    uuid,
    historyId: entry.id,
    testCaseId: entry.id,
    name: entry.name,
    fullName: entry.fullName,
    status: entry.status,
    statusDetails: entry.statusDetails ?? {},
    stage: 'finished',
    description: entry.description,
    start: now,
    stop: now,
    labels: [
      { name: 'parentSuite', value: entry.suite },
      { name: 'suite', value: entry.subSuite },
      { name: 'epic', value: entry.suite },
    ],
    attachments: [{ name: entry.attachment.name, source, type: entry.attachment.type }],
    steps: entry.steps ?? [],
    parameters: [],
    links: [],
  };
  writeFileSync(join(results, `${uuid}-result.json`), JSON.stringify(result));
}

/** Removes the entries whose fullName starts with `prefix` (and their attachments) from `results`; how many. */
export function removeReportEntries(results: string, prefix: string): number {
  if (!existsSync(results)) return 0;
  let removed = 0;
  for (const name of readdirSync(results)) {
    if (!name.endsWith('-result.json')) continue;
    const path = join(results, name);
    const text = readFileSync(path, 'utf8');
    if (!text.includes(`"fullName":"${prefix}`)) continue; // most results are scenarios': not parsed
    const result = JSON.parse(text) as { fullName?: string; attachments?: Array<{ source: string }> };
    if (!result.fullName?.startsWith(prefix)) continue;
    for (const attachment of result.attachments ?? []) rmSync(join(results, attachment.source), { force: true });
    rmSync(path);
    removed += 1;
  }
  return removed;
}
