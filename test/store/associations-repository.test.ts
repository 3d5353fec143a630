import { describe, expect, it } from 'vitest';
import { catchConnectorError } from './catch-error';
import { integrationInput, openMemoryStore, organization } from './fixtures';

function seed() {
  const store = openMemoryStore();
  const a = store.integrations.create(integrationInput({ name: 'Alpha BMS' }));
  const b = store.integrations.create(integrationInput({ name: 'Beta BMS' }));
  store.organizations.upsertMany([
    organization('o1', 'Contoso'),
    organization('o2', 'Fabrikam'),
    organization('o3', 'Northwind'),
  ]);
  return { store, a: a.id, b: b.id };
}

describe('organizations repository', () => {
  it('upserts, lists and finds by exact title', () => {
    const { store } = seed();
    store.organizations.upsertMany([
      { uuid: 'o2', title: 'fabrikam inc', isEnabled: false },
    ]);
    expect(store.organizations.list().map(org => org.title)).toEqual([
      'Contoso',
      'fabrikam inc',
      'Northwind',
    ]);
    expect(store.organizations.getByUuid('o2')).toEqual({
      uuid: 'o2',
      title: 'fabrikam inc',
      isEnabled: false,
    });
    expect(store.organizations.getByTitle('Contoso')?.uuid).toBe('o1');
    expect(store.organizations.getByTitle('contoso')).toBeNull();
    expect(store.organizations.getByUuid('none')).toBeNull();
  });
});

describe('associations repository', () => {
  it('associates, counts and clears', () => {
    const { store, a, b } = seed();
    store.associations.associate('o1', a);
    store.associations.associate('o2', a);
    store.associations.associate('o3', b);
    store.associations.associate('o1', a);
    expect(store.associations.integrationFor('o1')).toBe(a);
    expect(store.associations.listForIntegration(a)).toEqual(['o1', 'o2']);
    expect(store.associations.countByIntegration()).toEqual(
      new Map([
        [a, 2],
        [b, 1],
      ]),
    );
    expect(store.associations.clear('o1')).toBe(true);
    expect(store.associations.clear('o1')).toBe(false);
    expect(store.associations.integrationFor('o1')).toBeNull();
  });

  it('conflict names organization and owner', () => {
    const { store, a, b } = seed();
    store.associations.associate('o1', a);
    const error = catchConnectorError(() =>
      store.associations.associate('o1', b),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('"Contoso"');
    expect(error.message).toContain('"Alpha BMS"');
    expect(store.associations.integrationFor('o1')).toBe(a);
  });

  it('raises not-found for unknown organization or integration', () => {
    const { store, a } = seed();
    expect(
      catchConnectorError(() => store.associations.associate('zz', a)).code,
    ).toBe('not-found');
    expect(
      catchConnectorError(() => store.associations.associate('o1', 999)).code,
    ).toBe('not-found');
  });

  it('replaces and lists selectors', () => {
    const { store, a } = seed();
    store.associations.replaceSelectors(a, ['Contoso', '*', 'Contoso']);
    expect(store.associations.listSelectors(a)).toEqual(['*', 'Contoso']);
    store.associations.replaceSelectors(a, ['Fabrikam']);
    expect(store.associations.listSelectors(a)).toEqual(['Fabrikam']);
    expect(
      catchConnectorError(() => store.associations.replaceSelectors(a, [' ']))
        .code,
    ).toBe('validation');
    expect(store.associations.listSelectors(a)).toEqual(['Fabrikam']);
  });

  it('applies titles before the wildcard', () => {
    const { store, a, b } = seed();
    store.associations.replaceSelectors(a, ['*']);
    store.associations.replaceSelectors(b, ['Northwind', 'Missing Org']);
    const outcome = store.associations.applySelectors();
    expect(outcome).toEqual({ associated: 3, conflicts: [] });
    expect(store.associations.integrationFor('o3')).toBe(b);
    expect(store.associations.listForIntegration(a)).toEqual(['o1', 'o2']);
    expect(store.associations.applySelectors()).toEqual({
      associated: 0,
      conflicts: [],
    });
  });

  it('reports a title taken by another integration', () => {
    const { store, a, b } = seed();
    store.associations.associate('o1', a);
    store.associations.replaceSelectors(b, ['Contoso', 'Fabrikam']);
    const outcome = store.associations.applySelectors();
    expect(outcome.associated).toBe(1);
    expect(outcome.conflicts).toEqual([
      {
        integrationId: b,
        integrationName: 'Beta BMS',
        selector: 'Contoso',
        organizationUuid: 'o1',
        otherIntegrationId: a,
        otherIntegrationName: 'Alpha BMS',
      },
    ]);
    expect(store.associations.integrationFor('o1')).toBe(a);
    expect(store.associations.integrationFor('o2')).toBe(b);
  });

  it('associates new organizations on a later apply', () => {
    const { store, a } = seed();
    store.associations.replaceSelectors(a, ['*']);
    store.associations.applySelectors();
    store.organizations.upsertMany([organization('o4', 'Tailspin')]);
    expect(store.associations.applySelectors().associated).toBe(1);
    expect(store.associations.integrationFor('o4')).toBe(a);
  });
});
