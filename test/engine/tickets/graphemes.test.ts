import { describe, expect, it } from 'vitest';
import {
  countGraphemes,
  splitGraphemes,
  trimToGraphemes,
  trimToLength,
} from '../../../main/engine/tickets/graphemes';

const FAMILY = '👩‍👩‍👧‍👦'; // four people joined by three ZWJ: 11 UTF-16 units
const FLAG_NZ = '🇳🇿'; // two regional indicators: 4 UTF-16 units
const E_ACUTE = 'e\u0301'; // e followed by a combining acute accent
const GRINNING = '😀'; // one surrogate pair

/** Tells whether `text` has a high or low surrogate without its partner. */
function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(
    text,
  );
}

describe('hasLoneSurrogate', () => {
  it('detects halves of a pair', () => {
    expect(hasLoneSurrogate(GRINNING.slice(0, 1))).toBe(true);
    expect(hasLoneSurrogate(GRINNING.slice(1))).toBe(true);
    expect(hasLoneSurrogate(GRINNING)).toBe(false);
  });
});

describe('countGraphemes', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    [FAMILY, 1],
    [FLAG_NZ, 1],
    [FLAG_NZ + FLAG_NZ, 2],
    [E_ACUTE, 1],
    [GRINNING, 1],
    ['a\r\nb', 3],
    ['a~ z', 4],
  ])('counts %j as %i', (text, expected) => {
    expect(countGraphemes(text)).toBe(expected);
  });
});

describe('splitGraphemes', () => {
  it('splits printable ASCII per character', () => {
    expect(splitGraphemes('a b~')).toEqual(['a', ' ', 'b', '~']);
  });

  it('keeps CR LF together', () => {
    expect(splitGraphemes('a\r\nb')).toEqual(['a', '\r\n', 'b']);
  });

  it('keeps an ASCII letter with its mark', () => {
    expect(splitGraphemes(`x${E_ACUTE}`)).toEqual(['x', E_ACUTE]);
  });

  it('keeps clusters whole', () => {
    expect(splitGraphemes(`a${FAMILY}${E_ACUTE}${FLAG_NZ}`)).toEqual([
      'a',
      FAMILY,
      E_ACUTE,
      FLAG_NZ,
    ]);
  });
});

describe('trimToGraphemes', () => {
  it.each([
    ['shorter than max', 'abc', 5, 'abc', false],
    ['exactly max', 'abcde', 5, 'abcde', false],
    ['longer than max', 'abcdef', 5, 'abcde', true],
    ['max zero', 'abc', 0, '', true],
    ['empty text', '', 0, '', false],
    ['ZWJ family at the cut', `ab${FAMILY}c`, 3, `ab${FAMILY}`, true],
    ['ZWJ family past the cut', `ab${FAMILY}c`, 2, 'ab', true],
    ['flag past the cut', `x${FLAG_NZ}${FLAG_NZ}`, 2, `x${FLAG_NZ}`, true],
    ['combining mark at the cut', `caf${E_ACUTE}s`, 4, `caf${E_ACUTE}`, true],
    ['combining mark past the cut', `caf${E_ACUTE}`, 3, 'caf', true],
    [
      'surrogate pair at the cut',
      `ab${GRINNING}${GRINNING}`,
      3,
      `ab${GRINNING}`,
      true,
    ],
    ['surrogate pair past the cut', `ab${GRINNING}`, 2, 'ab', true],
  ])('handles %s', (_name, text, max, expectedText, expectedTrimmed) => {
    const result = trimToGraphemes(text, max);
    expect(result.text).toBe(expectedText);
    expect(result.isTrimmed).toBe(expectedTrimmed);
    expect(hasLoneSurrogate(result.text)).toBe(false);
  });

  it('never splits a cluster for any max', () => {
    const text = `a${FAMILY}b${FLAG_NZ}${E_ACUTE}${GRINNING}z`;
    const clusters = splitGraphemes(text);
    for (let max = 0; max <= clusters.length + 1; max += 1) {
      const result = trimToGraphemes(text, max);
      expect(result.text).toBe(clusters.slice(0, max).join(''));
    }
  });

  it.each([-1, 1.5, Number.NaN])('rejects max %d', max => {
    expect(() => trimToGraphemes('abc', max)).toThrow(RangeError);
  });
});

describe('trimToLength', () => {
  it.each([
    ['abcdef', 4, 'abcd', true],
    ['abc', 3, 'abc', false],
    [`ab${GRINNING}`, 3, 'ab', true],
    [`ab${GRINNING}`, 4, `ab${GRINNING}`, false],
    [`a${E_ACUTE}b`, 2, 'a', true],
    [`a${E_ACUTE}b`, 3, `a${E_ACUTE}`, true],
    [`${FLAG_NZ}${FLAG_NZ}`, 6, FLAG_NZ, true],
    [`x${FAMILY}`, 11, 'x', true],
    ['', 0, '', false],
  ])('%j to %i units → %j', (text, max, expected, isTrimmed) => {
    const result = trimToLength(text, max);
    expect(result.text).toBe(expected);
    expect(result.isTrimmed).toBe(isTrimmed);
    expect(result.text.length).toBeLessThanOrEqual(max);
    expect(result.text.isWellFormed()).toBe(true);
  });

  it('rejects a negative maximum', () => {
    expect(() => trimToLength('abc', -1)).toThrow(RangeError);
  });
});
