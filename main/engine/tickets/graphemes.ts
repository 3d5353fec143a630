/**
 * Length and trimming by grapheme cluster (what a reader sees as one
 * character), so that trimming never splits an emoji, a ZWJ sequence, a flag
 * or a letter from its combining marks.
 */

// Grapheme boundaries follow Unicode UAX #29 and do not depend on the locale.
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

// Printable ASCII (U+0020 to U+007E) has no characters that join a cluster,
// so text made only of it has one cluster per code unit. Control characters
// are left out because CR LF is a single cluster.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Splits `text` into grapheme clusters. */
export function splitGraphemes(text: string): string[] {
  if (PRINTABLE_ASCII.test(text)) return text.split('');
  return Array.from(segmenter.segment(text), s => s.segment);
}

/** Counts the grapheme clusters in `text`. */
export function countGraphemes(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
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
  // Every cluster has at least one UTF-16 code unit, so a text of at most
  // `max` units has at most `max` clusters and needs no segmenting.
  if (text.length <= max) return { text, isTrimmed: false };
  // Intl.Segmenter reads the whole string before the first segment (about
  // 1 s for 3 MB on Node 20), so only a prefix is segmented. A prefix gives
  // the same boundaries up to its last two code units, because UAX #29
  // decides each boundary from the text before it and the one code point
  // (at most two units) after it. The window grows until such a boundary
  // follows max clusters.
  for (let window = 4 * (max + 1); ; window *= 2) {
    const isWhole = window >= text.length;
    const prefix = isWhole ? text : text.slice(0, window);
    const lastReliable = isWhole ? text.length : prefix.length - 2;
    let count = 0;
    for (const { index } of segmenter.segment(prefix)) {
      if (index > lastReliable) break;
      if (count === max) {
        return { text: text.slice(0, index), isTrimmed: true };
      }
      count += 1;
    }
    if (isWhole) return { text, isTrimmed: false };
  }
}

/**
 * Cuts `text` to at most `maxUnits` UTF-16 code units, always at a grapheme
 * boundary, so a cluster that does not fit whole is dropped whole. UTF-16
 * units are what .NET's `string.Length` and SQL Server's `nvarchar(n)`
 * count, so a BMS field limit most likely counts them too (an estimate).
 */
export function trimToLength(
  text: string,
  maxUnits: number,
): { text: string; isTrimmed: boolean } {
  if (!Number.isInteger(maxUnits) || maxUnits < 0) {
    throw new RangeError(`max must be a whole number >= 0, got ${maxUnits}`);
  }
  if (text.length <= maxUnits) return { text, isTrimmed: false };
  // Only ends at or before maxUnits are kept, and a prefix two units longer
  // gives the same boundaries there (see trimToGraphemes), so the rest of a
  // long text is never segmented.
  let end = 0;
  const prefix = text.slice(0, maxUnits + 2);
  for (const { index, segment } of segmenter.segment(prefix)) {
    if (index + segment.length > maxUnits) break;
    end = index + segment.length;
  }
  return { text: text.slice(0, end), isTrimmed: true };
}
