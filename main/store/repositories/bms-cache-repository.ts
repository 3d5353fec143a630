import { ConnectorError } from '../../errors';
import { toFlag, type StoreContext } from '../store-context';

/** A BMS account (customer company) as cached for offline editing. */
export type BmsAccount = {
  readonly id: number;
  readonly name: string;
  readonly isActive: boolean;
  /** Kept across refreshes. Null until the account's locations are read. */
  readonly mainLocationId: number | null;
};

/** A cached account and the name queued for it, if any. */
export type BmsAccountWithPending = BmsAccount & {
  readonly pendingName: string | null;
};

export type BmsAccountInput = {
  readonly id: number;
  readonly name: string;
  readonly isActive: boolean;
};

/** A ticket status, priority or queue. */
export type BmsLookup = {
  readonly id: number;
  readonly name: string;
  readonly isActive: boolean;
};

export type BmsLookupInput = {
  readonly id: number;
  readonly name: string;
  /** Defaults to true. */
  readonly isActive?: boolean;
};

export type BmsLookupKind = 'status' | 'priority' | 'queue';

const LOOKUP_KINDS: readonly BmsLookupKind[] = ['status', 'priority', 'queue'];

export type BmsLookups<T = BmsLookup> = Record<BmsLookupKind, readonly T[]>;

type AccountRow = {
  account_id: number;
  name: string;
  is_active: number;
  main_location_id: number | null;
};

function toAccount(row: AccountRow): BmsAccount {
  return {
    id: row.account_id,
    name: row.name,
    isActive: row.is_active === 1,
    mainLocationId: row.main_location_id,
  };
}

type LookupRow = {
  kind: BmsLookupKind;
  item_id: number;
  name: string;
  is_active: number;
};

/** Cached copies of each integration's BMS accounts and ticket lookups. */
export class BmsCacheRepository {
  constructor(private readonly context: StoreContext) {}

  /**
   * Replaces the cached accounts in one transaction. Accounts that remain
   * keep their main location, and accounts missing from `accounts` are
   * deleted. An account with a queued rename keeps the queued name, so a
   * refresh before the rename reaches BMS does not undo it locally.
   */
  replaceAccounts(
    integrationId: number,
    accounts: readonly BmsAccountInput[],
  ): void {
    this.context.transaction(() => {
      const upsert = this.context.statement(
        `INSERT INTO bms_accounts (integration_id, account_id, name, is_active)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (integration_id, account_id) DO UPDATE SET
           name = excluded.name, is_active = excluded.is_active`,
      );
      const incoming = new Set<number>();
      for (const account of accounts) {
        incoming.add(account.id);
        upsert.run(
          integrationId,
          account.id,
          account.name,
          toFlag(account.isActive),
        );
      }
      this.deleteAccountsExcept(integrationId, incoming);
      this.applyPendingNames(integrationId);
      this.touch(integrationId, 'accounts');
    });
  }

  /** Returns the cached accounts, ordered by name. */
  listAccounts(integrationId: number): BmsAccount[] {
    return this.context
      .statement<AccountRow>(
        `SELECT account_id, name, is_active, main_location_id
         FROM bms_accounts WHERE integration_id = ?
         ORDER BY name COLLATE NOCASE, account_id`,
      )
      .all(integrationId)
      .map(toAccount);
  }

  /** Returns one cached account, or null when it is not cached. */
  getAccount(integrationId: number, accountId: number): BmsAccount | null {
    const row = this.context
      .statement<AccountRow>(
        `SELECT account_id, name, is_active, main_location_id
         FROM bms_accounts WHERE integration_id = ? AND account_id = ?`,
      )
      .get(integrationId, accountId);
    return row === undefined ? null : toAccount(row);
  }

  /**
   * Lists the cached accounts with the name queued for each in
   * `pending_changes` (null when none), ordered by name, in one query.
   */
  listAccountsWithPendingNames(integrationId: number): BmsAccountWithPending[] {
    return this.context
      .statement<AccountRow & { pending_name: string | null }>(
        `SELECT a.account_id, a.name, a.is_active, a.main_location_id,
           p.new_name AS pending_name
         FROM bms_accounts a
         LEFT JOIN pending_changes p ON p.target = 'bms-account'
           AND p.integration_id = a.integration_id
           AND p.target_id = CAST(a.account_id AS TEXT)
         WHERE a.integration_id = ?
         ORDER BY a.name COLLATE NOCASE, a.account_id`,
      )
      .all(integrationId)
      .map(row => ({ ...toAccount(row), pendingName: row.pending_name }));
  }

  /**
   * Changes the cached name of one account, the local half of a rename.
   * Throws `not-found` when the account is not cached for the integration.
   */
  renameAccount(integrationId: number, accountId: number, name: string): void {
    this.updateAccount(
      integrationId,
      accountId,
      'name',
      name,
      'refresh the BMS accounts and pick an account from the list.',
    );
  }

  /** Stores the account's main location. Throws `not-found` if uncached. */
  setMainLocation(
    integrationId: number,
    accountId: number,
    locationId: number | null,
  ): void {
    this.updateAccount(
      integrationId,
      accountId,
      'main_location_id',
      locationId,
      'refresh the BMS accounts first.',
    );
  }

  /**
   * Sets one column of a cached account. Throws `not-found`, ending its
   * message with `fix`, when the account is not cached for the integration.
   */
  private updateAccount(
    integrationId: number,
    accountId: number,
    column: 'name' | 'main_location_id',
    value: string | number | null,
    fix: string,
  ): void {
    const result = this.context
      .statement(
        `UPDATE bms_accounts SET ${column} = ?
         WHERE integration_id = ? AND account_id = ?`,
      )
      .run(value, integrationId, accountId);
    if (result.changes === 0) {
      throw new ConnectorError(
        'not-found',
        `BMS account ${accountId} is not in the cache of integration ` +
          `${integrationId}; ${fix}`,
      );
    }
  }

  /** Replaces every cached status, priority and queue in one transaction. */
  replaceLookups(
    integrationId: number,
    lookups: BmsLookups<BmsLookupInput>,
  ): void {
    this.context.transaction(() => {
      this.context
        .statement('DELETE FROM bms_lookups WHERE integration_id = ?')
        .run(integrationId);
      const insert = this.context.statement(
        `INSERT OR REPLACE INTO bms_lookups
           (integration_id, kind, item_id, name, is_active)
         VALUES (?, ?, ?, ?, ?)`,
      );
      for (const kind of LOOKUP_KINDS) {
        for (const item of lookups[kind]) {
          const active = toFlag(item.isActive ?? true);
          insert.run(integrationId, kind, item.id, item.name, active);
        }
      }
      this.touch(integrationId, 'lookups');
    });
  }

  /** Returns the cached lookups of each kind, ordered by name. */
  listLookups(integrationId: number): BmsLookups {
    const result: Record<BmsLookupKind, BmsLookup[]> = {
      status: [],
      priority: [],
      queue: [],
    };
    const rows = this.context
      .statement<LookupRow>(
        `SELECT kind, item_id, name, is_active FROM bms_lookups
         WHERE integration_id = ? ORDER BY name COLLATE NOCASE, item_id`,
      )
      .all(integrationId);
    for (const row of rows) {
      result[row.kind].push({
        id: row.item_id,
        name: row.name,
        isActive: row.is_active === 1,
      });
    }
    return result;
  }

  /** Returns when the cached copy was last replaced, or null if never. */
  fetchedAt(
    integrationId: number,
    kind: 'accounts' | 'lookups',
  ): string | null {
    const row = this.context
      .statement<{ fetched_at: string }>(
        `SELECT fetched_at FROM bms_cache_state
         WHERE integration_id = ? AND kind = ?`,
      )
      .get(integrationId, kind);
    return row?.fetched_at ?? null;
  }

  /** Writes each queued rename of the integration over the cached name. */
  private applyPendingNames(integrationId: number): void {
    this.context
      .statement(
        `UPDATE bms_accounts SET name = p.new_name
         FROM pending_changes p
         WHERE p.target = 'bms-account'
           AND p.integration_id = bms_accounts.integration_id
           AND p.target_id = CAST(bms_accounts.account_id AS TEXT)
           AND bms_accounts.integration_id = ?`,
      )
      .run(integrationId);
  }

  private deleteAccountsExcept(
    integrationId: number,
    keep: ReadonlySet<number>,
  ): void {
    const stored = this.context
      .statement<number>(
        'SELECT account_id FROM bms_accounts WHERE integration_id = ?',
      )
      .pluck()
      .all(integrationId);
    const remove = this.context.statement(
      'DELETE FROM bms_accounts WHERE integration_id = ? AND account_id = ?',
    );
    for (const accountId of stored) {
      if (!keep.has(accountId)) remove.run(integrationId, accountId);
    }
  }

  private touch(integrationId: number, kind: 'accounts' | 'lookups'): void {
    this.context
      .statement(
        `INSERT INTO bms_cache_state (integration_id, kind, fetched_at)
         VALUES (?, ?, ?)
         ON CONFLICT (integration_id, kind) DO UPDATE SET
           fetched_at = excluded.fetched_at`,
      )
      .run(integrationId, kind, this.context.nowIso());
  }
}
