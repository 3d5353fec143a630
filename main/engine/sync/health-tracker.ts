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

  constructor(
    private readonly store: Store,
    private readonly integration: {
      readonly id: number;
      readonly name: string;
    },
    private readonly onEvent: EngineEventListener,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /**
   * True once this run has seen `UNHEALTHY_THRESHOLD` failures in a row, or
   * BMS kept throttling past the client's waits: the rest waits for the
   * next run instead of spending more of the rate budget.
   */
  get shouldStop(): boolean {
    return this.isOutOfBudget || this.failuresThisRun >= UNHEALTHY_THRESHOLD;
  }

  /** Reason the run stopped early, for the report, or undefined while it may go on. */
  get stopReason(): string | undefined {
    if (this.isOutOfBudget) {
      return 'Kaseya BMS rate budget is used up; the rest waits for the next run';
    }
    if (this.failuresThisRun >= UNHEALTHY_THRESHOLD) {
      return 'Stopped after repeated failures; the rest waits for the next run';
    }
    return undefined;
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
    const { becameHealthy } = this.store.health.recordSuccess(
      this.integration.id,
    );
    this.isStoredClean = true;
    this.lastSuccessWriteMs = now;
    this.hasUnwrittenSuccess = false;
    if (becameHealthy) this.emit(true);
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
    getLogger('sync').warn(
      { integrationId: this.integration.id, operation, code, compromiseUuid },
      message,
    );
    const result = this.store.health.recordFailure(
      this.integration.id,
      { operation, code, message, compromiseUuid },
      UNHEALTHY_THRESHOLD,
    );
    if (result.becameUnhealthy) this.emit(false, message);
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
