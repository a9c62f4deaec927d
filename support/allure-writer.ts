// Where allure-cucumberjs writes reports/allure-results. Its default FileSystemWriter writes each result,
// container and attachment to a temp file, fsyncs it and renames it: an fsync per file, seven files per
// generated scenario here (npm run bench). The files are read by `allure generate` after the run, never
// during it, so a plain write loses nothing that a rerun would not restore. Fewer files, nothing lost:
// - a table attachment (.csv: a step's data table, an outline's Examples, the same in every scenario of
//   an outline) is written once per content; every result that carries it points at that one file;
// - a container whose fixtures are only passed, unnamed, empty hooks (our Before/After: a context made
//   and disposed) is not written: the report shows nothing for it but a blank "Set up"/"Tear down" line.
//   A hook that failed, was named, or attached something keeps its container.
// Files are written in the background (libuv's threads, beside the scenarios); one still pending when the
// process exits (--force-exit) is written then. Handed to the formatter as its `writer` option
// (cucumber.cjs). allure-js-commons loads only when the environment file is written, so a profile
// without the Allure formatter never loads it.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFile, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writer } from 'allure-js-commons/sdk/reporter';

type Arg<M extends keyof Writer, I extends number = 0> = Parameters<Writer[M]>[I];
type Group = Arg<'writeGroup'>;
type Fixture = Group['befores'][number];
/** What carries attachments, nested: a result, a step, a fixture. */
interface Attaching {
  attachments?: Array<{ source: string }>;
  steps?: Attaching[];
}

/** Attachments written once per content: tables repeat verbatim across an outline's scenarios. */
const SHARED = /\.csv$/;

export class PlainResultsWriter implements Writer {
  private ready = false;
  /** Content hash of each shared attachment written, to its file. */
  private readonly byContent = new Map<string, string>();
  /** An attachment not written because its content already was: its name, to the file that holds it. */
  private readonly sameAs = new Map<string, string>();

  constructor(private readonly resultsDir: string) {}

  writeResult(result: Arg<'writeResult'>): void {
    this.pointAtShared(result as Attaching);
    this.write(`${result.uuid}-result.json`, JSON.stringify(result));
  }

  writeGroup(group: Group): void {
    if ([...group.befores, ...group.afters].every(trivial)) return;
    for (const fixture of [...group.befores, ...group.afters]) this.pointAtShared(fixture as Attaching);
    this.write(`${group.uuid}-container.json`, JSON.stringify(group));
  }

  writeAttachment(fileName: string, content: Buffer): void {
    if (SHARED.test(fileName)) {
      const key = createHash('sha1').update(content).digest('hex');
      const first = this.byContent.get(key);
      if (first !== undefined) {
        this.sameAs.set(fileName, first);
        return;
      }
      this.byContent.set(key, fileName);
    }
    this.write(fileName, content);
  }

  writeAttachmentFromPath(fileName: string, from: string): void {
    copyFileSync(from, this.path(fileName));
  }

  writeEnvironmentInfo(info: Arg<'writeEnvironmentInfo'>): void {
    const { stringifyEnvInfo } = require('allure-js-commons/sdk/reporter') as typeof import('allure-js-commons/sdk/reporter');
    this.write('environment.properties', stringifyEnvInfo(info));
  }

  writeCategoriesDefinitions(categories: Arg<'writeCategoriesDefinitions'>): void {
    this.write('categories.json', JSON.stringify(categories));
  }

  writeGlobals(fileName: string, globals: Arg<'writeGlobals', 1>): void {
    this.write(fileName, JSON.stringify(globals));
  }

  /** Each attachment left unwritten as a repeat now names the file written for its content (each name is used once). */
  private pointAtShared(node: Attaching): void {
    if (this.sameAs.size === 0) return;
    for (const attachment of node.attachments ?? []) {
      const first = this.sameAs.get(attachment.source);
      if (first === undefined) continue;
      this.sameAs.delete(attachment.source);
      attachment.source = first;
    }
    for (const step of node.steps ?? []) this.pointAtShared(step);
  }

  private write(fileName: string, content: string | Buffer): void {
    const path = this.path(fileName);
    this.pending.set(path, content);
    writeFile(path, content, (error) => {
      if (this.pending.get(path) === content) this.pending.delete(path);
      if (error) {
        process.stderr.write(`Could not write the Allure result ${path} (${error.message}): the report will lack it; check that ${this.resultsDir} is writable.\n`);
        process.exitCode = 1;
      }
      if (this.pending.size === 0) for (const done of this.idle.splice(0)) done();
    });
  }

  /** What is still being written: at exit, written at once (a forced exit does not wait for the threads). */
  private readonly pending = new Map<string, string | Buffer>();
  private idle: Array<() => void> = [];

  /** Resolves once every file handed over so far is written (or has failed, said on stderr). */
  async written(): Promise<void> {
    if (this.pending.size > 0) await new Promise<void>((done) => this.idle.push(done));
  }

  private flush = (): void => {
    for (const [path, content] of this.pending) writeFileSync(path, content);
    this.pending.clear();
  };

  /** The folder is made on the first write, so a profile that writes nothing leaves none behind. */
  private path(fileName: string): string {
    if (!this.ready) {
      mkdirSync(this.resultsDir, { recursive: true });
      process.once('exit', this.flush);
      this.ready = true;
    }
    return join(this.resultsDir, fileName);
  }
}

/** A hook fixture the report has nothing to show for: passed, unnamed, with no steps, attachments or parameters. */
function trivial(fixture: Fixture): boolean {
  return fixture.status === 'passed' && !fixture.name && !fixture.steps?.length && !fixture.attachments?.length && !fixture.parameters?.length && !fixture.statusDetails?.message;
}
