import { describe, expect, it } from 'vitest';

import { buildTicket } from '../../../main/engine/tickets/build-ticket';
import {
  trimToGraphemes,
  trimToLength,
} from '../../../main/engine/tickets/graphemes';
import { sampleCompromise } from '../../../main/engine/tickets/sample-compromise';
import { tokenValues } from '../../../main/engine/tickets/token-values';

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Reference results that segment the whole text. */
function referenceGraphemes(text: string, max: number): string {
  return Array.from(segmenter.segment(text), s => s.segment)
    .slice(0, max)
    .join('');
}

function referenceLength(text: string, maxUnits: number): string {
  let result = '';
  for (const { segment } of segmenter.segment(text)) {
    if (result.length + segment.length > maxUnits) break;
    result += segment;
  }
  return result;
}

/** Clusters whose boundaries depend on the code point after them. */
const PIECES = [
  'a',
  '\u{1F44D}',
  '\u{1F3FD}', // skin tone modifier: Extend, two code units
  '\u200D',
  '\u{1F469}',
  '\u0301', // combining acute accent
  '\r',
  '\n',
  '\u{1F1E9}', // regional indicator D
  '\u{1F1EA}', // regional indicator E
  '\u1100', // Hangul choseong
  '\u1161', // Hangul jungseong
  '\u0915\u094D', // Devanagari consonant and virama
  '\u00A0',
];

/** Deterministic pseudo-random text, so a failure repeats. */
function randomText(seed: number, pieces: number): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < pieces; i += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    text += PIECES[state % PIECES.length];
  }
  return text;
}

describe('trimming long text', () => {
  it('matches whole-text segmentation', () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const text = randomText(seed, 40 + (seed % 90));
      for (const limit of [0, 1, 2, 3, 5, 8, 13, 21, 34, 55]) {
        const context = `seed ${seed}, limit ${limit}`;
        expect(trimToGraphemes(text, limit).text, context).toBe(
          referenceGraphemes(text, limit),
        );
        expect(trimToLength(text, limit).text, context).toBe(
          referenceLength(text, limit),
        );
      }
    }
  });

  it('cuts a 3 MB value like a short one', () => {
    const head = '\u{1F44D}\u{1F3FD}'.repeat(10);
    const text = `${head}${'A'.repeat(3_000_000)}`;

    expect(trimToGraphemes(text, 255).text).toBe(
      referenceGraphemes(text.slice(0, 1_000), 255),
    );
    expect(trimToLength(text, 255).text).toBe(
      referenceLength(text.slice(0, 1_000), 255),
    );
  });

  it('masks a 3 MB password like a short one', () => {
    const compromise = {
      ...sampleCompromise(new Date(), '33333333-3333-4333-8333-333333333333'),
      password: 'secret'.repeat(500_000),
    };
    const values = tokenValues(compromise, 'Org');

    expect(values.obscured_password).toBe(`secr${'*'.repeat(251)}`);
  });

  it('builds a ticket from megabyte fields', () => {
    const big = 'B'.repeat(3_000_000);
    const result = buildTicket({
      compromise: {
        ...sampleCompromise(new Date(), '44444444-4444-4444-8444-444444444444'),
        searchValue: big,
        source: big,
        origin: big,
        compromise: big,
        password: big,
      },
      organizationName: 'Org',
      mappings: {
        'Catchall Account': '1',
        'Catchall Location': '2',
        'Ticket Source': '5',
        'Ticket Type': '2',
        Status: '1',
        Priority: '2',
        Queue: '7',
        Title: '[search_value]',
        Details: '[source] [origin] [compromise] [obscured_password]',
      },
      company: null,
      openDate: new Date(),
    });

    expect(result.ok ? [] : result.problems).toEqual([]);
    if (result.ok) expect(result.ticket.Title).toBe('B'.repeat(255));
  });
});
