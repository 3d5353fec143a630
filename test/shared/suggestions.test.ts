import { describe, expect, it } from 'vitest';

import {
  createSuggestionIndex,
  hasEdgeSpace,
  normalizeCompanyName,
  type SuggestionCandidate,
} from '../../shared/suggestions';

function candidates(...names: string[]): SuggestionCandidate[] {
  return names.map((name, i) => ({ id: `org-${i}`, name }));
}

describe('normalizeCompanyName', () => {
  const cases: [string, string][] = [
    ['Acme & Sons, Inc.', 'acme and sons'],
    ['Acme and Sons', 'acme and sons'],
    [' Contoso Ltd ', 'contoso'],
    ['CONTOSO', 'contoso'],
    ['Fabrikam   GmbH', 'fabrikam'],
    ['Wingtip Pty Ltd', 'wingtip'],
    ['Lucerne S.A.', 'lucerne'],
    ['Northwind Corp.', 'northwind'],
    ['Tailspin Co., LLC', 'tailspin'],
    ['Adatum PLC', 'adatum'],
    ['Café Müller', 'cafe muller'],
    ["O'Brien Plumbing", 'obrien plumbing'],
  ];

  it.each(cases)('normalises %j to %j', (name, expected) => {
    expect(normalizeCompanyName(name)).toBe(expected);
  });

  it('keeps a name made only of a suffix', () => {
    expect(normalizeCompanyName('Company')).toBe('company');
    expect(normalizeCompanyName('Inc.')).toBe('inc');
  });
});

describe('hasEdgeSpace', () => {
  it('detects leading and trailing spaces', () => {
    expect(hasEdgeSpace(' Contoso')).toBe(true);
    expect(hasEdgeSpace('Contoso ')).toBe(true);
    expect(hasEdgeSpace('Contoso\t')).toBe(true);
  });

  it('ignores inner spaces', () => {
    expect(hasEdgeSpace('Contoso Ltd')).toBe(false);
  });
});

describe('createSuggestionIndex', () => {
  const index = createSuggestionIndex(
    candidates(
      'Acme and Sons',
      'Contoso',
      'Northwind Traders',
      'Fabrikam',
      'Tailspin Toys',
      'Wide World Importers',
    ),
  );

  it('pairs ampersand and suffix variants', () => {
    const [best] = index.suggest('Acme & Sons, Inc.');
    expect(best?.name).toBe('Acme and Sons');
    expect(best?.kind).toBe('normalized');
  });

  it('pairs a name with edge spaces and suffix', () => {
    const [best] = index.suggest(' Contoso Ltd ');
    expect(best?.name).toBe('Contoso');
    expect(best?.kind).toBe('normalized');
  });

  it('pairs names differing only by case', () => {
    const [best] = index.suggest('NORTHWIND TRADERS');
    expect(best?.name).toBe('Northwind Traders');
    expect(best?.kind).toBe('case');
  });

  it('pairs names differing only by spaces', () => {
    const [best] = index.suggest(' Fabrikam ');
    expect(best?.name).toBe('Fabrikam');
    expect(best?.kind).toBe('spacing');
    expect(best?.score).toBeGreaterThan(0.95);
  });

  it('finds a misspelt name by similarity', () => {
    const [best] = index.suggest('Northwnd Traders');
    expect(best?.name).toBe('Northwind Traders');
    expect(best?.kind).toBe('similar');
  });

  it('suggests nothing for unrelated names', () => {
    expect(index.suggest('Blue Yonder Airlines')).toEqual([]);
    expect(index.suggest('Litware')).toEqual([]);
    expect(index.suggest('Proseware')).toEqual([]);
  });

  it('suggests nothing for an exactly equal name', () => {
    expect(index.suggest('Contoso')).toEqual([]);
  });

  it('suggests nothing for punctuation only', () => {
    expect(index.suggest(' & ')).toEqual([]);
  });
});

describe('suggestion ordering', () => {
  const index = createSuggestionIndex(
    candidates(
      'Contoso Pharmaceuticals',
      'contoso ltd',
      'Contoso Ltd',
      'Contoso, Inc.',
      'Contoso',
    ),
  );

  it('returns at most three candidates', () => {
    expect(index.suggest('Contoso Ltd ')).toHaveLength(3);
  });

  it('orders candidates by score', () => {
    const result = index.suggest('Contoso Ltd ');
    const scores = result.map(item => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('ranks spacing before case before normalised', () => {
    const result = index.suggest('Contoso Ltd ');
    expect(result.map(item => item.kind)).toEqual([
      'spacing',
      'case',
      'normalized',
    ]);
    expect(result[0]?.name).toBe('Contoso Ltd');
    expect(result[1]?.name).toBe('contoso ltd');
  });

  it('ranks similar names below normalised ones', () => {
    const result = index.suggest('Contoso Pharma', 5);
    const similar = result.filter(item => item.kind === 'similar');
    expect(similar[0]?.name).toBe('Contoso Pharmaceuticals');
    expect(similar[0]?.score).toBeLessThan(0.9);
  });

  it('honours a custom limit', () => {
    expect(index.suggest('contoso gmbh', 1)).toHaveLength(1);
  });
});

describe('suggestions at full scale', () => {
  const organizations = Array.from({ length: 5000 }, (_, i) => ({
    id: `org-${i}`,
    name: `Customer ${i} Holdings`,
  }));
  // Half the names are equal after normalising; the other half need Fuse.
  const accounts = Array.from({ length: 10_000 }, (_, i) =>
    i % 2 === 0
      ? `customer ${i / 2} holdings, inc.`
      : `Custmer ${(i - 1) / 2} Holdngs`,
  );

  // NOTE: the time limit is generous because CI machines vary. The whole
  // loop took about two seconds on a loaded two-core development container.
  it('serves 10,000 accounts against 5,000 names', () => {
    const started = performance.now();
    const index = createSuggestionIndex(organizations);
    let normalizedHits = 0;
    let similarHits = 0;
    for (const name of accounts) {
      const [best] = index.suggest(name, 1);
      if (best?.kind === 'normalized') normalizedHits += 1;
      if (best?.kind === 'similar') similarHits += 1;
    }
    expect(normalizedHits).toBe(5000);
    expect(similarHits).toBe(5000);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('finds the right name among similar ones', () => {
    const index = createSuggestionIndex(organizations);
    const [best] = index.suggest('Custmer 4321 Holdngs');
    expect(best?.name).toBe('Customer 4321 Holdings');
  });
});
