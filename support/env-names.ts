// Names that look meant for this project but that it does not read (TOKEN_LOGN_BASE_URL, alm_secret,
// SDM_PASWORD). Ignored, such a name would leave the run on the emulator, green, while the real target
// gets no request; config.ts refuses them instead, naming the nearest real name.

export interface NameRules {
  /** Every name the project reads. */
  known: readonly string[];
  /** A name starting with one of these, in any case, is meant for the project (API prefixes, NIGHTLY_). */
  prefixes: readonly string[];
}

export interface UnknownName {
  name: string;
  nearest: string;
}

/** A misspelling this many edits from a known name is taken for it; known names are 9+ characters. */
const MAX_EDITS = 2;

/** How names are compared: case and the separator do not matter (token_login-base.url). */
const normal = (name: string): string => name.toUpperCase().replace(/[-.]/g, '_');

/**
 * Optimal string alignment distance: insertions, deletions, substitutions, swaps of two neighbours.
 * With `max`, gives up (Infinity) once every alignment of a row costs more: most names of a shell are
 * nowhere near the project's, and start-up compares each with every one of them.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const width = b.length + 1;
  let before = new Uint16Array(width); // row i - 2
  let previous = Uint16Array.from({ length: width }, (_, j) => j); // row i - 1
  let row = new Uint16Array(width);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      row[j] = best;
      if (best < least) least = best;
    }
    // A swap reaches back two rows, so give up only when both rows are past `max`.
    if (least > max && Math.min(...previous) > max) return Infinity;
    [before, previous, row] = [previous, row, before];
  }
  return previous[b.length]!;
}

/** The names among `names` that look like the project's but are not, each with the nearest known name. */
export function unknownNames(names: Iterable<string>, rules: NameRules): UnknownName[] {
  const known = new Set(rules.known);
  const found: UnknownName[] = [];
  for (const name of names) {
    if (known.has(name)) continue;
    const wanted = normal(name);
    const prefix = rules.prefixes.find((p) => wanted.startsWith(normal(p)));
    // A name of a family is compared with that family's names only (ALM_TENANT: an ALM_ name).
    const family = prefix === undefined ? [] : rules.known.filter((candidate) => normal(candidate).startsWith(normal(prefix)));
    let nearest = '';
    let distance = Infinity;
    for (const candidate of family.length > 0 ? family : rules.known) {
      // Outside a family only a near miss counts, and the length difference alone bounds the distance
      // from below: skipping the rest keeps start-up from comparing every variable of the shell with every name.
      if (prefix === undefined && Math.abs(wanted.length - candidate.length) > MAX_EDITS) continue;
      const d = editDistance(wanted, normal(candidate), prefix === undefined ? MAX_EDITS : Infinity);
      if (d < distance) {
        nearest = candidate;
        distance = d;
      }
    }
    if (prefix !== undefined || distance <= MAX_EDITS) found.push({ name, nearest });
  }
  return found;
}
