import { describe, expect, it } from 'vitest';

import {
  buildCompanyIndex,
  hasEdgeWhitespace,
} from '../../main/engine/company-match';

const accounts = [
  { id: 10, name: 'Northwind Traders' },
  { id: 11, name: 'contoso ltd' },
  { id: 12, name: 'Fabrikam ' },
  { id: 13, name: 'Fabrikam Inc' },
  { id: 14, name: 'Tailspin Toys' },
  { id: 9, name: 'Tailspin Toys' },
];

describe('buildCompanyIndex', () => {
  const index = buildCompanyIndex(accounts);

  it('matches an exactly equal name', () => {
    expect(index.resolve('Northwind Traders')?.id).toBe(10);
  });

  it('does not match a name differing by case', () => {
    expect(index.resolve('Contoso Ltd')).toBeUndefined();
  });

  it('does not match a name differing by a trailing space', () => {
    expect(index.resolve('Fabrikam')).toBeUndefined();
    expect(index.resolve('Fabrikam ')?.id).toBe(12);
  });

  it('returns undefined for an organization with no account', () => {
    expect(index.resolve('Wide World Importers')).toBeUndefined();
  });

  it('picks the lowest id among duplicate names', () => {
    expect(index.resolve('Tailspin Toys')?.id).toBe(9);
  });

  it('prefers an explicit link over an equal name', () => {
    const linked = buildCompanyIndex(accounts, [
      { organizationTitle: 'Fabrikam ', accountName: 'Fabrikam Inc' },
      { organizationTitle: 'Contoso Ltd', accountName: 'contoso ltd' },
    ]);
    expect(linked.resolve('Fabrikam ')?.id).toBe(13);
    expect(linked.resolve('Contoso Ltd')?.id).toBe(11);
  });

  it('ignores a link to an account that no longer exists', () => {
    const linked = buildCompanyIndex(accounts, [
      { organizationTitle: 'Northwind Traders', accountName: 'Gone Ltd' },
    ]);
    expect(linked.resolve('Northwind Traders')?.id).toBe(10);
  });
});

describe('hasEdgeWhitespace', () => {
  it.each([
    ['Fabrikam ', true],
    [' Fabrikam', true],
    ['Fabrikam\u00a0', true],
    ['Fabrikam Inc', false],
  ])('%j → %s', (name, expected) => {
    expect(hasEdgeWhitespace(name)).toBe(expected);
  });
});
