import { ConnectorError } from '../../errors';
import type { StoreContext } from '../store-context';

/** An engine process that may take the lease. */
export type LeaseHolder = {
  /** Random id, unique per ConnectorService. */
  readonly id: string;
  /** Host name of the holder's machine. */
  readonly host: string;
  /** Operating-system process id of the holder. */
  readonly pid: number;
};

/** The stored lease row. Times are ISO 8601 strings in UTC. */
export type EngineLease = LeaseHolder & {
  readonly acquiredAt: string;
  readonly expiresAt: string;
};

type LeaseRow = {
  holder_id: string;
  holder_host: string;
  holder_pid: number;
  acquired_at: string;
  expires_at: string;
};

/** Returns "process PID on HOST", the way messages name a holder. */
export function describeHolder(holder: LeaseHolder): string {
  return `process ${holder.pid} on ${holder.host}`;
}

/**
 * Raised when a holder renews a lease that another engine has taken over,
 * or that was deleted. The sync must stop delivering at once.
 */
export class EngineLeaseLostError extends ConnectorError {
  constructor(holder: LeaseHolder, current: EngineLease | null) {
    const state =
      current === null
        ? 'no engine holds it now'
        : `${describeHolder(current)} holds it until ${current.expiresAt}`;
    super(
      'conflict',
      `The engine ${describeHolder(holder)} lost its lease on this data ` +
        `folder (${state}), so it stopped delivering. It was probably ` +
        'paused for longer than the lease lasts. Run the sync again once ' +
        'the other engine has finished.',
    );
    this.name = 'EngineLeaseLostError';
  }
}

/** Options of `EngineLeaseRepository.acquire`. */
export type AcquireOptions = {
  /** Lifetime of the lease without renewal, in milliseconds. */
  readonly ttlMs: number;
  /**
   * Returns true when the holder of an unexpired lease is known to have
   * exited, so the lease may be taken over before it expires.
   */
  readonly isHolderGone?: (lease: EngineLease) => boolean;
};

/**
 * The engine lease, which lets one engine process at a time deliver from a
 * data folder. Each method runs in its own IMMEDIATE transaction, so the
 * check and the write of two processes cannot interleave.
 */
export class EngineLeaseRepository {
  constructor(private readonly context: StoreContext) {}

  /** Returns the lease row, expired or not, or null when no engine holds it. */
  get(): EngineLease | null {
    const row = this.context
      .statement<LeaseRow>('SELECT * FROM engine_lease WHERE id = 1')
      .get();
    return row === undefined ? null : toLease(row);
  }

  /**
   * Takes the lease. It succeeds when no engine holds it, when `holder`
   * already does, or when the current lease has expired or its holder is
   * gone. Returns the lease it took over from another holder, else null.
   * Throws `conflict` when another holder's lease is still valid.
   */
  acquire(holder: LeaseHolder, options: AcquireOptions): EngineLease | null {
    return this.immediate(() => {
      const now = this.context.nowIso();
      const current = this.get();
      const isForeign = current !== null && current.id !== holder.id;
      if (
        isForeign &&
        current.expiresAt > now &&
        options.isHolderGone?.(current) !== true
      ) {
        throw heldElsewhereError(current);
      }
      this.context
        .statement(
          `INSERT INTO engine_lease (id, holder_id, holder_host, holder_pid,
             acquired_at, expires_at) VALUES (1, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET holder_id = excluded.holder_id,
             holder_host = excluded.holder_host,
             holder_pid = excluded.holder_pid,
             acquired_at = excluded.acquired_at,
             expires_at = excluded.expires_at`,
        )
        .run(
          holder.id,
          holder.host,
          holder.pid,
          now,
          addMs(now, options.ttlMs),
        );
      return isForeign ? current : null;
    });
  }

  /**
   * Extends the lease of `holder` to `ttlMs` milliseconds from now. An
   * expired lease that no other engine took over is renewed too, because no other
   * engine can have delivered under it. Throws EngineLeaseLostError when
   * the row is gone or names another holder.
   */
  renew(holder: LeaseHolder, ttlMs: number): void {
    this.immediate(() => {
      const now = this.context.nowIso();
      const changes = this.context
        .statement(
          `UPDATE engine_lease SET expires_at = ?
           WHERE id = 1 AND holder_id = ?`,
        )
        .run(addMs(now, ttlMs), holder.id).changes;
      if (changes === 0) throw new EngineLeaseLostError(holder, this.get());
    });
  }

  /** True when `holder` has the lease now; a read, no write transaction. */
  isHeldBy(holder: LeaseHolder): boolean {
    const holderId = this.context
      .statement<string>('SELECT holder_id FROM engine_lease WHERE id = 1')
      .pluck()
      .get();
    return holderId === holder.id;
  }

  /** Deletes the lease if `holder` has it. Returns whether it did. */
  release(holder: LeaseHolder): boolean {
    return this.immediate(() => {
      const result = this.context
        .statement('DELETE FROM engine_lease WHERE id = 1 AND holder_id = ?')
        .run(holder.id);
      return result.changes > 0;
    });
  }

  private immediate<T>(fn: () => T): T {
    return this.context.db.transaction(fn).immediate();
  }
}

function heldElsewhereError(current: EngineLease): ConnectorError {
  return new ConnectorError(
    'conflict',
    `Another engine (${describeHolder(current)}, lease ${current.id}) is ` +
      'delivering from this data folder, and its lease expires at ' +
      `${current.expiresAt}. Wait for its sync to finish, or stop the ` +
      'other dwid-bms process or desktop app that uses this folder.',
  );
}

function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

function toLease(row: LeaseRow): EngineLease {
  return {
    id: row.holder_id,
    host: row.holder_host,
    pid: row.holder_pid,
    acquiredAt: row.acquired_at,
    expiresAt: row.expires_at,
  };
}
