/**
 * Length and trimming by grapheme cluster (what a reader sees as one
 * character), so that trimming never splits an emoji, a ZWJ sequence, a flag
 * or a letter from its combining marks.
 */

// Grapheme boundaries follow Unicode UAX #29 and do not depend on the locale.
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Splits `text` into grapheme clusters. */
export function splitGraphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), s => s.segment);
}

/** Counts the grapheme clusters in `text`. */
export function countGraphemes(text: string): number {
  return Array.from(segmenter.segment(text)).length;
}

/**
 * Cuts `text` to at most `max` grapheme clusters. `isTrimmed` is true when
 * something was cut off. Throws a RangeError when `max` is not a whole number
 * of at least 0.
 */
export function trimToGraphemes(
  text: string,
  max: number,
): { text: string; isTrimmed: boolean } {
  if (!Number.isInteger(max) || max < 0) {
    throw new RangeError(`max must be a whole number >= 0, got ${max}`);
  }
  let count = 0;
  for (const { index } of segmenter.segment(text)) {
    if (count === max) {
      return { text: text.slice(0, index), isTrimmed: true };
    }
    count += 1;
  }
  return { text, isTrimmed: false };
}

/**
 * Cuts `text` to at most `maxUnits` UTF-16 code units (what .NET's
 * `string.Length` and SQL Server's `nvarchar(n)` count, and so what a BMS
 * field limit most likely counts), always at a grapheme boundary: a cluster
 * that does not fit whole is dropped whole.
 */
export function trimToLength(
  text: string,
  maxUnits: number,
): { text: string; isTrimmed: boolean } {
  if (!Number.isInteger(maxUnits) || maxUnits < 0) {
    throw new RangeError(`max must be a whole number >= 0, got ${maxUnits}`);
  }
  if (text.length <= maxUnits) return { text, isTrimmed: false };
  let end = 0;
  for (const { index, segment } of segmenter.segment(text)) {
    if (index + segment.length > maxUnits) break;
    end = index + segment.length;
  }
  return { text: text.slice(0, end), isTrimmed: true };
}
