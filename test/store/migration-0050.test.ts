import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { migrate, MIGRATIONS } from '../../main/store/migrate';

const NOW = '2026-01-01T00:00:00.000Z';

/** Opens a database at schema version 40 with one queued rename. */
function openVersion40(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  const upTo40 = MIGRATIONS.filter(migration => migration.version <= 40);
  expect(migrate(db, upTo40)).toBe(40);
  db.prepare(
    `INSERT INTO pending_changes (integration_id, target, target_id,
       new_name, created_at)
     VALUES (NULL, 'dwid-organization', 'org-1', 'New', ?)`,
  ).run(NOW);
  return db;
}

describe('migration 0050 previous name', () => {
  it('upgrades version 40 and keeps queued renames', () => {
    const db = openVersion40();

    expect(migrate(db)).toBe(50);

    expect(
      db
        .prepare(
          'SELECT target_id, new_name, previous_name FROM pending_changes',
        )
        .all(),
    ).toEqual([{ target_id: 'org-1', new_name: 'New', previous_name: null }]);
  });
});
