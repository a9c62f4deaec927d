// Where shapes go during a run and after it. Each scenario's exchanges are kept in order under its key
// (the feature's path below features/, the scenario's name, its example row), per API, in this process.
// At the end of the process (the hooks' AfterAll) each process writes its own part,
// <dir>/.parts/<api>-<pid>-<n>.json, so parallel workers never write one file; the script that ran
// cucumber then merges the parts into <dir>/<api>.json (a later part's scenario wins: a nightly retry).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exchange } from '../exchange';
import { belowFeatures } from '../feature-place';
import { shapeOf, type Shape } from './shape';

/** reports/shapes: the nightly's (the vendors') shapes, or any recording run's. */
export const SHAPES_DIR = 'reports/shapes';
const PARTS = '.parts';

export type TargetKind = 'vendor' | 'emulator';

export interface ShapeFile {
  api: string;
  /** vendor: a <PREFIX>BASE_URL was set (a real sandbox, or `npm run sandbox`); emulator: the embedded one. No URL: it may name a private host. */
  target: TargetKind;
  /** Scenario key → its exchanges' shapes, in the order they were sent. */
  scenarios: Record<string, Shape[]>;
}

interface PickleLike {
  uri: string;
  name: string;
  astNodeIds: readonly string[];
}
interface ExamplesLike {
  tableBody: ReadonlyArray<{ id: string }>;
}
interface ChildLike {
  scenario?: { examples: readonly ExamplesLike[] };
  rule?: { children: readonly ChildLike[] };
}
interface DocumentLike {
  feature?: { children: readonly ChildLike[] };
}

/** `sdm/login.feature: a login in XML` (+ ` [example 2]` for an outline's second row, counted over its Examples tables). */
export function scenarioKey(pickle: PickleLike, document: DocumentLike | undefined): string {
  const file = belowFeatures(pickle.uri);
  const row = pickle.astNodeIds.length > 1 ? exampleRow(document?.feature?.children ?? [], pickle.astNodeIds[1]!) : undefined;
  return `${file}: ${pickle.name}${row === undefined ? '' : ` [example ${row}]`}`;
}

function exampleRow(children: readonly ChildLike[], rowId: string): number | undefined {
  for (const child of children) {
    if (child.rule) {
      const inRule = exampleRow(child.rule.children, rowId);
      if (inRule !== undefined) return inRule;
    }
    const rows = (child.scenario?.examples ?? []).flatMap((examples) => examples.tableBody);
    const at = rows.findIndex((row) => row.id === rowId);
    if (at >= 0) return at + 1;
  }
  return undefined;
}

/** This process's shapes: dir → api → file. */
const collected = new Map<string, Map<string, ShapeFile>>();

/** One scenario's exchanges, as the World sends them. A second attempt of the scenario replaces the first's. */
export class ScenarioShapes {
  private readonly shapes: Shape[] = [];

  constructor(api: string, target: TargetKind, key: string, dir = SHAPES_DIR) {
    let apis = collected.get(dir);
    if (!apis) collected.set(dir, (apis = new Map()));
    let file = apis.get(api);
    if (!file) apis.set(api, (file = { api, target, scenarios: {} }));
    file.scenarios[key] = this.shapes;
  }

  /** `path`: the documented path as the step wrote it (before {{name}} and ${NAME} are expanded). */
  add(exchange: Exchange, path: string): void {
    this.shapes.push(shapeOf(exchange, path));
  }
}

let written = 0;
/** Writes this process's part files (AfterAll); scenarios that sent nothing (skipped) are left out. */
export function writeShapeParts(): string[] {
  const files: string[] = [];
  for (const [dir, apis] of collected) {
    mkdirSync(join(dir, PARTS), { recursive: true });
    for (const [api, file] of apis) {
      const scenarios = Object.fromEntries(Object.entries(file.scenarios).filter(([, shapes]) => shapes.length > 0));
      if (Object.keys(scenarios).length === 0) continue;
      const path = join(dir, PARTS, `${api}-${process.pid}-${written++}.json`);
      writeFileSync(`${path}.tmp`, JSON.stringify({ ...file, scenarios }));
      renameSync(`${path}.tmp`, path); // a merge never reads half a part
      files.push(path);
    }
  }
  collected.clear();
  return files;
}

/** Before a run: parts an earlier, interrupted run left would read as this one's. */
export function clearShapeParts(dir = SHAPES_DIR): void {
  rmSync(join(dir, PARTS), { recursive: true, force: true });
}

/**
 * Merges <dir>/.parts into <dir>/<api>.json, one file per API that has parts (replacing the previous run's
 * file of that API; other APIs' files stay), keys sorted so that two runs diff line by line. A vendor's
 * file is replaced only by another vendor run: an emulator run (npm run acceptance, a plain cucumber run)
 * leaves the last nightly's shapes in place for npm run drift. Returns the APIs written.
 */
export function mergeShapeParts(dir = SHAPES_DIR): string[] {
  const partsDir = join(dir, PARTS);
  if (!existsSync(partsDir)) return [];
  const parts = readdirSync(partsDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ path: join(partsDir, name), at: statSync(join(partsDir, name)).mtimeMs, name }))
    .sort((a, b) => a.at - b.at || a.name.localeCompare(b.name));
  const merged = new Map<string, ShapeFile>();
  for (const { path } of parts) {
    const part = JSON.parse(readFileSync(path, 'utf8')) as ShapeFile;
    const file = merged.get(part.api) ?? { api: part.api, target: part.target, scenarios: {} };
    file.target = part.target;
    Object.assign(file.scenarios, part.scenarios);
    merged.set(part.api, file);
  }
  const written: string[] = [];
  for (const file of merged.values()) {
    const path = join(dir, `${file.api}.json`);
    if (file.target === 'emulator' && existsSync(path) && (JSON.parse(readFileSync(path, 'utf8')) as ShapeFile).target === 'vendor') continue;
    writeShapeFile(path, file);
    written.push(file.api);
  }
  rmSync(partsDir, { recursive: true, force: true });
  return written.sort();
}

export function writeShapeFile(path: string, file: ShapeFile): void {
  const scenarios = Object.fromEntries(Object.keys(file.scenarios).sort().map((key) => [key, file.scenarios[key]!]));
  writeFileSync(path, `${JSON.stringify({ api: file.api, target: file.target, scenarios }, null, 1)}\n`);
}

/** The shape files of a folder (after merging any parts left in it), by API. */
export function readShapeFiles(dir: string): Map<string, ShapeFile> {
  mergeShapeParts(dir);
  const files = new Map<string, ShapeFile>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    let file: ShapeFile;
    try {
      file = JSON.parse(readFileSync(join(dir, name), 'utf8')) as ShapeFile;
    } catch (error) {
      throw new Error(`${join(dir, name)} is not JSON (${(error as Error).message}): expected a shape file as a recording run writes it (reports/shapes/<api>.json)`);
    }
    // Other JSON (a drift.json next to the shapes) is not a shape file: skipped.
    if (typeof file.api === 'string' && file.scenarios && typeof file.scenarios === 'object') files.set(file.api, file);
  }
  return files;
}

/** The hooks' one call per recording scenario: where its shapes go is the world parameter `shapesDir` (default reports/shapes). */
export function scenarioShapes(api: string, realTarget: boolean, pickle: PickleLike, document: DocumentLike | undefined, parameters: unknown): ScenarioShapes {
  const dir = (parameters as { shapesDir?: unknown } | undefined)?.shapesDir;
  return new ScenarioShapes(api, realTarget ? 'vendor' : 'emulator', scenarioKey(pickle, document), typeof dir === 'string' && dir ? dir : SHAPES_DIR);
}
