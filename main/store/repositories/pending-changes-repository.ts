import type { StoreContext } from '../store-context';

export type PendingChangeTarget = 'bms-account' | 'dwid-organization';

export type PendingChangeInput = {
  /** Null for Dark Web ID organizations, which belong to no integration. */
  readonly integrationId: number | null;
  readonly target: PendingChangeTarget;
  /** The id of the account or organization in the remote system. */
  readonly targetId: string;
  readonly newName: string;
};

export type PendingChange = PendingChangeInput & {
  readonly id: number;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
};

type ChangeRow = {
  id: number;
  integration_id: number | null;
  target: PendingChangeTarget;
  target_id: string;
  new_name: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
};

/** Renames waiting until their remote system can be reached. */
export class PendingChangesRepository {
  constructor(private readonly context: StoreContext) {}

  /**
   * Queues a rename and returns its id. A second rename of the same target
   * replaces the queued name instead of queueing both, so only the latest
   * name is sent.
   */
  enqueue(change: PendingChangeInput): number {
    return this.context.transaction(() => {
      const existing = this.context
        .statement<number>(
          `SELECT id FROM pending_changes WHERE integration_id IS ?
             AND target = ? AND target_id = ?`,
        )
        .pluck()
        .get(change.integrationId, change.target, change.targetId);
      if (existing !== undefined) {
        this.context
          .statement(
            `UPDATE pending_changes SET new_name = ?, attempts = 0,
               last_error = NULL WHERE id = ?`,
          )
          .run(change.newName, existing);
        return existing;
      }
      const result = this.context
        .statement(
          `INSERT INTO pending_changes (integration_id, target, target_id,
             new_name, created_at)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(
          change.integrationId,
          change.target,
          change.targetId,
          change.newName,
          this.context.nowIso(),
        );
      return Number(result.lastInsertRowid);
    });
  }

  /** Returns the queued renames, oldest first. */
  list(): PendingChange[] {
    return this.context
      .statement<ChangeRow>(
        `SELECT id, integration_id, target, target_id, new_name, attempts,
           last_error, created_at
         FROM pending_changes ORDER BY id`,
      )
      .all()
      .map(row => ({
        id: row.id,
        integrationId: row.integration_id,
        target: row.target,
        targetId: row.target_id,
        newName: row.new_name,
        attempts: row.attempts,
        lastError: row.last_error,
        createdAt: row.created_at,
      }));
  }

  /** Counts a failed attempt and keeps its error. False if `id` is gone. */
  markFailed(id: number, error: string): boolean {
    const result = this.context
      .statement(
        `UPDATE pending_changes SET attempts = attempts + 1, last_error = ?
         WHERE id = ?`,
      )
      .run(error, id);
    return result.changes > 0;
  }

  /** Removes a rename once applied. Returns false if `id` is gone. */
  remove(id: number): boolean {
    const result = this.context
      .statement('DELETE FROM pending_changes WHERE id = ?')
      .run(id);
    return result.changes > 0;
  }
}
