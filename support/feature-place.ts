// What a scenario's place says about it, read the same way everywhere (hooks, mutation, nightly,
// traceability, soak, robustness): the API is the folder under features/, a behaviour ID is a tag such
// as @SDM-02.

/** A behaviour ID, without its @: TOK-03, SEC-01. */
export const BEHAVIOUR_ID = /^[A-Z][A-Z0-9]*-\d+$/;

/** The folder under features/ of a feature's URI or a `features/<api>/x.feature:12` place, if any. */
export function featureFolder(uri: string): string | undefined {
  return /(?:^|\/)features\/([^/]+)\//.exec(uri.replace(/\\/g, '/'))?.[1];
}

/** A feature's URI below features/: `features/sdm/login.feature` → `sdm/login.feature`. */
export function belowFeatures(uri: string): string {
  return uri.replace(/\\/g, '/').replace(/^(?:.*\/)?features\//, '');
}

/** The behaviour IDs among tag names, given with or without their @. */
export function behaviourIds(tags: readonly string[]): string[] {
  return tags.map((tag) => tag.replace(/^@/, '')).filter((tag) => BEHAVIOUR_ID.test(tag));
}
