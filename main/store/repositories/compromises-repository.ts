import type { Compromise } from '../../../shared/domain';
import type { StoreContext } from '../store-context';

/** Compromise skip reason while no integration takes its organization. */
export const NO_ASSOCIATION = 'no-association';

type CompromiseRow = {
  data_json: string;
  password_secret: Buffer | null;
};

/** The record as stored in `data_json`: everything except the password. */
type StoredData = Omit<Compromise, 'password'>;

/**
 * The local copy of Dark Web ID compromises. Passwords are stored only
 * encrypted, in `password_secret`.
 */
export class CompromisesRepository {
  constructor(private readonly context: StoreContext) {}

  /**
   * Inserts new compromises and replaces stored ones with the same uuid, in
   * one transaction. `updated` counts records that were already stored,
   * whether or not their data changed. Skip reasons and first-seen times of
   * stored records are kept.
   */
  upsertMany(compromises: readonly Compromise[]): {
    inserted: number;
    updated: number;
  } {
    return this.context.transaction(() => {
      const exists = this.context
        .statement('SELECT 1 FROM compromises WHERE uuid = ?')
        .pluck();
      const upsert = this.context.statement(
        `INSERT INTO compromises (uuid, organization_uuid, record_type,
           has_password, password_secret, data_json, date_added,
           first_seen_at, updated_at)
         VALUES (@uuid, @organizationUuid, @recordType, @hasPassword,
           @secret, @data, @dateAdded, @now, @now)
         ON CONFLICT (uuid) DO UPDATE SET
           organization_uuid = excluded.organization_uuid,
           record_type = excluded.record_type,
           has_password = excluded.has_password,
           password_secret = excluded.password_secret,
           data_json = excluded.data_json,
           date_added = excluded.date_added,
           updated_at = excluded.updated_at`,
      );
      const now = this.context.nowIso();
      let inserted = 0;
      let updated = 0;
      for (const compromise of compromises) {
        if (exists.get(compromise.uuid) === undefined) inserted += 1;
        else updated += 1;
        upsert.run({ ...this.toParams(compromise), now });
      }
      return { inserted, updated };
    });
  }

  /** Returns the compromise with its decrypted password, or null. */
  get(uuid: string): Compromise | null {
    const row = this.context
      .statement<CompromiseRow>(
        'SELECT data_json, password_secret FROM compromises WHERE uuid = ?',
      )
      .get(uuid);
    if (row === undefined) return null;
    const data = JSON.parse(row.data_json) as StoredData;
    return { ...data, password: this.context.openSecret(row.password_secret) };
  }

  /** Returns the number of stored compromises. */
  count(): number {
    return this.context
      .statement<number>('SELECT COUNT(*) FROM compromises')
      .pluck()
      .get() as number;
  }

  /** Sets (or with null, clears) the skip reason. Returns rows changed. */
  setSkipReason(uuids: readonly string[], reason: string | null): number {
    return this.context.transaction(() => {
      const update = this.context.statement(
        'UPDATE compromises SET skip_reason = ? WHERE uuid = ?',
      );
      let changed = 0;
      for (const uuid of uuids) changed += update.run(reason, uuid).changes;
      return changed;
    });
  }

  /** Returns the number of compromises per skip reason, without unskipped ones. */
  countBySkipReason(): Record<string, number> {
    const rows = this.context
      .statement<{ skip_reason: string; count: number }>(
        `SELECT skip_reason, COUNT(*) AS count FROM compromises
         WHERE skip_reason IS NOT NULL GROUP BY skip_reason`,
      )
      .all();
    return Object.fromEntries(rows.map(row => [row.skip_reason, row.count]));
  }

  private toParams(compromise: Compromise): Record<string, unknown> {
    const { password, ...data } = compromise;
    // An empty password counts as none for routing but is stored as given.
    const hasPassword = password !== null && password !== '';
    return {
      uuid: compromise.uuid,
      organizationUuid: compromise.organizationUuid,
      recordType: compromise.recordType,
      hasPassword: hasPassword ? 1 : 0,
      secret: this.context.sealSecret(password),
      data: JSON.stringify(data satisfies StoredData),
      dateAdded: compromise.dateAdded,
    };
  }
}
