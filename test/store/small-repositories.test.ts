import { describe, expect, it } from 'vitest';
import { catchConnectorError } from './catch-error';
import { integrationInput, openMemoryStore } from './fixtures';
import type { Store } from '../../main/store/open-store';
import type { PendingChangeInput } from '../../main/store/repositories/pending-changes-repository';

/** The target of the organization renames below. */
const ORGANIZATION_RENAME = {
  integrationId: null,
  target: 'dwid-organization',
  targetId: 'org-1',
} as const;

/** Queues a rename that must be queued, and returns its id. */
function enqueue(store: Store, change: PendingChangeInput): number {
  const outcome = store.pendingChanges.enqueue(change);
  if (outcome.kind !== 'queued') {
    throw new Error(`${change.newName} was not queued`);
  }
  return outcome.id;
}

describe('companyLinks repository', () => {
  it('replaces links and keeps unchanged creation times', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    store.companyLinks.replace(id, [
      {
        organizationTitle: 'Contoso',
        accountName: 'Contoso Ltd',
        madeBy: 'config',
      },
      { organizationTitle: 'Fabrikam', accountName: 'Fab', madeBy: 'manual' },
    ]);
    const before = store.companyLinks.list(id);
    store.companyLinks.replace(id, [
      {
        organizationTitle: 'Contoso',
        accountName: 'Contoso Ltd',
        madeBy: 'config',
      },
      {
        organizationTitle: 'Northwind',
        accountName: 'NW',
        madeBy: 'suggestion',
      },
    ]);
    const after = store.companyLinks.list(id);
    expect(after.map(link => link.organizationTitle)).toEqual([
      'Contoso',
      'Northwind',
    ]);
    expect(after[0]?.createdAt).toBe(before[0]?.createdAt);
    expect(after[1]).toMatchObject({ accountName: 'NW', madeBy: 'suggestion' });
  });

  it('rejects a title linked twice', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    const link = {
      organizationTitle: 'X',
      accountName: 'Y',
      madeBy: 'manual',
    } as const;
    const error = catchConnectorError(() =>
      store.companyLinks.replace(id, [link, link]),
    );
    expect(error.code).toBe('validation');
    expect(error.message).toContain('"X"');
    expect(store.companyLinks.list(id)).toEqual([]);
  });
});

describe('fieldMappings repository', () => {
  it('replaces all mappings at once', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    expect(store.fieldMappings.get(id)).toEqual({});
    store.fieldMappings.replace(id, { title: 'A {{x}}', details: 'B' });
    store.fieldMappings.replace(id, { title: 'C' });
    expect(store.fieldMappings.get(id)).toEqual({ title: 'C' });
  });
});

describe('pendingChanges repository', () => {
  it('queues, fails and removes renames', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    const first = enqueue(store, {
      integrationId: id,
      target: 'bms-account',
      targetId: '17',
      newName: 'Contoso',
    });
    const second = enqueue(store, {
      integrationId: null,
      target: 'dwid-organization',
      targetId: 'org-1',
      newName: 'Contoso Ltd',
    });
    const sent = store.pendingChanges.getById(first);
    if (sent === null) throw new Error('Contoso was not stored');
    expect(store.pendingChanges.markSendFailed(sent, 'HTTP 503')).toBe(true);
    expect(store.pendingChanges.list()).toMatchObject([
      { id: first, attempts: 1, lastError: 'HTTP 503', newName: 'Contoso' },
      { id: second, integrationId: null, attempts: 0, lastError: null },
    ]);
    expect(store.pendingChanges.remove(first)).toBe(true);
    expect(store.pendingChanges.remove(first)).toBe(false);
    expect(store.pendingChanges.markSendFailed(sent, 'x')).toBe(false);
    expect(store.pendingChanges.list().map(change => change.id)).toEqual([
      second,
    ]);
  });

  it('keeps only the latest name per target', () => {
    const store = openMemoryStore();
    const change = ORGANIZATION_RENAME;
    const id = enqueue(store, { ...change, newName: 'First' });
    const sent = store.pendingChanges.getById(id);
    if (sent === null) throw new Error('First was not stored');
    expect(store.pendingChanges.markSendFailed(sent, 'offline')).toBe(true);
    const again = enqueue(store, {
      ...change,
      newName: 'Second',
    });
    expect(again).toBe(id);
    expect(store.pendingChanges.list()).toMatchObject([
      { id, newName: 'Second', attempts: 0, lastError: null },
    ]);
  });

  it('keeps the first previous name', () => {
    const store = openMemoryStore();
    const change = ORGANIZATION_RENAME;
    const id = enqueue(store, {
      ...change,
      newName: 'First',
      previousName: 'Remote name',
    });
    store.pendingChanges.enqueue({
      ...change,
      newName: 'Second',
      previousName: 'First',
    });
    const unknown = enqueue(store, {
      ...change,
      targetId: 'org-2',
      newName: 'Other',
    });

    expect(store.pendingChanges.getById(id)?.previousName).toBe('Remote name');
    expect(store.pendingChanges.getById(id)?.newName).toBe('Second');
    expect(store.pendingChanges.getById(unknown)?.previousName).toBeNull();
  });

  it('withdraws a rename back to the previous name', () => {
    const store = openMemoryStore();
    const change = ORGANIZATION_RENAME;
    enqueue(store, { ...change, newName: 'New', previousName: 'Old' });

    const back = store.pendingChanges.enqueue({
      ...change,
      newName: 'Old',
      previousName: 'New',
    });
    const same = store.pendingChanges.enqueue({
      ...change,
      newName: 'Same',
      previousName: 'Same',
    });

    expect(back).toEqual({ kind: 'withdrawn' });
    expect(same).toEqual({ kind: 'unchanged' });
    expect(store.pendingChanges.list()).toEqual([]);
  });

  it('keeps the sent name as previous', () => {
    const store = openMemoryStore();
    const change = ORGANIZATION_RENAME;
    const id = enqueue(store, { ...change, newName: 'C1', previousName: 'A' });
    const sent = store.pendingChanges.getById(id);
    if (sent === null) throw new Error('C1 was not stored');
    // Renamed again while C1 was being sent.
    enqueue(store, { ...change, newName: 'D1', previousName: 'C1' });

    expect(store.pendingChanges.settleSent(sent)).toBe('superseded');
    expect(store.pendingChanges.getById(id)?.previousName).toBe('C1');
    expect(store.pendingChanges.getById(id)?.newName).toBe('D1');
    // Renaming back to what the remote system now has leaves nothing.
    expect(store.pendingChanges.enqueue({ ...change, newName: 'C1' })).toEqual({
      kind: 'withdrawn',
    });
    expect(store.pendingChanges.getById(id)).toBeNull();
  });

  it('settles by target, not by a reused id', () => {
    const store = openMemoryStore();
    const first = { ...ORGANIZATION_RENAME, targetId: 'org-1' };
    const second = { ...ORGANIZATION_RENAME, targetId: 'org-2' };
    const id = enqueue(store, { ...first, newName: 'New', previousName: 'A' });
    const sent = store.pendingChanges.getById(id);
    if (sent === null) throw new Error('New was not stored');
    // Withdrawn while being sent, then SQLite hands its id to org-2.
    store.pendingChanges.enqueue({ ...first, newName: 'A' });
    const reused = enqueue(store, { ...second, newName: 'New' });
    expect(reused).toBe(id);

    expect(store.pendingChanges.markSendFailed(sent, 'HTTP 503')).toBe(false);
    expect(store.pendingChanges.settleSent(sent)).toBe('not-queued');
    expect(store.pendingChanges.getById(reused)).toMatchObject({
      targetId: 'org-2',
      newName: 'New',
      previousName: null,
      attempts: 0,
    });
  });
});

describe('syncState repository', () => {
  it('gets and overwrites values', () => {
    const store = openMemoryStore();
    expect(store.syncState.get('watermark')).toBeNull();
    store.syncState.set('watermark', '2026-01-01T00:00:00Z');
    store.syncState.set('watermark', '2026-02-01T00:00:00Z');
    expect(store.syncState.get('watermark')).toBe('2026-02-01T00:00:00Z');
  });
});
