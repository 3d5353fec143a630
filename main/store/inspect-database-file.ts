import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ConnectorError } from '../errors';
import { assertSchemaNotTooNew, readSchemaVersion } from './migrate';

/** Size of the SQLite database header, in bytes. */
const HEADER_BYTES = 100;
const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Byte offset of the big-endian `PRAGMA user_version` in the header. */
const USER_VERSION_OFFSET = 60;

/**
 * Throws a ConnectorError unless the existing `file` is a SQLite database
 * this app can open. Reads the header bytes instead of opening a
 * connection, because even a read-only connection to a WAL database leaves
 * -wal and -shm files behind. Only when a -wal file already exists (its
 * commits may hold a newer user_version) is a read-only connection used.
 */
export function inspectDatabaseFile(file: string): void {
  const header = readHeader(file);
  // SQLite initialises an empty file like a new database.
  if (header.length === 0) return;
  if (
    header.length < HEADER_BYTES ||
    !header.subarray(0, MAGIC.length).equals(MAGIC)
  ) {
    throw notSqliteError(file);
  }
  assertSchemaNotTooNew(header.readInt32BE(USER_VERSION_OFFSET), file);
  if (existsSync(`${file}-wal`)) inspectWithConnection(file);
}

/** Converts an error of opening `file` to a `storage` ConnectorError. */
export function toStorageError(file: string, error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const code = error instanceof Database.SqliteError ? error.code : '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return notSqliteError(file, error);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new ConnectorError(
    'storage',
    `Could not open the database ${file} (${reason}); check that its folder ` +
      'exists and is writable. The file was left untouched.',
    { cause: error },
  );
}

function readHeader(file: string): Buffer {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, 'r');
    const header = Buffer.alloc(HEADER_BYTES);
    const length = readSync(descriptor, header, 0, HEADER_BYTES, 0);
    return header.subarray(0, length);
  } catch (error) {
    throw toStorageError(file, error);
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

function inspectWithConnection(file: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    assertSchemaNotTooNew(readSchemaVersion(db), file);
  } catch (error) {
    throw toStorageError(file, error);
  } finally {
    db?.close();
  }
}

function notSqliteError(file: string, cause?: unknown): ConnectorError {
  return new ConnectorError(
    'storage',
    `The file ${file} is not a SQLite database (or is damaged); it was ` +
      'left untouched. Choose another data file, or move this one away.',
    { cause },
  );
}
