// `npm run auth-features`: writes features/<api>/unauthenticated.feature for every API whose
// support/apis/<api>/protected-routes.ts lists routes that need a session (support/unauthenticated/feature.ts);
// `-- --check` only says which are out of date (tests/unauthenticated.test.ts runs the same comparison).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { APIS } from '../support/apis';
import { featureFile, renderFeature } from '../support/unauthenticated/feature';

/** Per API, its feature file and the text it should hold (undefined: there should be none). */
export function wantedFeatures(): Array<{ file: string; text: string | undefined }> {
  return APIS.map((api) => ({ file: featureFile(api.contract.id), text: renderFeature(api) }));
}

/** The feature files whose content differs from what the declarations generate. */
export function staleFeatures(): string[] {
  return wantedFeatures()
    .filter(({ file, text }) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined) !== text)
    .map(({ file }) => file);
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const stale = staleFeatures();
    for (const file of stale) console.error(`${file} is out of date with its protected-routes.ts: run npm run auth-features`);
    process.exit(stale.length ? 1 : 0);
  }
  for (const { file, text } of wantedFeatures()) {
    if (text !== undefined) {
      writeFileSync(file, text);
      console.log(`wrote ${file}`);
    } else if (existsSync(file)) {
      rmSync(file);
      console.log(`removed ${file}: its API lists no route that needs a session`);
    }
  }
}
