import { describe, expect, it } from 'vitest';
import { compromise, openMemoryStore } from './fixtures';

describe('compromises repository', () => {
  it('round-trips a record with its password', () => {
    const store = openMemoryStore();
    const record = compromise('c1', 'o1', {
      pii: [{ firstName: 'Ada', city: 'London' }],
    });
    expect(store.compromises.upsertMany([record])).toEqual({
      inserted: 1,
      updated: 0,
    });
    expect(store.compromises.get('c1')).toEqual(record);
    expect(store.compromises.get('missing')).toBeNull();
  });

  it('keeps the password out of data_json', () => {
    const store = openMemoryStore();
    store.compromises.upsertMany([
      compromise('c1', 'o1', { password: 'pw-in-json?' }),
    ]);
    const row = store.db
      .prepare<
        [],
        { data_json: string; has_password: number; password_secret: Buffer }
      >('SELECT data_json, has_password, password_secret FROM compromises')
      .get();
    expect(row?.data_json).not.toContain('pw-in-json?');
    expect(JSON.parse(row?.data_json ?? '{}')).not.toHaveProperty('password');
    expect(row?.has_password).toBe(1);
    expect(row?.password_secret).toBeInstanceOf(Buffer);
  });

  it('stores a record without a password', () => {
    const store = openMemoryStore();
    store.compromises.upsertMany([
      compromise('c1', 'o1', { password: null }),
      compromise('c2', 'o1', { password: '' }),
    ]);
    expect(store.compromises.get('c1')?.password).toBeNull();
    expect(store.compromises.get('c2')?.password).toBe('');
    const flags = store.db
      .prepare('SELECT has_password FROM compromises ORDER BY uuid')
      .pluck()
      .all();
    expect(flags).toEqual([0, 0]);
  });

  it('updates a uuid delivered twice without duplicating it', () => {
    const store = openMemoryStore();
    store.compromises.upsertMany([
      compromise('c1', 'o1'),
      compromise('c2', 'o1'),
    ]);
    store.compromises.setSkipReason(['c1'], 'no-association');
    const firstSeen = store.db
      .prepare("SELECT first_seen_at FROM compromises WHERE uuid = 'c1'")
      .pluck()
      .get();

    const outcome = store.compromises.upsertMany([
      compromise('c1', 'o2', { searchValue: 'changed@example.test' }),
      compromise('c3', 'o1'),
      compromise('c3', 'o1'),
    ]);

    expect(outcome).toEqual({ inserted: 1, updated: 2 });
    expect(store.compromises.count()).toBe(3);
    expect(store.compromises.get('c1')?.searchValue).toBe(
      'changed@example.test',
    );
    expect(store.compromises.get('c1')?.organizationUuid).toBe('o2');
    const after = store.db
      .prepare<[], { first_seen_at: string; skip_reason: string | null }>(
        "SELECT first_seen_at, skip_reason FROM compromises WHERE uuid = 'c1'",
      )
      .get();
    expect(after?.first_seen_at).toBe(firstSeen);
    expect(after?.skip_reason).toBe('no-association');
  });

  it('sets, clears and counts skip reasons', () => {
    const store = openMemoryStore();
    store.compromises.upsertMany(
      ['c1', 'c2', 'c3', 'c4'].map(uuid => compromise(uuid, 'o1')),
    );
    expect(store.compromises.setSkipReason(['c1', 'c2', 'zz'], 'a')).toBe(2);
    store.compromises.setSkipReason(['c3'], 'b');
    expect(store.compromises.countBySkipReason()).toEqual({ a: 2, b: 1 });
    store.compromises.setSkipReason(['c1'], null);
    expect(store.compromises.countBySkipReason()).toEqual({ a: 1, b: 1 });
  });
});
