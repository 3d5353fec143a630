import type { ConnectorError } from '../../errors';
import { getLogger } from '../../log/logger';
import type { Store } from '../../store/open-store';
import type { EngineEventListener } from './events';

/** Consecutive failed requests that make an integration unhealthy. */
export const UNHEALTHY_THRESHOLD = 5;

/**
 * Minimum time between two writes of `last_success_at` while the stored
 * health already reads healthy with no failures. `flush` writes the latest.
 */
export const SUCCESS_WRITE_INTERVAL_MS = 1000;

export type RequestOutcome = {
  readonly operation: string;
  readonly outcome: 'success' | 'failure' | 'throttled';
  readonly error?: ConnectorError;
};

/**
 * Turns the BMS client's request outcomes into the integration's stored
 * health, and emits an event only when health changes. It also counts the
 * failures of the current run, so a run stops hammering a service that is
 * down instead of failing every pending delivery one by one.
 *
 * The integration can be deleted while a run uses its tracker. Before each
 * write, and when a write fails on the foreign key, the tracker checks that
 * its integration still exists. Once it is gone, the tracker logs that,
 * writes nothing more, and `shouldStop` turns true.
 */
export class HealthTracker {
  private failuresThisRun = 0;
  private isOutOfBudget = false;
  /**
   * True while the stored health is known to be healthy with no failures,
   * because this tracker wrote it so and has recorded no failure since.
   */
  private isStoredClean = false;
  /** `Date.now()` of the last success written, for the write interval. */
  private lastSuccessWriteMs = Number.NEGATIVE_INFINITY;
  /** True when a success was counted but its time not yet written. */
  private hasUnwrittenSuccess = false;
  private isDeleted = false;
  /** Errors of failed requests, which the store already lists. */
  private readonly recordedErrors = new WeakSet<object>();

  /**
   * `created_at` of the integration when the tracker started, or null if it
   * was already gone. SQLite may give a new integration the id of a deleted
   * one, and a different `created_at` shows that it is not the same one.
   */
  private readonly createdAt: string | null;

  constructor(
    private readonly store: Store,
    private readonly integration: {
      readonly id: number;
      readonly name: string;
    },
    private readonly onEvent: EngineEventListener,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.createdAt =
      store.integrations.getById(integration.id)?.createdAt ?? null;
  }

  /**
   * True once this run has seen `UNHEALTHY_THRESHOLD` failures in a row, or
   * BMS kept throttling past the client's waits: the rest waits for the
   * next run instead of spending more of the rate budget.
   */
  get shouldStop(): boolean {
    return (
      this.isDeleted ||
      this.isOutOfBudget ||
      this.failuresThisRun >= UNHEALTHY_THRESHOLD
    );
  }

  /** Reason the run stopped early, for the report, or undefined while it may go on. */
  get stopReason(): string | undefined {
    if (this.isDeleted) {
      return `Integration ${this.integration.id} was deleted during the sync`;
    }
    if (this.isOutOfBudget) {
      return 'Kaseya BMS rate budget is used up; the rest waits for the next run';
    }
    if (this.failuresThisRun >= UNHEALTHY_THRESHOLD) {
      return 'Stopped after repeated failures; the rest waits for the next run';
    }
    return undefined;
  }

  /** True once a write or `checkDeleted` found the integration deleted. */
  get wasDeleted(): boolean {
    return this.isDeleted;
  }

  /**
   * Returns true when the integration no longer exists, or another one has
   * taken its id, and logs that once. Reads the store unless the deletion
   * is already known.
   */
  checkDeleted(): boolean {
    if (this.isDeleted) return true;
    const current = this.store.integrations.getById(this.integration.id);
    if (current !== null && current.createdAt === this.createdAt) {
      return false;
    }
    this.isDeleted = true;
    getLogger('sync').info(
      { integrationId: this.integration.id },
      `Integration ${this.integration.id} was deleted during the sync; ` +
        'no more tickets are sent for it',
    );
    return true;
  }

  /**
   * True when `error` is the error of a failed request that `record` has
   * stored, so a caller that catches it must not store it again.
   */
  wasRecorded(error: unknown): boolean {
    return typeof error === 'object' && error !== null
      ? this.recordedErrors.has(error)
      : false;
  }

  record(outcome: RequestOutcome): void {
    if (outcome.outcome === 'throttled') {
      // A throttled outcome with an error means the waits ran out.
      if (outcome.error !== undefined) this.isOutOfBudget = true;
      return;
    }
    if (outcome.outcome === 'success') {
      this.recordSuccess();
      return;
    }
    if (outcome.error !== undefined) this.recordedErrors.add(outcome.error);
    this.recordFailure(
      outcome.operation,
      outcome.error?.code ?? 'internal',
      outcome.error?.message ?? 'Request failed',
    );
  }

  /**
   * Resets the failure count and stores the success. While the stored health
   * is already clean, the write is skipped when the last one is less than
   * `SUCCESS_WRITE_INTERVAL_MS` old, so `last_success_at` may lag by up to
   * that interval until the next write or `flush`.
   */
  recordSuccess(): void {
    this.failuresThisRun = 0;
    const now = this.nowMs();
    if (
      this.isStoredClean &&
      now - this.lastSuccessWriteMs < SUCCESS_WRITE_INTERVAL_MS
    ) {
      this.hasUnwrittenSuccess = true;
      return;
    }
    this.writeSuccess(now);
  }

  /** Writes a success whose write `recordSuccess` skipped, if any. */
  flush(): void {
    if (this.hasUnwrittenSuccess) this.writeSuccess(this.nowMs());
  }

  private writeSuccess(now: number): void {
    const result = this.write(() =>
      this.store.health.recordSuccess(this.integration.id),
    );
    this.isStoredClean = true;
    this.lastSuccessWriteMs = now;
    this.hasUnwrittenSuccess = false;
    if (result?.becameHealthy === true) this.emit(true);
  }

  /** Records a failed request or a failed ticket build, with its reason. */
  recordFailure(
    operation: string,
    code: string,
    message: string,
    compromiseUuid?: string,
  ): void {
    // A success counted before this failure is stored first, so that
    // `last_success_at` stays before `last_failure_at`.
    this.flush();
    this.failuresThisRun += 1;
    this.isStoredClean = false;
    // Logged before the write, so a failed write still leaves the reason
    // in the log.
    getLogger('sync').warn(
      { integrationId: this.integration.id, operation, code, compromiseUuid },
      message,
    );
    const result = this.write(() =>
      this.store.health.recordFailure(
        this.integration.id,
        { operation, code, message, compromiseUuid },
        UNHEALTHY_THRESHOLD,
      ),
    );
    if (result?.becameUnhealthy === true) this.emit(false, message);
  }

  /**
   * Stores a failure that made no failed request, such as a ticket that
   * cannot be built, among the integration's errors. It does not count
   * toward health, which counts failed requests only.
   */
  recordError(
    operation: string,
    code: string,
    message: string,
    compromiseUuid?: string,
  ): void {
    getLogger('sync').warn(
      { integrationId: this.integration.id, operation, code, compromiseUuid },
      message,
    );
    this.write(() => {
      this.store.errors.recordIntegrationError(this.integration.id, {
        operation,
        code,
        message,
        compromiseUuid,
      });
      return true;
    });
  }

  /** Stores that a sync run for the integration finished now. */
  markSynced(): void {
    this.write(() => {
      this.store.health.markSynced(this.integration.id);
      return true;
    });
  }

  /**
   * Runs one write of the integration's rows. Returns undefined, having
   * written nothing, when the integration is deleted. Other errors are
   * thrown.
   */
  private write<T>(write: () => T): T | undefined {
    // A read first, because a new integration with the same id would
    // accept the write. While the stored health is clean, `recordSuccess`
    // writes at most once per SUCCESS_WRITE_INTERVAL_MS, so the read is
    // rare on the delivery path.
    if (this.checkDeleted()) return undefined;
    try {
      return write();
    } catch (error) {
      if (this.checkDeleted()) return undefined;
      throw error;
    }
  }

  private emit(isHealthy: boolean, message?: string): void {
    getLogger('sync').info(
      { integrationId: this.integration.id, isHealthy },
      isHealthy ? 'integration recovered' : 'integration became unhealthy',
    );
    this.onEvent({
      type: 'health-changed',
      integrationId: this.integration.id,
      integrationName: this.integration.name,
      isHealthy,
      message,
    });
  }
}
