import type { TokenName } from '../../../shared/tokens';
import { TOKENS } from '../../../shared/tokens';

/** Largest edit distance at which a known token counts as a likely typo. */
const SUGGESTION_MAX_DISTANCE = 2;

/**
 * Returns the known token closest to a misspelt one (`name` without
 * brackets), or undefined when none is near. Case, spaces and hyphens are
 * ignored first, so `Password` and `search value` get a suggestion. A name
 * matches within 2 edits, and within fewer edits than half its length, so
 * `ip` is not taken for `pii`.
 */
export function suggestToken(name: string): TokenName | undefined {
  const normalized = name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  let best: TokenName | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const token of TOKENS) {
    const distance = editDistance(normalized, token.name);
    if (distance < bestDistance) {
      best = token.name;
      bestDistance = distance;
    }
  }
  const isNear =
    bestDistance <= SUGGESTION_MAX_DISTANCE &&
    bestDistance < normalized.length / 2;
  return isNear ? best : undefined;
}

/** Computes the Levenshtein distance between `a` and `b`, by UTF-16 unit. */
export function editDistance(a: string, b: string): number {
  // previous[j] is the distance between the first i - 1 units of a and the
  // first j units of b.
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + substitution,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
