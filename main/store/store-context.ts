import Database from 'better-sqlite3';
import { registerSecret } from '../log/logger';
import type { SecretBox } from './secret-box';

/** Shared state of the repositories: one connection, its statements, the clock. */
export type StoreContext = {
  readonly db: Database.Database;
  /** Returns the prepared statement for `sql`, prepared once per store. */
  statement<Row = unknown>(sql: string): Database.Statement<unknown[], Row>;
  /** Current time as an ISO 8601 string in UTC. */
  nowIso(): string;
  /** Encrypts a secret. Null, meaning no secret, stays null. */
  sealSecret(plain: string | null): Buffer | null;
  /** Decrypts a stored secret and registers it so that logs mask it. */
  openSecret(cipher: Buffer | null): string | null;
  /** Runs `fn` in a transaction (a savepoint when one is already open). */
  transaction<T>(fn: () => T): T;
};

export function createStoreContext(
  db: Database.Database,
  secretBox: SecretBox,
  now: () => Date,
): StoreContext {
  const statements = new Map<string, Database.Statement<unknown[], unknown>>();
  return {
    db,
    statement<Row>(sql: string) {
      let prepared = statements.get(sql);
      if (prepared === undefined) {
        prepared = db.prepare<unknown[], unknown>(sql);
        statements.set(sql, prepared);
      }
      return prepared as Database.Statement<unknown[], Row>;
    },
    nowIso: () => now().toISOString(),
    sealSecret: plain => (plain === null ? null : secretBox.encrypt(plain)),
    openSecret(cipher) {
      if (cipher === null) return null;
      const plain = secretBox.decrypt(cipher);
      registerSecret(plain);
      return plain;
    },
    transaction: fn => db.transaction(fn)(),
  };
}

/** Converts a boolean to the 0/1 that STRICT INTEGER columns store. */
export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

/** True when `error` is SQLite rejecting a duplicate UNIQUE or PRIMARY KEY. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    (error.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
      error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}
