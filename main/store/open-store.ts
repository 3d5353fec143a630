import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { assertSchemaNotTooNew, migrate, readSchemaVersion } from './migrate';
import { AssociationsRepository } from './repositories/associations-repository';
import { BmsCacheRepository } from './repositories/bms-cache-repository';
import { CompanyLinksRepository } from './repositories/company-links-repository';
import { CompromisesRepository } from './repositories/compromises-repository';
import { DeliveriesRepository } from './repositories/deliveries-repository';
import { EngineLeaseRepository } from './repositories/engine-lease-repository';
import { ErrorsRepository } from './repositories/errors-repository';
import { FieldMappingsRepository } from './repositories/field-mappings-repository';
import { HealthRepository } from './repositories/health-repository';
import { IntegrationsRepository } from './repositories/integrations-repository';
import { OrganizationsRepository } from './repositories/organizations-repository';
import { PendingChangesRepository } from './repositories/pending-changes-repository';
import { SourceRepository } from './repositories/source-repository';
import { SyncStateRepository } from './repositories/sync-state-repository';
import type { SecretBox } from './secret-box';
import { createStoreContext, type StoreContext } from './store-context';
import { inspectDatabaseFile, toStorageError } from './inspect-database-file';

export type StoreOptions = {
  /** Database file path, or ':memory:'. */
  readonly file: string;
  readonly secretBox: SecretBox;
  /** Clock for every stored time. Tests pass a fixed one. */
  readonly now?: () => Date;
};

export type Store = {
  /** The raw connection, for tests and diagnostics. */
  readonly db: Database.Database;
  readonly source: SourceRepository;
  readonly integrations: IntegrationsRepository;
  readonly health: HealthRepository;
  readonly errors: ErrorsRepository;
  readonly bmsCache: BmsCacheRepository;
  readonly organizations: OrganizationsRepository;
  readonly associations: AssociationsRepository;
  readonly companyLinks: CompanyLinksRepository;
  readonly fieldMappings: FieldMappingsRepository;
  readonly compromises: CompromisesRepository;
  readonly deliveries: DeliveriesRepository;
  readonly pendingChanges: PendingChangesRepository;
  readonly syncState: SyncStateRepository;
  readonly engineLease: EngineLeaseRepository;
  /**
   * Runs `fn` in one transaction: it commits when `fn` returns and rolls
   * back when it throws. Nested calls become savepoints. `fn` must be
   * synchronous, because better-sqlite3 commits when it returns.
   */
  transaction<T>(fn: () => T): T;
  /**
   * Runs `fn` like `transaction`, but syncs the commit to disk before it
   * returns (`synchronous = FULL` for that commit), so it survives a power
   * loss. Inside an open transaction it is an ordinary savepoint.
   */
  durableTransaction<T>(fn: () => T): T;
  close(): void;
};

/**
 * Opens (creating if needed) and migrates the database. An existing file is
 * checked first, so a file that is not a SQLite database or was written by
 * a newer app is rejected before anything writes to it.
 */
export function openStore(options: StoreOptions): Store {
  const isMemory = options.file === ':memory:';
  if (!isMemory && existsSync(options.file)) inspectDatabaseFile(options.file);

  const db = openConnection(options.file);
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Checked again on the writable connection, because another process
    // may have upgraded the file since the header was read.
    assertSchemaNotTooNew(readSchemaVersion(db), options.file);
    if (!isMemory) db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL survives a crash of the process; only a power loss
    // or OS crash can lose the latest commits. The commits that must not be
    // lost (a row claimed as 'sending' before its POST) use
    // durableTransaction, and a lost 'sent' commit leaves the row in
    // 'sending', which the next run reconciles.
    db.pragma('synchronous = NORMAL');
    migrate(db, undefined, options.file);
  } catch (error) {
    db.close();
    throw error;
  }
  return buildStore(db, options);
}

function buildStore(db: Database.Database, options: StoreOptions): Store {
  const context = createStoreContext(
    db,
    options.secretBox,
    options.now ?? (() => new Date()),
  );
  const errors = new ErrorsRepository(context);
  return {
    db,
    source: new SourceRepository(context),
    integrations: new IntegrationsRepository(context),
    health: new HealthRepository(context, errors),
    errors,
    bmsCache: new BmsCacheRepository(context),
    organizations: new OrganizationsRepository(context),
    associations: new AssociationsRepository(context),
    companyLinks: new CompanyLinksRepository(context),
    fieldMappings: new FieldMappingsRepository(context),
    compromises: new CompromisesRepository(context),
    deliveries: new DeliveriesRepository(context),
    pendingChanges: new PendingChangesRepository(context),
    syncState: new SyncStateRepository(context),
    engineLease: new EngineLeaseRepository(context),
    transaction: fn => context.transaction(fn),
    durableTransaction: fn => durableTransaction(db, context, fn),
    close: () => db.close(),
  };
}

function durableTransaction<T>(
  db: Database.Database,
  context: StoreContext,
  fn: () => T,
): T {
  if (db.inTransaction) return context.transaction(fn);
  db.pragma('synchronous = FULL');
  try {
    return context.transaction(fn);
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}

function openConnection(file: string): Database.Database {
  try {
    return new Database(file);
  } catch (error) {
    throw toStorageError(file, error);
  }
}
