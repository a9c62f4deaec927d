// `npm run drift`: do the emulators still answer like the vendors? Runs the scenarios of every API that
// has vendor shapes (reports/shapes/<api>.json, written by the nightly; `--vendor <dir>` for a downloaded
// nightly artifact) against the embedded emulators (cucumber's drift profile: shapes recorded, no
// reporter, every <PREFIX>BASE_URL and EMULATOR_FAULT cleared), compares the two shape by shape
// (support/shapes/compare.ts) and writes reports/drift.md, reports/drift.json and the Allure suite
// "Emulator drift". With an accepted baseline (docs/vendor-shapes/<api>.json) it also says which side
// moved: baseline vs vendor, baseline vs emulator.
//   --accept              writes docs/vendor-shapes/<api>.json from the vendor shapes, then compares
//   --emulator <dir>      compares shapes an earlier emulator run recorded instead of running one
//   --demo <api>[:<fault>] plays the vendor with that API's emulator on a port of its own, that fault
//                         switched on: a real drift report anyone can produce here (docs/drift.md)
//   --doc                 with --demo: writes the report into docs/drift.md, between its markers
// Anything else is passed to cucumber (`-- --parallel 2`). Drift is a finding: the exit status is 0
// with or without drift, 1 when there was nothing to compare, 2 for a bad option or configuration.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isApiId } from '../support/apis';
import { API_IDS, CONTRACT, ConfigError, loadConfig, type ApiId, type Config } from '../support/config';
import { emulatorFor } from '../support/emulators';
import { faultInfo } from '../support/emulators/faults';
import { hostEmulator } from '../support/emulators/host';
import { Redactor } from '../support/redact';
import { clearShapeParts, readShapeFiles, SHAPES_DIR, writeShapeFile, type ShapeFile } from '../support/shapes/collect';
import { compareShapes } from '../support/shapes/compare';
import { removeReportEntries } from '../support/report-entry';
import { DRIFT_ENTRY, differenceCount, verdict, writeDrift, type ApiDrift, type DriftReport } from '../support/shapes/report';
import { exitStatusFor, runChild, stopWithChildren, stopping } from './run/children';
import { takeReportsLock } from './run/lock';

export const BASELINES = 'docs/vendor-shapes';
export const EMULATOR_SHAPES = 'reports/drift/emulator';
const DEMO_VENDOR = 'reports/drift/demo-vendor';
const RESULTS = 'reports/allure-results';
const CUCUMBER = 'node_modules/@cucumber/cucumber/bin/cucumber.js';
export const DOC = 'docs/drift.md';
export const DOC_MARKERS = ['<!-- drift-demo:start -->', '<!-- drift-demo:end -->'] as const;

/** Shown as the file is, in a fence (four backticks: the report quotes paths in single ones). */
const FENCE = '`'.repeat(4);

/** The report as docs/drift.md shows it between its markers (tests/drift.test.ts checks it is the command's). */
export function docSection(doc: string): string | undefined {
  const start = doc.indexOf(DOC_MARKERS[0]);
  const end = doc.indexOf(DOC_MARKERS[1]);
  if (start < 0 || end < start) return undefined;
  const inside = doc.slice(start + DOC_MARKERS[0].length, end).trim();
  return inside.startsWith(`${FENCE}markdown\n`) && inside.endsWith(`\n${FENCE}`) ? `${inside.slice(FENCE.length + 9, -FENCE.length - 1)}\n` : inside;
}

/** --doc: the report into docs/drift.md between its markers; false (said) when the markers are missing. */
function writeDocSection(report: string): boolean {
  const doc = readFileSync(DOC, 'utf8');
  if (docSection(doc) === undefined) {
    console.error(`${DOC} has no ${DOC_MARKERS.join(' … ')} markers to write the report between.`);
    return false;
  }
  const start = doc.indexOf(DOC_MARKERS[0]) + DOC_MARKERS[0].length;
  writeFileSync(DOC, `${doc.slice(0, start)}\n${FENCE}markdown\n${report.trimEnd()}\n${FENCE}\n${doc.slice(doc.indexOf(DOC_MARKERS[1]))}`);
  console.log(`${DOC}: its example report is now this one.`);
  return true;
}

class OptionError extends Error {}

export interface DriftOptions {
  vendor: string;
  vendorGiven: boolean;
  emulator?: string;
  accept: boolean;
  demo?: { api: ApiId; fault?: string };
  doc: boolean;
  cucumber: string[];
}

export function parseOptions(argv: string[]): DriftOptions {
  const options: DriftOptions = { vendor: SHAPES_DIR, vendorGiven: false, accept: false, doc: false, cucumber: [] };
  const value = (at: number, example: string) => {
    const next = argv[at + 1];
    if (next === undefined || next.startsWith('--')) throw new OptionError(`${argv[at]} needs a value, e.g. npm run drift -- ${argv[at]} ${example}`);
    return next;
  };
  for (let at = 0; at < argv.length; at++) {
    const arg = argv[at]!;
    if (arg === '--vendor') {
      options.vendor = value(at++, 'nightly-artifact/shapes');
      options.vendorGiven = true;
    } else if (arg === '--emulator') options.emulator = value(at++, EMULATOR_SHAPES);
    else if (arg === '--accept') options.accept = true;
    else if (arg === '--doc') options.doc = true;
    else if (arg === '--demo') {
      const [api, fault] = value(at++, 'sdm:cookie-not-httponly').split(':', 2) as [string, string | undefined];
      if (!isApiId(api)) throw new OptionError(`--demo ${api}: no such API; expected one of ${API_IDS.join(', ')}, optionally with one of its faults (sdm:cookie-not-httponly)`);
      if (fault !== undefined && !faultInfo(api, fault)) throw new OptionError(`--demo ${api}:${fault}: ${api} has no such fault; its faults are in support/apis/${api}/faults.ts`);
      options.demo = { api, fault };
    } else options.cucumber.push(arg);
  }
  if (options.doc && !options.demo) throw new OptionError(`--doc writes the --demo report into ${DOC}: give --demo <api>:<fault> too`);
  if (options.demo && (options.vendorGiven || options.accept)) throw new OptionError('--demo plays the vendor itself: it takes neither --vendor nor --accept');
  return options;
}

/** Runs features/<api> for `apis` with the drift profile, shapes into `dir`; cucumber's exit status. */
async function recordShapes(apis: ApiId[], dir: string, env: Record<string, string>, extra: string[]): Promise<number> {
  clearShapeParts(dir);
  for (const api of apis) rmSync(join(dir, `${api}.json`), { force: true });
  const args = [CUCUMBER, '-p', 'drift', '--world-parameters', JSON.stringify({ shapesDir: dir }), ...extra, ...apis.map((api) => `features/${api}`)];
  const ended = await runChild(process.execPath, args, { env: { ...process.env, FORCE_COLOR: '0', ...env } });
  return ended.status ?? 1;
}

/** Every API on its embedded emulator, without a fault: a developer's .env pointing elsewhere does not count here. */
const ON_EMULATORS: Record<string, string> = { EMULATOR_FAULT: '', ...Object.fromEntries(API_IDS.map((id) => [`${CONTRACT[id].prefix}BASE_URL`, ''])) };

/** --demo: the API's emulator with the fault on, on a port of its own, as the vendor; its shapes in DEMO_VENDOR. */
async function recordDemoVendor(config: Config, demo: { api: ApiId; fault?: string }, extra: string[]): Promise<number> {
  const { api, fault } = demo;
  const vars = config.targets[api].vars;
  const vendor = await hostEmulator(emulatorFor(api, vars, fault === undefined ? undefined : { api, fault }), { host: '127.0.0.1', port: 0 });
  console.log(`The vendor: ${api}'s emulator at ${vendor.url}${fault ? ` with the fault ${fault} (${faultInfo(api, fault)!.says})` : ', without a fault'}.`);
  try {
    return await recordShapes([api], DEMO_VENDOR, { ...ON_EMULATORS, ...vars, [`${CONTRACT[api].prefix}BASE_URL`]: vendor.url }, extra);
  } finally {
    await vendor.close();
  }
}

/** The comparisons one API's shapes allow, or why none. */
export function compareApi(api: ApiId, vendor: ShapeFile | undefined, emulator: ShapeFile | undefined, baseline: ShapeFile | undefined, vendorDir: string): ApiDrift {
  const drift: ApiDrift = { api, product: CONTRACT[api].product, comparisons: [] };
  const fromVendor = vendor?.target === 'vendor' ? vendor : undefined;
  if (!fromVendor && !baseline) {
    drift.notCompared = vendor
      ? `${join(vendorDir, `${api}.json`)} was recorded against the embedded emulator (npm run acceptance writes that too), not a vendor: nothing to compare. Run npm run nightly with ${CONTRACT[api].prefix}BASE_URL set, or pass --vendor <dir> with a nightly's shapes.`
      : `No vendor shapes of ${api} in ${vendorDir} and no accepted baseline ${BASELINES}/${api}.json.`;
  } else if (!emulator) {
    drift.notCompared = `The emulator run recorded no shape of ${api}: see its cucumber output above.`;
  } else {
    if (fromVendor) drift.comparisons.push(compareShapes(fromVendor, emulator, 'vendor', 'emulator'));
    if (baseline && fromVendor) drift.comparisons.push(compareShapes(baseline, fromVendor, 'baseline', 'vendor'));
    if (baseline) drift.comparisons.push(compareShapes(baseline, emulator, 'baseline', 'emulator'));
  }
  return drift;
}

async function main(argv: string[]): Promise<number> {
  let options: DriftOptions;
  let config: Config;
  try {
    options = parseOptions(argv);
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof OptionError || error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  const refused = takeReportsLock('npm run drift');
  if (refused) {
    console.error(refused);
    return 1;
  }
  if (options.demo) {
    const status = await recordDemoVendor(config, options.demo, options.cucumber);
    if (stopping()) return exitStatusFor(stopping()!);
    if (status === 2) return 2;
    options.vendor = DEMO_VENDOR;
  } else if (options.vendorGiven && !(existsSync(options.vendor) && statSync(options.vendor).isDirectory())) {
    console.error(`--vendor ${options.vendor} is not a folder; expected a nightly's shapes (reports/shapes/ of its artifact), holding <api>.json files.`);
    return 2;
  }
  let vendor: Map<string, ShapeFile>;
  let baselines: Map<string, ShapeFile>;
  try {
    vendor = readShapeFiles(options.vendor);
    baselines = options.demo ? new Map<string, ShapeFile>() : readShapeFiles(BASELINES);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (options.accept) {
    mkdirSync(BASELINES, { recursive: true });
    for (const file of vendor.values()) {
      if (file.target !== 'vendor') {
        console.error(`Not accepted: ${join(options.vendor, `${file.api}.json`)} was recorded against the embedded emulator, not a vendor.`);
        continue;
      }
      writeShapeFile(join(BASELINES, `${file.api}.json`), file);
      baselines.set(file.api, file);
      console.log(`Accepted ${join(options.vendor, `${file.api}.json`)} as the baseline ${BASELINES}/${file.api}.json (commit it).`);
    }
  }
  const apis = API_IDS.filter((api) => vendor.has(api) || baselines.has(api));
  const comparable = apis.filter((api) => vendor.get(api)?.target === 'vendor' || baselines.has(api));
  if (comparable.length === 0) {
    for (const api of apis) console.error(compareApi(api, vendor.get(api), undefined, undefined, options.vendor).notCompared);
    const inside = existsSync(join(options.vendor, 'shapes')) ? ` (its shapes/ folder may hold them: --vendor ${join(options.vendor, 'shapes')})` : '';
    console.error(`Nothing to compare: no vendor shapes in ${options.vendor}${inside} (npm run nightly writes them; --vendor <dir> reads a nightly artifact's; --demo <api>:<fault> plays a vendor here) and no baseline in ${BASELINES}.`);
    return 1;
  }
  let emulatorDir = options.emulator;
  if (emulatorDir === undefined) {
    emulatorDir = EMULATOR_SHAPES;
    console.log(`The emulators: ${comparable.join(', ')} (cucumber -p drift), shapes into ${emulatorDir}.`);
    const status = await recordShapes(comparable, emulatorDir, ON_EMULATORS, options.cucumber);
    if (stopping()) return exitStatusFor(stopping()!);
    if (status === 2) return 2;
    if (status !== 0) console.log('Some scenarios failed on the emulators: their exchanges up to the failure are compared.');
  }
  const emulator = readShapeFiles(emulatorDir);
  const report: DriftReport = {
    sources: { vendor: options.vendor, emulator: emulatorDir, ...(baselines.size ? { baseline: BASELINES } : {}) },
    apis: apis.map((api) => compareApi(api, vendor.get(api), emulator.get(api), baselines.get(api), options.vendor)),
  };
  removeReportEntries(RESULTS, DRIFT_ENTRY); // each drift shows its own
  const [markdown] = writeDrift(report, new Redactor(config.secrets, config.identities), { allureResults: RESULTS });
  if (options.doc && !writeDocSection(readFileSync(markdown!, 'utf8'))) return 2;
  for (const api of report.apis) {
    const details = differenceCount(api) ? ` (${api.comparisons.map((c) => `${c.left} vs ${c.right}: ${c.differences.length}`).join(', ')})` : '';
    console.log(`Drift ${api.api}: ${api.notCompared ?? `${verdict(api)}${details}`}`);
  }
  console.log(`Drift report: ${markdown}, reports/drift.json${existsSync(RESULTS) ? ` and the Allure suite "Emulator drift" (npm run report rebuilds the report)` : ''}.`);
  return 0;
}

if (require.main === module) {
  stopWithChildren();
  void main(process.argv.slice(2)).then((status) => process.exit(status));
}
