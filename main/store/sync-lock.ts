import Database from 'better-sqlite3';

import { ConnectorError } from '../errors';
import { toStorageError } from './inspect-database-file';

/** File name of the sync lock inside the data folder. */
export const SYNC_LOCK_FILE = 'sync.lock';

/** A held sync lock. `release` is safe to call more than once. */
export type SyncLock = {
  release(): void;
};

/**
 * Takes the lock that lets one sync at a time run on a data folder, across
 * processes and across services in one process. Two overlapping syncs would
 * duplicate tickets: one run's reconciliation finds no ticket for a row that
 * the other run is still posting, so it posts the row again.
 *
 * The lock is an EXCLUSIVE SQLite transaction on a separate empty database
 * file. SQLite holds it with POSIX advisory locks (LockFileEx on Windows),
 * which the operating system drops when the process dies, so a killed sync
 * leaves no stale lock behind. Throws a `conflict` error at once when
 * another sync holds the lock.
 */
export function acquireSyncLock(file: string): SyncLock {
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: 0 });
  } catch (error) {
    throw toStorageError(file, error);
  }
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (isBusy(error)) {
      throw new ConnectorError(
        'conflict',
        `Another sync is already running on this data folder (lock file ` +
          `${file}). Wait for it to finish, or stop the other dwid-bms ` +
          'process or desktop app that uses this folder.',
      );
    }
    throw toStorageError(file, error);
  }
  return {
    release() {
      if (!db.open) return;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
