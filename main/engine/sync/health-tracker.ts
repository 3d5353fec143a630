import type { ConnectorError } from '../../errors';
import { getLogger } from '../../log/logger';
import type { Store } from '../../store/open-store';
import type { EngineEventListener } from './events';

/** Consecutive failed requests that make an integration unhealthy. */
export const UNHEALTHY_THRESHOLD = 5;

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

  constructor(
    private readonly store: Store,
    private readonly integration: {
      readonly id: number;
      readonly name: string;
    },
    private readonly onEvent: EngineEventListener,
  ) {}

  /**
   * True once this run has seen `UNHEALTHY_THRESHOLD` failures in a row, or
   * BMS kept throttling past the client's waits: the rest waits for the
   * next run instead of spending more of the rate budget.
   */
  get shouldStop(): boolean {
    return this.isOutOfBudget || this.failuresThisRun >= UNHEALTHY_THRESHOLD;
  }

  /** Why the run stopped early, for the report; undefined while it may go on. */
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

  recordSuccess(): void {
    this.failuresThisRun = 0;
    const { becameHealthy } = this.store.health.recordSuccess(
      this.integration.id,
    );
    if (becameHealthy) this.emit(true);
  }

  /** Records a failed request or a failed ticket build, with its reason. */
  recordFailure(
    operation: string,
    code: string,
    message: string,
    compromiseUuid?: string,
  ): void {
    this.failuresThisRun += 1;
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
