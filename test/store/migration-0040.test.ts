import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { migrate } from '../../main/store/migrate';
import { migration0010 } from '../../main/store/migrations/0010-initial';
import { migration0020 } from '../../main/store/migrations/0020-compromise-routing-index';
import { migration0030 } from '../../main/store/migrations/0030-compromise-search-index';
import { migration0040 } from '../../main/store/migrations/0040-engine-lease';

const NOW = '2026-01-01T00:00:00.000Z';

const UP_TO_0040 = [migration0010, migration0020, migration0030, migration0040];

/** Opens a database at schema version 30 with one sync_state row. */
function openVersion30(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  expect(migrate(db, [migration0010, migration0020, migration0030])).toBe(30);
  db.prepare(
    `INSERT INTO sync_state (key, value, updated_at) VALUES ('w', 'v', ?)`,
  ).run(NOW);
  return db;
}

const insertLease = `INSERT INTO engine_lease (id, holder_id, holder_host,
  holder_pid, acquired_at, expires_at) VALUES (?, 'h', 'host', 1, ?, ?)`;

describe('migration 0040 engine lease', () => {
  it('upgrades version 30 and keeps the rows', () => {
    const db = openVersion30();
    expect(migrate(db, UP_TO_0040)).toBe(40);
    expect(db.pragma('user_version', { simple: true })).toBe(40);
    expect(db.prepare('SELECT key, value FROM sync_state').all()).toEqual([
      { key: 'w', value: 'v' },
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM engine_lease').get()).toEqual({
      n: 0,
    });
  });

  it('allows only the row with id 1', () => {
    const db = openVersion30();
    migrate(db, UP_TO_0040);
    db.prepare(insertLease).run(1, NOW, NOW);
    expect(() => db.prepare(insertLease).run(2, NOW, NOW)).toThrow(
      /CHECK constraint failed/,
    );
    expect(() => db.prepare(insertLease).run(1, NOW, NOW)).toThrow(
      /UNIQUE constraint failed/,
    );
  });

  it('rejects a text process id', () => {
    const db = openVersion30();
    migrate(db, UP_TO_0040);
    expect(() =>
      db
        .prepare(
          `INSERT INTO engine_lease (id, holder_id, holder_host, holder_pid,
             acquired_at, expires_at) VALUES (1, 'h', 'host', 'x', ?, ?)`,
        )
        .run(NOW, NOW),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('is a no-op when run again', () => {
    const db = openVersion30();
    migrate(db, UP_TO_0040);
    expect(migrate(db, UP_TO_0040)).toBe(40);
  });
});
