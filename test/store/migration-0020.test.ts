import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  migrate,
} from '../../main/store/migrate';
import { migration0010 } from '../../main/store/migrations/0010-initial';
import { migration0020 } from '../../main/store/migrations/0020-compromise-routing-index';
import { UNROUTED_COMPROMISES_SQL } from '../../main/store/repositories/deliveries-repository';

const NOW = '2026-01-01T00:00:00.000Z';

/** Opens a database at schema version 10 with one routed and one unrouted row. */
function openVersion10(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  expect(migrate(db, [migration0010])).toBe(10);
  db.prepare(
    `INSERT INTO integrations (id, name, bms_url, api_base_url, username,
       tenant, created_at, updated_at)
     VALUES (1, 'A', 'https://bms.test', 'https://api.bms.test', 'u', 't',
       @now, @now)`,
  ).run({ now: NOW });
  const insertCompromise = db.prepare(
    `INSERT INTO compromises (uuid, organization_uuid, record_type,
       has_password, password_secret, data_json, date_added, skip_reason,
       first_seen_at, updated_at)
     VALUES (@uuid, @org, 'Email', 1, X'0102', @data, @dateAdded, @skip,
       @now, @now)`,
  );
  insertCompromise.run({
    uuid: 'c1',
    org: 'o1',
    data: '{"uuid":"c1"}',
    dateAdded: '2026-01-02T00:00:00.000Z',
    skip: null,
    now: NOW,
  });
  insertCompromise.run({
    uuid: 'c2',
    org: 'o2',
    data: '{"uuid":"c2"}',
    dateAdded: '2026-01-03T00:00:00.000Z',
    skip: 'no-association',
    now: NOW,
  });
  db.prepare(
    `INSERT INTO deliveries (integration_id, compromise_uuid, state,
       created_at, updated_at)
     VALUES (1, 'c1', 'sent', @now, @now)`,
  ).run({ now: NOW });
  return db;
}

function indexNames(db: Database.Database): string[] {
  return db
    .prepare<[], string>(
      `SELECT name FROM sqlite_schema
       WHERE type = 'index' AND tbl_name = 'compromises' ORDER BY name`,
    )
    .pluck()
    .all();
}

describe('migration 0020 compromise routing index', () => {
  it('follows the initial migration', () => {
    expect(LATEST_SCHEMA_VERSION).toBe(50);
    expect(MIGRATIONS.map(migration => migration.version)).toEqual([
      10, 20, 30, 40, 50,
    ]);
  });

  it('upgrades version 10 and keeps the rows', () => {
    const db = openVersion10();
    expect(migrate(db, [migration0010, migration0020])).toBe(20);
    expect(db.pragma('user_version', { simple: true })).toBe(20);
    const compromises = db
      .prepare(
        `SELECT uuid, organization_uuid, skip_reason, data_json, password_secret
         FROM compromises ORDER BY uuid`,
      )
      .all();
    expect(compromises).toEqual([
      {
        uuid: 'c1',
        organization_uuid: 'o1',
        skip_reason: null,
        data_json: '{"uuid":"c1"}',
        password_secret: Buffer.from([1, 2]),
      },
      {
        uuid: 'c2',
        organization_uuid: 'o2',
        skip_reason: 'no-association',
        data_json: '{"uuid":"c2"}',
        password_secret: Buffer.from([1, 2]),
      },
    ]);
    const deliveries = db
      .prepare('SELECT compromise_uuid, state FROM deliveries')
      .all();
    expect(deliveries).toEqual([{ compromise_uuid: 'c1', state: 'sent' }]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('replaces the organization index with the covering one', () => {
    const db = openVersion10();
    expect(indexNames(db)).toContain('compromises_by_organization');
    migrate(db);
    const names = indexNames(db);
    expect(names).toContain('compromises_for_routing');
    expect(names).not.toContain('compromises_by_organization');
    const columns = db
      .prepare<[], string>(
        `SELECT name FROM pragma_index_info('compromises_for_routing')
         ORDER BY seqno`,
      )
      .pluck()
      .all();
    expect(columns).toEqual([
      'organization_uuid',
      'skip_reason',
      'date_added',
      'uuid',
      'record_type',
      'has_password',
    ]);
  });

  it('lets the unrouted query skip the table', () => {
    const db = openVersion10();
    migrate(db);
    const plan = db
      .prepare<[{ integrationId: number }], { detail: string }>(
        `EXPLAIN QUERY PLAN ${UNROUTED_COMPROMISES_SQL}`,
      )
      .all({ integrationId: 1 })
      .map(row => row.detail);
    expect(plan).toContain(
      'SEARCH c USING COVERING INDEX compromises_for_routing (organization_uuid=?)',
    );
  });

  it('is a no-op when run again', () => {
    const db = openVersion10();
    migrate(db);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(indexNames(db)).toContain('compromises_for_routing');
  });
});
