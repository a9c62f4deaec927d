// Numeric comparisons as a scenario writes them ("is at least 60", "is ≤ 2000", "has fewer than 3 items")
// and as a failure sentence says them back, in one wording whatever spelling the scenario used.

export type Operator = '<' | '<=' | '>' | '>=' | '=';

export interface Comparison {
  op: Operator;
  /** How a sentence says it: "below", "at most", "above", "at least", "exactly". */
  words: string;
}

const WORDS: Record<Operator, string> = { '<': 'below', '<=': 'at most', '>': 'above', '>=': 'at least', '=': 'exactly' };

const SPELLINGS: Record<string, Operator> = {
  below: '<',
  'less than': '<',
  'fewer than': '<',
  '<': '<',
  'at most': '<=',
  '<=': '<=',
  '≤': '<=',
  above: '>',
  'greater than': '>',
  'more than': '>',
  '>': '>',
  'at least': '>=',
  '>=': '>=',
  '≥': '>=',
  exactly: '=',
  '=': '=',
};

/** The cucumber parameter's regexp: longer spellings first, so "<=" is not read as "<". */
export const COMPARISON_PATTERN = new RegExp(
  Object.keys(SPELLINGS)
    .sort((a, b) => b.length - a.length)
    .map((spelling) => spelling.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
);

export function parseComparison(text: string): Comparison {
  const op = SPELLINGS[text.trim()];
  if (!op) throw new Error(`"${text}" is not a comparison (write one of: ${Object.keys(SPELLINGS).join(', ')})`);
  return { op, words: WORDS[op] };
}

/** How a count is compared in a sentence: "fewer than 3 items", "at least 1 item". */
export function countWords(comparison: Comparison): string {
  return { '<': 'fewer than', '<=': 'at most', '>': 'more than', '>=': 'at least', '=': 'exactly' }[comparison.op];
}

export function holds(actual: number, comparison: Comparison, bound: number): boolean {
  switch (comparison.op) {
    case '<':
      return actual < bound;
    case '<=':
      return actual <= bound;
    case '>':
      return actual > bound;
    case '>=':
      return actual >= bound;
    case '=':
      return actual === bound;
  }
}

/** Both bounds included, in either order ("between 31 and 29" means the same as "between 29 and 31"). */
export function between(actual: number, low: number, high: number): boolean {
  return actual >= Math.min(low, high) && actual <= Math.max(low, high);
}

/**
 * A number written as text (an XML element, a header): decimal, optionally signed, with an exponent;
 * undefined for anything else, including "", " 12 " with inner spaces, "0x1F", "1,5" or "Infinity".
 */
export function numberFromText(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** A measured number as a sentence shows it: at most three decimals, no float noise (29.983, not 29.98333333). */
export function shown(value: number): string {
  return String(Number(value.toFixed(3)));
}
