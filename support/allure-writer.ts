// Where allure-cucumberjs writes reports/allure-results. Its default FileSystemWriter writes each result,
// container and attachment to a temp file, fsyncs it and renames it: an fsync per file, six files per
// scenario here, about 9 ms a scenario on these machines (npm run bench). The files are read by
// `allure generate` after the run, never during it, so a plain write loses nothing that a rerun would not
// restore. Handed to the formatter as its `writer` option (cucumber.cjs).
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringifyEnvInfo, type Writer } from 'allure-js-commons/sdk/reporter';

type Arg<M extends keyof Writer, I extends number = 0> = Parameters<Writer[M]>[I];

export class PlainResultsWriter implements Writer {
  private ready = false;

  constructor(private readonly resultsDir: string) {}

  writeResult(result: Arg<'writeResult'>): void {
    this.write(`${result.uuid}-result.json`, JSON.stringify(result));
  }

  writeGroup(group: Arg<'writeGroup'>): void {
    this.write(`${group.uuid}-container.json`, JSON.stringify(group));
  }

  writeAttachment(fileName: string, content: Buffer): void {
    this.write(fileName, content);
  }

  writeAttachmentFromPath(fileName: string, from: string): void {
    copyFileSync(from, this.path(fileName));
  }

  writeEnvironmentInfo(info: Arg<'writeEnvironmentInfo'>): void {
    this.write('environment.properties', stringifyEnvInfo(info));
  }

  writeCategoriesDefinitions(categories: Arg<'writeCategoriesDefinitions'>): void {
    this.write('categories.json', JSON.stringify(categories));
  }

  writeGlobals(fileName: string, globals: Arg<'writeGlobals', 1>): void {
    this.write(fileName, JSON.stringify(globals));
  }

  private write(fileName: string, content: string | Buffer): void {
    writeFileSync(this.path(fileName), content);
  }

  /** The folder is made on the first write, so a profile that writes nothing leaves none behind. */
  private path(fileName: string): string {
    if (!this.ready) {
      mkdirSync(this.resultsDir, { recursive: true });
      this.ready = true;
    }
    return join(this.resultsDir, fileName);
  }
}
