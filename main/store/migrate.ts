import type Database from 'better-sqlite3';
import { ConnectorError } from '../errors';
import { migration0010 } from './migrations/0010-initial';
import { migration0020 } from './migrations/0020-compromise-routing-index';
import { migration0030 } from './migrations/0030-compromise-search-index';
import { migration0040 } from './migrations/0040-engine-lease';
import { migration0050 } from './migrations/0050-pending-change-previous-name';

/** One schema step. `version` is the `PRAGMA user_version` it leaves. */
export type Migration = {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
};

/** Every schema step, oldest first. Append new ones and never edit old ones. */
export const MIGRATIONS: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
];

/**
 * Throws an `internal` ConnectorError unless versions are multiples of 10
 * going up in steps of exactly 10, starting at 10.
 */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const expected = (index + 1) * 10;
    if (migration.version !== expected) {
      throw new ConnectorError(
        'internal',
        `Migration "${migration.name}" has version ${migration.version} but ` +
          `position ${index + 1} in the list requires ${expected}; ` +
          'renumber it.',
      );
    }
  });
}

assertMigrationOrder(MIGRATIONS);

export const LATEST_SCHEMA_VERSION: number =
  MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Returns the schema version stored in the database header. */
export function readSchemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Throws `database-too-new` when `version` is newer than the newest of
 * `migrations`. Callers check before writing anything, so the file stays as
 * the newer app left it.
 */
export function assertSchemaNotTooNew(
  version: number,
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (version > latest) {
    throw new ConnectorError(
      'database-too-new',
      `The database ${file} has schema version ${version}, but this version ` +
        `of the app knows versions up to ${latest}: a newer version of the ` +
        'app wrote it. Install that newer version; the file was left ' +
        'untouched.',
    );
  }
}

/**
 * Applies every migration newer than the database's `user_version`, all in
 * ONE transaction together with the new `user_version`, so a failure leaves
 * both schema and version as they were. Returns the version reached.
 *
 * The version is read inside an IMMEDIATE transaction: two processes opening
 * the same fresh folder then take turns (the second waits on busy_timeout and
 * finds the schema already current) instead of both creating the tables.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  file = db.name,
): number {
  assertMigrationOrder(migrations);
  let current = readSchemaVersion(db);
  assertSchemaNotTooNew(current, file, migrations);
  if (current >= latestOf(migrations)) return current;

  let running: Migration | undefined;
  try {
    return db
      .transaction(() => {
        current = readSchemaVersion(db);
        assertSchemaNotTooNew(current, file, migrations);
        const pending = migrations.filter(step => step.version > current);
        for (const migration of pending) {
          running = migration;
          db.exec(migration.sql);
        }
        const reached = pending[pending.length - 1]?.version ?? current;
        // PRAGMA takes no bound parameters, but the version is an integer
        // checked by assertMigrationOrder, so it cannot inject SQL.
        if (reached !== current) db.pragma(`user_version = ${reached}`);
        return reached;
      })
      .immediate();
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    const step = running === undefined ? 'a migration' : describe(running);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConnectorError(
      'storage',
      `Could not upgrade the database ${file}: ${step} failed ` +
        `(${reason}). ` +
        `The database was left at schema version ${current}.`,
      { cause: error },
    );
  }
}

function latestOf(migrations: readonly Migration[]): number {
  return migrations[migrations.length - 1]?.version ?? 0;
}

function describe(migration: Migration): string {
  return `migration ${migration.version} "${migration.name}"`;
}
