import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/store/migrate';
import { migration0010 } from '../../main/store/migrations/0010-initial';

const TABLES = [
  'bms_accounts',
  'bms_cache_state',
  'bms_lookups',
  'company_links',
  'compromises',
  'deliveries',
  'field_mappings',
  'integration_errors',
  'integration_health',
  'integrations',
  'org_integration',
  'org_selectors',
  'organizations',
  'pending_changes',
  'source_account',
  'sync_state',
];

function openFresh(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  return db;
}

describe('migration 0010 initial', () => {
  it('brings a fresh database to version 10', () => {
    const db = openFresh();
    expect(migrate(db, [migration0010])).toBe(10);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
  });

  it('creates every table as STRICT', () => {
    const db = openFresh();
    migrate(db, [migration0010]);
    const rows = db
      .prepare<[], { name: string; strict: number }>(
        `SELECT name, strict FROM pragma_table_list
         WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all();
    expect(rows.map(row => row.name)).toEqual(TABLES);
    for (const row of rows) expect(row.strict, row.name).toBe(1);
  });

  it('rejects a wrong type in a STRICT column', () => {
    const db = openFresh();
    migrate(db, [migration0010]);
    const insert = db.prepare(
      'INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)',
    );
    expect(() => insert.run('k', Buffer.from('x'), 'now')).toThrow(
      /cannot store BLOB/,
    );
  });

  it('enforces foreign keys', () => {
    const db = openFresh();
    migrate(db, [migration0010]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const insert = db.prepare(
      `INSERT INTO integration_health (integration_id) VALUES (?)`,
    );
    expect(() => insert.run(99)).toThrow(/FOREIGN KEY constraint failed/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('creates the indexes routing depends on', () => {
    const db = openFresh();
    migrate(db, [migration0010]);
    const names = db
      .prepare<[], string>(
        `SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name`,
      )
      .pluck()
      .all();
    expect(names).toContain('compromises_by_organization');
    expect(names).toContain('deliveries_by_state');
    expect(names).toContain('org_integration_by_integration');
    expect(names).toContain('integration_errors_by_integration');
  });

  it('is a no-op when run again', () => {
    const db = openFresh();
    migrate(db, [migration0010]);
    db.prepare(
      `INSERT INTO sync_state (key, value, updated_at) VALUES ('k', 'v', 't')`,
    ).run();
    expect(migrate(db, [migration0010])).toBe(10);
    expect(db.prepare('SELECT value FROM sync_state').pluck().get()).toBe('v');
  });
});
