import { describe, expect, it } from 'vitest';
import { countGraphemes } from '../../../main/engine/tickets/graphemes';
import {
  appendMarker,
  detailsMinimumLength,
  hasMarker,
  ticketMarker,
} from '../../../main/engine/tickets/marker';

const UUID = '3f1c2a9e-8d4b-4c6e-9a1f-2b3c4d5e6f70';
const MARKER = `dwid-compromise:${UUID}`;

describe('ticketMarker', () => {
  it('formats the uuid', () => {
    expect(ticketMarker(UUID)).toBe(MARKER);
  });
});

describe('appendMarker', () => {
  it('appends after a blank line', () => {
    const result = appendMarker('Body', UUID, 8000);
    expect(result.text).toBe(`Body\n\n${MARKER}`);
    expect(result.isTrimmed).toBe(false);
  });

  it('keeps the marker of a 20,000-character body', () => {
    const max = 8000;
    const result = appendMarker('x'.repeat(20_000), UUID, max);
    expect(result.text.endsWith(`\n\n${MARKER}`)).toBe(true);
    expect(countGraphemes(result.text)).toBe(max);
    expect(result.text.length).toBeLessThanOrEqual(max);
    expect(result.isTrimmed).toBe(true);
  });

  it('trims an emoji body by grapheme', () => {
    // 25 code units of room: two 11-unit family emoji fit, a third does not.
    const family = '👩‍👩‍👧‍👦';
    const max = `\n\n${MARKER}`.length + 25;
    const result = appendMarker(family.repeat(5), UUID, max);
    expect(result.text).toBe(`${family}${family}\n\n${MARKER}`);
    expect(result.text.length).toBe(max - 3);
  });

  it('fits a body of exactly the room left', () => {
    const room = 100 - countGraphemes(`\n\n${MARKER}`);
    const result = appendMarker('y'.repeat(room), UUID, 100);
    expect(result.isTrimmed).toBe(false);
    expect(countGraphemes(result.text)).toBe(100);
  });

  it('accepts the minimum length', () => {
    const result = appendMarker('abc', UUID, detailsMinimumLength(UUID));
    expect(result.text).toBe(`a\n\n${MARKER}`);
  });

  it.each([0, 10, detailsMinimumLength(UUID) - 1, 100.5])(
    'rejects max %d',
    max => {
      expect(() => appendMarker('abc', UUID, max)).toThrow(RangeError);
    },
  );

  it('computes the minimum length', () => {
    expect(detailsMinimumLength(UUID)).toBe(2 + MARKER.length + 1);
  });
});

describe('hasMarker', () => {
  it.each([
    ['appended marker', `Body\n\n${MARKER}`, true],
    ['marker alone', MARKER, true],
    ['marker mid-text', `a ${MARKER} b`, true],
    ['marker in HTML', `<p>${MARKER}</p>`, true],
    ['longer uuid', `${MARKER}0`, false],
    ['prefixed uuid', `x${MARKER}`, false],
    [
      'other uuid',
      'dwid-compromise:00000000-0000-4000-8000-000000000000',
      false,
    ],
    ['second occurrence counts', `${MARKER}0 ${MARKER}`, true],
    ['no marker', 'Body', false],
  ])('detects %s', (_name, details, expected) => {
    expect(hasMarker(details, UUID)).toBe(expected);
  });
});
