import {
  copyFileSync,
  readFileSync,
  statSync,
  existsSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../main/errors';
import {
  assertMigrationOrder,
  LATEST_SCHEMA_VERSION,
  migrate,
  type Migration,
} from '../../main/store/migrate';
import { migration0010 } from '../../main/store/migrations/0010-initial';
import { openStore } from '../../main/store/open-store';
import { createKeyFileSecretBox } from '../../main/store/secret-box';
import { catchConnectorError } from './catch-error';
import { makeTempDir } from './fixtures';

const BROKEN: Migration = {
  version: 20,
  name: 'broken',
  sql: `CREATE TABLE extra (x INTEGER) STRICT;
        INSERT INTO no_such_table VALUES (1);`,
};

function tableNames(db: Database.Database): string[] {
  return db
    .prepare<[], string>(
      `SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`,
    )
    .pluck()
    .all();
}

describe('migrate', () => {
  it('applies a failing list atomically on a fresh database', () => {
    const db = new Database(':memory:');
    const error = catchConnectorError(() =>
      migrate(db, [migration0010, BROKEN]),
    );
    expect(error.code).toBe('storage');
    expect(error.message).toContain('migration 20 "broken"');
    expect(error.message).toContain('left at schema version 0');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tableNames(db)).toEqual([]);
  });

  it('keeps version 10 when migration 20 fails', () => {
    const db = new Database(':memory:');
    migrate(db, [migration0010]);
    const before = tableNames(db);
    expect(() => migrate(db, [migration0010, BROKEN])).toThrow(ConnectorError);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(tableNames(db)).toEqual(before);
    expect(tableNames(db)).not.toContain('extra');
  });

  it('applies a later migration after an earlier one', () => {
    const db = new Database(':memory:');
    migrate(db, [migration0010]);
    const next: Migration = {
      version: 20,
      name: 'extra',
      sql: 'CREATE TABLE extra (x INTEGER) STRICT;',
    };
    expect(migrate(db, [migration0010, next])).toBe(20);
    expect(tableNames(db)).toContain('extra');
  });

  it('rejects versions out of order', () => {
    const gap = { version: 30, name: 'gap', sql: '' };
    const error = catchConnectorError(() =>
      assertMigrationOrder([migration0010, gap]),
    );
    expect(error.code).toBe('internal');
    expect(error.message).toContain('version 30');
    expect(error.message).toContain('requires 20');
    expect(() => assertMigrationOrder([{ ...gap, version: 10 }])).not.toThrow();
  });

  it('rejects a database newer than the app', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 990');
    const error = catchConnectorError(() =>
      migrate(db, [migration0010], 'app.db'),
    );
    expect(error.code).toBe('database-too-new');
    expect(error.message).toContain('990');
    expect(error.message).toContain('up to 10');
    expect(error.message).toContain('newer version of the app');
  });
});

describe('openStore on a newer database', () => {
  function writeNewerDatabase(file: string, walMode: boolean): void {
    const db = new Database(file);
    if (walMode) db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE future (x INTEGER); INSERT INTO future VALUES (1);');
    db.pragma('user_version = 990');
    db.close();
  }

  for (const walMode of [false, true]) {
    it(`leaves the file byte-identical (WAL ${walMode})`, () => {
      const file = join(makeTempDir(), 'app.db');
      writeNewerDatabase(file, walMode);
      const bytes = readFileSync(file);
      const mtime = statSync(file).mtimeMs;
      const secretBox = createKeyFileSecretBox(makeTempDir());

      const error = catchConnectorError(() => openStore({ file, secretBox }));

      expect(error.code).toBe('database-too-new');
      expect(error.message).toContain(file);
      expect(error.message).toContain('990');
      expect(error.message).toContain(`up to ${LATEST_SCHEMA_VERSION}`);
      expect(readFileSync(file).equals(bytes)).toBe(true);
      expect(statSync(file).mtimeMs).toBe(mtime);
      expect(existsSync(`${file}-wal`)).toBe(false);
    });
  }
});

describe('openStore after a newer app crashed', () => {
  it('reads the version committed only to the WAL', () => {
    const source = join(makeTempDir(), 'live.db');
    const live = new Database(source);
    live.pragma('journal_mode = WAL');
    live.pragma('wal_autocheckpoint = 0');
    live.exec('CREATE TABLE future (x INTEGER)');
    live.pragma('user_version = 990');
    // Copying while the connection is open captures the state after a
    // crash: the main file still records version 0 and the WAL records 990.
    const file = join(makeTempDir(), 'app.db');
    copyFileSync(source, file);
    copyFileSync(`${source}-wal`, `${file}-wal`);
    live.close();
    const bytes = readFileSync(file);
    expect(bytes.readInt32BE(60)).toBe(0);
    const secretBox = createKeyFileSecretBox(makeTempDir());

    const error = catchConnectorError(() => openStore({ file, secretBox }));

    expect(error.code).toBe('database-too-new');
    expect(error.message).toContain('990');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});

describe('openStore on a file that is not SQLite', () => {
  it('raises storage and leaves the file untouched', () => {
    const file = join(makeTempDir(), 'notes.db');
    const content = 'These are my notes, not a database.\n'.repeat(200);
    writeFileSync(file, content);
    const mtime = statSync(file).mtimeMs;
    const secretBox = createKeyFileSecretBox(makeTempDir());

    const error = catchConnectorError(() => openStore({ file, secretBox }));

    expect(error.code).toBe('storage');
    expect(error.message).toContain(file);
    expect(error.message).toContain('not a SQLite database');
    expect(error.message).toContain('left untouched');
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('raises storage for a missing folder', () => {
    const file = join(makeTempDir(), 'missing', 'app.db');
    const secretBox = createKeyFileSecretBox(makeTempDir());
    const error = catchConnectorError(() => openStore({ file, secretBox }));
    expect(error.code).toBe('storage');
    expect(error.message).toContain(file);
  });
});
