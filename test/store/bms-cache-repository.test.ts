import { describe, expect, it } from 'vitest';
import { catchConnectorError } from './catch-error';
import { integrationInput, openMemoryStore } from './fixtures';

describe('bmsCache repository', () => {
  it('replaces accounts and keeps main locations', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    expect(store.bmsCache.fetchedAt(id, 'accounts')).toBeNull();
    store.bmsCache.replaceAccounts(id, [
      { id: 1, name: 'Beta', isActive: true },
      { id: 2, name: 'alpha', isActive: true },
      { id: 3, name: 'Gone', isActive: true },
    ]);
    store.bmsCache.setMainLocation(id, 1, 501);
    store.bmsCache.setMainLocation(id, 3, 503);
    const firstFetch = store.bmsCache.fetchedAt(id, 'accounts');
    expect(firstFetch).not.toBeNull();

    store.bmsCache.replaceAccounts(id, [
      { id: 1, name: 'Beta Renamed', isActive: false },
      { id: 2, name: 'alpha', isActive: true },
      { id: 4, name: 'New', isActive: true },
    ]);

    expect(store.bmsCache.listAccounts(id)).toEqual([
      { id: 2, name: 'alpha', isActive: true, mainLocationId: null },
      { id: 1, name: 'Beta Renamed', isActive: false, mainLocationId: 501 },
      { id: 4, name: 'New', isActive: true, mainLocationId: null },
    ]);
    expect(store.bmsCache.fetchedAt(id, 'accounts')).not.toBe(firstFetch);
    expect(store.bmsCache.fetchedAt(id, 'lookups')).toBeNull();
  });

  it('keeps accounts of other integrations', () => {
    const store = openMemoryStore();
    const a = store.integrations.create(integrationInput({ name: 'A' }));
    const b = store.integrations.create(integrationInput({ name: 'B' }));
    store.bmsCache.replaceAccounts(a.id, [
      { id: 1, name: 'X', isActive: true },
    ]);
    store.bmsCache.replaceAccounts(b.id, [
      { id: 1, name: 'Y', isActive: true },
    ]);
    store.bmsCache.replaceAccounts(a.id, []);
    expect(store.bmsCache.listAccounts(a.id)).toEqual([]);
    expect(store.bmsCache.listAccounts(b.id).map(row => row.name)).toEqual([
      'Y',
    ]);
  });

  it('raises not-found for an uncached account', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    const error = catchConnectorError(() =>
      store.bmsCache.setMainLocation(id, 77, 1),
    );
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('77');
  });

  it('replaces lookups of every kind', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    store.bmsCache.replaceLookups(id, {
      status: [{ id: 1, name: 'Old status' }],
      priority: [{ id: 9, name: 'Low' }],
      queue: [],
    });
    store.bmsCache.replaceLookups(id, {
      status: [
        { id: 2, name: 'New' },
        { id: 3, name: 'Closed', isActive: false },
      ],
      priority: [{ id: 5, name: 'High' }],
      queue: [{ id: 7, name: 'Security' }],
    });
    expect(store.bmsCache.listLookups(id)).toEqual({
      status: [
        { id: 3, name: 'Closed', isActive: false },
        { id: 2, name: 'New', isActive: true },
      ],
      priority: [{ id: 5, name: 'High', isActive: true }],
      queue: [{ id: 7, name: 'Security', isActive: true }],
    });
    expect(store.bmsCache.fetchedAt(id, 'lookups')).toMatch(/^2026-/);
  });

  it('replaces 20,000 accounts', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    const accounts = Array.from({ length: 20_000 }, (_, index) => ({
      id: index + 1,
      name: `Company ${index}`,
      isActive: index % 7 !== 0,
    }));
    store.bmsCache.replaceAccounts(id, accounts);
    store.bmsCache.replaceAccounts(id, accounts.slice(5_000));
    expect(store.bmsCache.listAccounts(id)).toHaveLength(15_000);
  });
});
