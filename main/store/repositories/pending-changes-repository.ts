import type { StoreContext } from '../store-context';

export type PendingChangeTarget = 'bms-account' | 'dwid-organization';

export type PendingChangeInput = {
  /** Null for Dark Web ID organizations, which belong to no integration. */
  readonly integrationId: number | null;
  readonly target: PendingChangeTarget;
  /** The id of the account or organization in the remote system. */
  readonly targetId: string;
  readonly newName: string;
  /**
   * The target's name in its remote system before this rename, or null when
   * unknown. A rename that replaces a queued one keeps the queued one's.
   */
  readonly previousName?: string | null;
};

export type PendingChange = Omit<PendingChangeInput, 'previousName'> & {
  readonly previousName: string | null;
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
  previous_name: string | null;
  attempts: number;
  last_error: string | null;
  created_at: string;
};

/** Result of `enqueue` for one rename. */
export type EnqueueOutcome =
  | { readonly kind: 'queued'; readonly id: number }
  /** The rename undid a queued one, so nothing is left to send. */
  | { readonly kind: 'withdrawn' }
  /** Nothing was queued and the name is the previous one already. */
  | { readonly kind: 'unchanged' };

/** Result of `settleSent`. */
export type SettleOutcome = 'removed' | 'superseded' | 'not-queued';

/** Renames waiting until their remote system can be reached. */
export class PendingChangesRepository {
  constructor(private readonly context: StoreContext) {}

  /**
   * Queues a rename. A second rename of the same target replaces the
   * queued name instead of queueing both, so only the latest name is sent,
   * and keeps the queued rename's previous name. A rename back to the
   * previous name withdraws the queued one instead.
   */
  enqueue(change: PendingChangeInput): EnqueueOutcome {
    return this.context.transaction(() => {
      const existing = this.context
        .statement<{ id: number; previous_name: string | null }>(
          `SELECT id, previous_name FROM pending_changes
           WHERE integration_id IS ? AND target = ? AND target_id = ?`,
        )
        .get(change.integrationId, change.target, change.targetId);
      if (existing !== undefined) {
        return this.replaceQueued(existing, change.newName);
      }
      if (change.previousName === change.newName) return { kind: 'unchanged' };
      const result = this.context
        .statement(
          `INSERT INTO pending_changes (integration_id, target, target_id,
             new_name, previous_name, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(
          change.integrationId,
          change.target,
          change.targetId,
          change.newName,
          change.previousName ?? null,
          this.context.nowIso(),
        );
      return { kind: 'queued', id: Number(result.lastInsertRowid) };
    });
  }

  /**
   * Returns the queued renames, oldest first: every one, or only those of
   * one integration's BMS accounts when `integrationId` is given.
   */
  list(integrationId?: number): PendingChange[] {
    const rows =
      integrationId === undefined
        ? this.context
            .statement<ChangeRow>(`${SELECT_CHANGE} ORDER BY id`)
            .all()
        : this.context
            .statement<ChangeRow>(
              `${SELECT_CHANGE} WHERE integration_id = ? ORDER BY id`,
            )
            .all(integrationId);
    return rows.map(toPendingChange);
  }

  private replaceQueued(
    queued: { id: number; previous_name: string | null },
    newName: string,
  ): EnqueueOutcome {
    if (queued.previous_name === newName) {
      this.remove(queued.id);
      return { kind: 'withdrawn' };
    }
    this.context
      .statement(
        `UPDATE pending_changes SET new_name = ?, attempts = 0,
           last_error = NULL WHERE id = ?`,
      )
      .run(newName, queued.id);
    return { kind: 'queued', id: queued.id };
  }

  getById(id: number): PendingChange | null {
    const row = this.context
      .statement<ChangeRow>(`${SELECT_CHANGE} WHERE id = ?`)
      .get(id);
    return row === undefined ? null : toPendingChange(row);
  }

  /**
   * Counts the queued renames per integration. Dark Web ID renames, which
   * belong to no integration, are counted under the key null.
   */
  countByIntegration(): Map<number | null, number> {
    const rows = this.context
      .statement<{ integration_id: number | null; count: number }>(
        `SELECT integration_id, COUNT(*) AS count FROM pending_changes
         GROUP BY integration_id`,
      )
      .all();
    return new Map(rows.map(row => [row.integration_id, row.count]));
  }

  /**
   * Counts a failed attempt to send `sent`. Nothing changes when its target
   * has another name queued now, because a newer rename replaced it while
   * the request ran. The row is found by its target, not by id, because
   * SQLite may give a withdrawn rename's id to another one. False if
   * nothing changed.
   */
  markSendFailed(sent: PendingChange, error: string): boolean {
    const result = this.context
      .statement(
        `UPDATE pending_changes SET attempts = attempts + 1, last_error = ?
         WHERE integration_id IS ? AND target = ? AND target_id = ?
           AND new_name = ?`,
      )
      .run(error, sent.integrationId, sent.target, sent.targetId, sent.newName);
    return result.changes > 0;
  }

  /**
   * Records that the name of `sent` reached the remote system, finding the
   * queued row by its target like `markSendFailed`. Returns `removed` when
   * that name was still queued, and `not-queued` when nothing is queued for
   * the target, because the technician withdrew the rename or another run
   * settled it. Returns `superseded` when a newer name is queued. That one
   * stays, with the sent name as its previous name, because the remote
   * system has it now.
   */
  settleSent(sent: PendingChange): SettleOutcome {
    return this.context.transaction(() => {
      const queued = this.context
        .statement<{ id: number; new_name: string }>(
          `SELECT id, new_name FROM pending_changes
           WHERE integration_id IS ? AND target = ? AND target_id = ?`,
        )
        .get(sent.integrationId, sent.target, sent.targetId);
      if (queued === undefined) return 'not-queued';
      if (queued.new_name === sent.newName) {
        this.remove(queued.id);
        return 'removed';
      }
      this.context
        .statement('UPDATE pending_changes SET previous_name = ? WHERE id = ?')
        .run(sent.newName, queued.id);
      return 'superseded';
    });
  }

  /** Removes a rename. Returns false if there was none with `id`. */
  remove(id: number): boolean {
    const result = this.context
      .statement('DELETE FROM pending_changes WHERE id = ?')
      .run(id);
    return result.changes > 0;
  }
}

const SELECT_CHANGE = `SELECT id, integration_id, target, target_id, new_name,
  previous_name, attempts, last_error, created_at FROM pending_changes`;

function toPendingChange(row: ChangeRow): PendingChange {
  return {
    id: row.id,
    integrationId: row.integration_id,
    target: row.target,
    targetId: row.target_id,
    newName: row.new_name,
    previousName: row.previous_name,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}
