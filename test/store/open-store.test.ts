import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../main/store/migrate';
import { openStore } from '../../main/store/open-store';
import { createKeyFileSecretBox } from '../../main/store/secret-box';
import { integrationInput, makeTempDir } from './fixtures';

describe('openStore', () => {
  it('sets the connection pragmas on a file', () => {
    const file = join(makeTempDir(), 'app.db');
    const store = openStore({
      file,
      secretBox: createKeyFileSecretBox(makeTempDir()),
    });
    const { db } = store;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    // 1 is NORMAL.
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(
      LATEST_SCHEMA_VERSION,
    );
    store.close();
    expect(db.open).toBe(false);
  });

  it('reopens a file and keeps its data', () => {
    const dir = makeTempDir();
    const file = join(dir, 'app.db');
    const secretBox = createKeyFileSecretBox(dir);
    const first = openStore({ file, secretBox });
    first.integrations.create(integrationInput());
    first.close();

    const second = openStore({ file, secretBox: createKeyFileSecretBox(dir) });
    const stored = second.integrations.getByName('Acme BMS');
    expect(stored?.hasPassword).toBe(true);
    expect(second.integrations.getPassword(stored?.id ?? 0)).toBe(
      'bms-password',
    );
    second.close();
  });

  it('rolls back a transaction that throws', () => {
    const store = openStore({
      file: ':memory:',
      secretBox: createKeyFileSecretBox(makeTempDir()),
    });
    expect(() =>
      store.transaction(() => {
        store.syncState.set('watermark', '2026-01-01');
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(store.syncState.get('watermark')).toBeNull();
    store.transaction(() => store.syncState.set('watermark', '2026-02-02'));
    expect(store.syncState.get('watermark')).toBe('2026-02-02');
  });
});

describe('durableTransaction', () => {
  it('syncs its commit, then restores NORMAL', () => {
    const dir = makeTempDir();
    const store = openStore({
      file: join(dir, 'connector.db'),
      secretBox: createKeyFileSecretBox(dir),
    });
    const level = () => store.db.pragma('synchronous', { simple: true });
    expect(level()).toBe(1);
    // 1 is NORMAL and 2 is FULL.
    const inside = store.durableTransaction(() => {
      store.syncState.set('k', 'v');
      return level();
    });
    expect(inside).toBe(2);
    expect(level()).toBe(1);
    expect(store.syncState.get('k')).toBe('v');
    store.close();
  });

  it('restores NORMAL when it rolls back', () => {
    const dir = makeTempDir();
    const store = openStore({
      file: join(dir, 'connector.db'),
      secretBox: createKeyFileSecretBox(dir),
    });
    expect(() =>
      store.durableTransaction(() => {
        store.syncState.set('k', 'v');
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(store.syncState.get('k')).toBeNull();
    store.close();
  });
});
