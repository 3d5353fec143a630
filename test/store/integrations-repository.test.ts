import { describe, expect, it } from 'vitest';
import { catchConnectorError } from './catch-error';
import {
  compromise,
  integrationInput,
  openMemoryStore,
  organization,
} from './fixtures';

describe('source repository', () => {
  it('returns null before the first save', () => {
    const store = openMemoryStore();
    expect(store.source.get()).toBeNull();
    expect(store.source.getPassword()).toBeNull();
  });

  it('saves, keeps and clears the password', () => {
    const store = openMemoryStore();
    store.source.save({
      url: 'https://a.test',
      username: 'u1',
      password: 'pw-one',
    });
    expect(store.source.get()).toEqual({
      url: 'https://a.test',
      username: 'u1',
      hasPassword: true,
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    store.source.save({ url: 'https://b.test', username: 'u2' });
    expect(store.source.get()?.url).toBe('https://b.test');
    expect(store.source.getPassword()).toBe('pw-one');
    store.source.save({
      url: 'https://b.test',
      username: 'u2',
      password: null,
    });
    expect(store.source.get()?.hasPassword).toBe(false);
    expect(store.source.getPassword()).toBeNull();
    const count = store.db.prepare('SELECT COUNT(*) FROM source_account');
    expect(count.pluck().get()).toBe(1);
  });

  it('rejects an empty URL', () => {
    const store = openMemoryStore();
    const error = catchConnectorError(() =>
      store.source.save({ url: ' ', username: 'u' }),
    );
    expect(error.code).toBe('validation');
  });
});

describe('integrations repository', () => {
  it('creates and reads without the password', () => {
    const store = openMemoryStore();
    const created = store.integrations.create(integrationInput());
    expect(created).toEqual({
      id: created.id,
      name: 'Acme BMS',
      bmsUrl: 'https://bms.example.test',
      apiBaseUrl: 'https://api.bms.example.test',
      username: 'tech@example.test',
      tenant: 'acme',
      hasPassword: true,
      skipWithoutPassword: false,
      includeIpCompromises: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(Object.keys(created)).not.toContain('password');
    expect(store.integrations.getById(created.id)).toEqual(created);
    expect(store.integrations.getByName('Acme BMS')).toEqual(created);
    expect(store.integrations.getPassword(created.id)).toBe('bms-password');
  });

  it('raises conflict for a duplicate name', () => {
    const store = openMemoryStore();
    store.integrations.create(integrationInput());
    const error = catchConnectorError(() =>
      store.integrations.create(integrationInput()),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('"Acme BMS"');
  });

  it('raises conflict when renaming onto another name', () => {
    const store = openMemoryStore();
    store.integrations.create(integrationInput());
    const other = store.integrations.create(integrationInput({ name: 'B' }));
    const error = catchConnectorError(() =>
      store.integrations.update(other.id, integrationInput()),
    );
    expect(error.code).toBe('conflict');
    expect(store.integrations.getById(other.id)?.name).toBe('B');
  });

  it('updates fields and keeps an omitted password', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    const updated = store.integrations.update(
      id,
      integrationInput({
        tenant: 'other',
        password: undefined,
        skipWithoutPassword: true,
        includeIpCompromises: true,
      }),
    );
    expect(updated.tenant).toBe('other');
    expect(updated.skipWithoutPassword).toBe(true);
    expect(updated.includeIpCompromises).toBe(true);
    expect(updated.updatedAt).not.toBe(updated.createdAt);
    expect(store.integrations.getPassword(id)).toBe('bms-password');
    store.integrations.update(id, integrationInput({ password: 'new-pass' }));
    expect(store.integrations.getPassword(id)).toBe('new-pass');
  });

  it('raises not-found for an unknown id', () => {
    const store = openMemoryStore();
    expect(
      catchConnectorError(() =>
        store.integrations.update(42, integrationInput()),
      ).code,
    ).toBe('not-found');
    expect(
      catchConnectorError(() => store.integrations.getPassword(42)).code,
    ).toBe('not-found');
    expect(store.integrations.getById(42)).toBeNull();
  });

  it('upserts by name', () => {
    const store = openMemoryStore();
    const first = store.integrations.upsertByName(integrationInput());
    expect(first.created).toBe(true);
    const second = store.integrations.upsertByName(
      integrationInput({ tenant: 't2', password: undefined }),
    );
    expect(second).toEqual({ id: first.id, created: false });
    expect(store.integrations.getById(first.id)?.tenant).toBe('t2');
    expect(store.integrations.list()).toHaveLength(1);
  });

  it('lists by name', () => {
    const store = openMemoryStore();
    store.integrations.create(integrationInput({ name: 'Zeta' }));
    store.integrations.create(integrationInput({ name: 'Alpha' }));
    expect(store.integrations.list().map(item => item.name)).toEqual([
      'Alpha',
      'Zeta',
    ]);
  });

  it('rejects an empty name', () => {
    const store = openMemoryStore();
    const error = catchConnectorError(() =>
      store.integrations.create(integrationInput({ name: '' })),
    );
    expect(error.code).toBe('validation');
    expect(error.message).toContain('"name"');
  });

  it('cascades a delete to everything of the integration', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    const keep = store.integrations.create(integrationInput({ name: 'Keep' }));
    store.organizations.upsertMany([
      organization('o1', 'One'),
      organization('o2', 'Two'),
    ]);
    store.compromises.upsertMany([
      compromise('c1', 'o1'),
      compromise('c2', 'o2'),
    ]);
    store.associations.associate('o1', id);
    store.associations.associate('o2', keep.id);
    store.associations.replaceSelectors(id, ['One']);
    store.health.recordFailure(id, {
      operation: 'op',
      code: 'network',
      message: 'm',
    });
    store.bmsCache.replaceAccounts(id, [{ id: 1, name: 'A', isActive: true }]);
    store.bmsCache.replaceLookups(id, {
      status: [{ id: 1, name: 'New' }],
      priority: [],
      queue: [],
    });
    store.companyLinks.replace(id, [
      { organizationTitle: 'One', accountName: 'A', madeBy: 'manual' },
    ]);
    store.fieldMappings.replace(id, { title: 'x' });
    store.pendingChanges.enqueue({
      integrationId: id,
      target: 'bms-account',
      targetId: '1',
      newName: 'B',
    });
    store.deliveries.routeNew(id, () => ({ state: 'pending' }));
    store.deliveries.routeNew(keep.id, () => ({ state: 'pending' }));

    expect(store.integrations.delete(id)).toBe(true);

    const tables = [
      'integration_health',
      'integration_errors',
      'bms_accounts',
      'bms_lookups',
      'bms_cache_state',
      'org_integration',
      'org_selectors',
      'company_links',
      'field_mappings',
      'deliveries',
      'pending_changes',
    ];
    for (const table of tables) {
      const rows = store.db
        .prepare(`SELECT COUNT(*) FROM ${table} WHERE integration_id = ?`)
        .pluck()
        .get(id);
      expect(rows, table).toBe(0);
    }
    expect(store.integrations.delete(id)).toBe(false);
    expect(store.deliveries.counts(keep.id).pending).toBe(1);
    expect(store.associations.integrationFor('o2')).toBe(keep.id);
    expect(store.compromises.count()).toBe(2);
  });
});
