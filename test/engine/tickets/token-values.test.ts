import { describe, expect, it } from 'vitest';
import type { Compromise } from '../../../shared/domain';
import { TOKENS } from '../../../shared/tokens';
import { countGraphemes } from '../../../main/engine/tickets/graphemes';
import {
  formatPii,
  formatUtcDate,
  obscurePassword,
  tokenValues,
} from '../../../main/engine/tickets/token-values';

const COMPROMISE: Compromise = {
  uuid: '3f1c2a9e-8d4b-4c6e-9a1f-2b3c4d5e6f70',
  organizationUuid: 'a1b2c3d4-0000-4000-8000-000000000001',
  recordType: 'Email',
  searchValue: 'ada@example.com',
  password: 'hunter2!',
  passwordCriteria: "Doesn't Match",
  source: 'Adobe',
  origin: 'adobe.com',
  compromise: 'Data breach',
  dateAdded: '2024-03-05T14:07:59Z',
  dateFound: '2024-03-01T09:30:00.000Z',
  pii: [
    {
      firstName: 'Ada',
      lastName: 'Example',
      address: '1 Example Way',
      city: 'Exampletown',
      zip: '00000',
    },
  ],
};

describe('tokenValues', () => {
  const values = tokenValues(COMPROMISE, 'Example Ltd');

  it.each([
    ['uuid', '3f1c2a9e-8d4b-4c6e-9a1f-2b3c4d5e6f70'],
    ['password', 'hunter2!'],
    ['obscured_password', 'hunt****'],
    ['record_type', 'Email'],
    ['source', 'Adobe'],
    ['origin', 'adobe.com'],
    ['organization_name', 'Example Ltd'],
    ['compromise', 'Data breach'],
    ['password_criteria', "Doesn't Match"],
    ['search_value', 'ada@example.com'],
    ['date_added', '2024-03-05 14:07 UTC'],
    ['date_found', '2024-03-01 09:30 UTC'],
    ['pii', 'Name: Ada Example; Address: 1 Example Way, Exampletown 00000'],
  ] as const)('sets [%s]', (name, expected) => {
    expect(values[name]).toBe(expected);
  });

  it('has exactly the 13 tokens', () => {
    expect(Object.keys(values).sort()).toEqual(TOKENS.map(t => t.name).sort());
  });

  it('yields empty passwords when none', () => {
    const noPassword = tokenValues({ ...COMPROMISE, password: null }, 'X');
    expect(noPassword.password).toBe('');
    expect(noPassword.obscured_password).toBe('');
  });

  it('hides the password of IP records', () => {
    const ip = tokenValues(
      { ...COMPROMISE, recordType: 'IP', searchValue: '192.0.2.10' },
      'X',
    );
    expect(ip.password).toBe('');
    expect(ip.obscured_password).toBe('');
    expect(ip.record_type).toBe('IP');
    expect(ip.search_value).toBe('192.0.2.10');
  });

  it('yields empty pii when none', () => {
    expect(tokenValues({ ...COMPROMISE, pii: [] }, 'X').pii).toBe('');
  });

  it('caps every value at 255 graphemes', () => {
    const long = 'x'.repeat(300);
    const longEmoji = '👩‍👩‍👧‍👦'.repeat(300);
    const capped = tokenValues(
      {
        ...COMPROMISE,
        uuid: long,
        password: longEmoji,
        source: long,
        origin: long,
        compromise: long,
        searchValue: long,
        pii: [{ firstName: long }],
      },
      long,
    );
    for (const name of [
      'uuid',
      'password',
      'obscured_password',
      'source',
      'origin',
      'organization_name',
      'compromise',
      'search_value',
      'pii',
    ] as const) {
      expect(countGraphemes(capped[name]), name).toBe(255);
    }
    expect(capped.source).toBe('x'.repeat(255));
    expect(capped.password).toBe('👩‍👩‍👧‍👦'.repeat(255));
    expect(capped.pii).toBe(`Name: ${'x'.repeat(249)}`);
  });
});

describe('obscurePassword', () => {
  it.each([
    ['', ''],
    ['a', '*'],
    ['ab', 'a*'],
    ['abc', 'a**'],
    ['abcd', 'a***'],
    ['abcde', 'abcd*'],
    ['correct horse', 'corr*********'],
    ['😀', '*'],
    ['😀😃', '😀*'],
    ['p👩‍👩‍👧‍👦ss🇳🇿wd', 'p👩‍👩‍👧‍👦ss***'],
    ['cafe\u0301s', 'cafe\u0301*'],
    ['🇳🇿🇳🇿🇳🇿🇳🇿🇳🇿', '🇳🇿🇳🇿🇳🇿🇳🇿*'],
  ])('obscures %j as %j', (password, expected) => {
    expect(obscurePassword(password)).toBe(expected);
  });
});

describe('formatUtcDate', () => {
  it.each([
    ['2024-03-05T14:07:59Z', '2024-03-05 14:07 UTC'],
    ['2024-03-05T14:07:59.999Z', '2024-03-05 14:07 UTC'],
    ['2024-03-05T23:30:00+02:00', '2024-03-05 21:30 UTC'],
    ['2024-03-05T23:30:00-0100', '2024-03-06 00:30 UTC'],
    ['2024-03-05T14:07:00', '2024-03-05 14:07 UTC'],
    ['2024-03-05 14:07:00', '2024-03-05 14:07 UTC'],
    ['2024-03-05', '2024-03-05 00:00 UTC'],
    ['', ''],
    ['not a date', 'not a date'],
  ])('formats %j as %j', (text, expected) => {
    expect(formatUtcDate(text)).toBe(expected);
  });
});

describe('formatPii', () => {
  it.each([
    ['no hits', [], ''],
    ['name only', [{ firstName: 'Ada' }], 'Name: Ada'],
    ['last name only', [{ lastName: 'Example' }], 'Name: Example'],
    ['zip only', [{ zip: '00000' }], 'Address: 00000'],
    [
      'street and city',
      [{ address: '1 Example Way', city: 'Exampletown' }],
      'Address: 1 Example Way, Exampletown',
    ],
    ['blank parts', [{ firstName: '  ', city: ' ' }], ''],
    [
      'two hits and an empty one',
      [{ firstName: 'Ada', lastName: 'Example' }, {}, { city: 'Exampletown' }],
      'Name: Ada Example | Address: Exampletown',
    ],
  ])('formats %s', (_name, hits, expected) => {
    expect(formatPii(hits)).toBe(expected);
  });
});
