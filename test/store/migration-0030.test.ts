import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { migrate } from '../../main/store/migrate';
import { migration0010 } from '../../main/store/migrations/0010-initial';
import { migration0020 } from '../../main/store/migrations/0020-compromise-routing-index';
import { migration0030 } from '../../main/store/migrations/0030-compromise-search-index';

const UP_TO_0030 = [migration0010, migration0020, migration0030];

const NOW = '2026-01-01T00:00:00.000Z';

/** Opens a database at schema version 20 with one compromise. */
function openVersion20(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  expect(migrate(db, [migration0010, migration0020])).toBe(20);
  db.prepare(
    `INSERT INTO compromises (uuid, organization_uuid, record_type,
       has_password, data_json, date_added, first_seen_at, updated_at)
     VALUES ('c1', 'o1', 'Email', 0, @data, @now, @now, @now)`,
  ).run({ data: '{"uuid":"c1","searchValue":"ada@example.test"}', now: NOW });
  return db;
}

describe('migration 0030 compromise search index', () => {
  it('upgrades version 20 and keeps the rows', () => {
    const db = openVersion20();
    expect(migrate(db, UP_TO_0030)).toBe(30);
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    const rows = db.prepare('SELECT uuid, data_json FROM compromises').all();
    expect(rows).toEqual([
      {
        uuid: 'c1',
        data_json: '{"uuid":"c1","searchValue":"ada@example.test"}',
      },
    ]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('lets the search read the index instead of the records', () => {
    const db = openVersion20();
    migrate(db, UP_TO_0030);
    const plan = db
      .prepare<[], { detail: string }>(
        `EXPLAIN QUERY PLAN
         SELECT COUNT(*) FROM deliveries d
         JOIN compromises c INDEXED BY compromises_for_search
           ON c.uuid = d.compromise_uuid
         WHERE json_extract(c.data_json, '$.searchValue') LIKE '%ada%'`,
      )
      .all()
      .map(row => row.detail);
    expect(plan).toContain(
      'SEARCH c USING COVERING INDEX compromises_for_search (uuid=?)',
    );
  });

  it('is a no-op when run again', () => {
    const db = openVersion20();
    migrate(db, UP_TO_0030);
    expect(migrate(db, UP_TO_0030)).toBe(30);
  });
});
