import { ConnectorError } from '../../errors';
import type { StoreContext } from '../store-context';
import type { ErrorInput, ErrorsRepository } from './errors-repository';

/** Consecutive failures that make an integration unhealthy by default. */
export const DEFAULT_FAILURE_THRESHOLD = 5;

export type IntegrationHealth = {
  readonly consecutiveFailures: number;
  readonly isHealthy: boolean;
  readonly lastSuccessAt: string | null;
  readonly lastFailureAt: string | null;
  readonly lastSyncAt: string | null;
};

export type FailureOutcome = {
  readonly isHealthy: boolean;
  /** True only for the failure that crossed the threshold. */
  readonly becameUnhealthy: boolean;
  readonly consecutiveFailures: number;
};

type HealthRow = {
  consecutive_failures: number;
  is_healthy: number;
  last_success_at: string | null;
  last_failure_at: string | null;
  last_sync_at: string | null;
};

/**
 * The `integration_health` table. An integration without a row is healthy
 * with no failures, and rows are created on the first write.
 */
export class HealthRepository {
  constructor(
    private readonly context: StoreContext,
    private readonly errors: ErrorsRepository,
  ) {}

  get(integrationId: number): IntegrationHealth {
    const row = this.context
      .statement<HealthRow>(
        `SELECT consecutive_failures, is_healthy, last_success_at,
           last_failure_at, last_sync_at
         FROM integration_health WHERE integration_id = ?`,
      )
      .get(integrationId);
    return {
      consecutiveFailures: row?.consecutive_failures ?? 0,
      isHealthy: (row?.is_healthy ?? 1) === 1,
      lastSuccessAt: row?.last_success_at ?? null,
      lastFailureAt: row?.last_failure_at ?? null,
      lastSyncAt: row?.last_sync_at ?? null,
    };
  }

  /**
   * Counts one failed request and stores its error, in one transaction. The
   * integration turns unhealthy when the count reaches `threshold` and stays
   * so until `recordSuccess`.
   */
  recordFailure(
    integrationId: number,
    failure: ErrorInput,
    threshold = DEFAULT_FAILURE_THRESHOLD,
  ): FailureOutcome {
    if (!Number.isInteger(threshold) || threshold < 1) {
      throw new ConnectorError(
        'validation',
        `The failure threshold ${threshold} is invalid; use a whole number ` +
          'of 1 or more.',
      );
    }
    return this.context.transaction(() => {
      const before = this.get(integrationId);
      const consecutiveFailures = before.consecutiveFailures + 1;
      const isHealthy = before.isHealthy && consecutiveFailures < threshold;
      this.context
        .statement(
          `INSERT INTO integration_health (integration_id,
             consecutive_failures, is_healthy, last_failure_at)
           VALUES (@integrationId, @failures, @healthy, @now)
           ON CONFLICT (integration_id) DO UPDATE SET
             consecutive_failures = excluded.consecutive_failures,
             is_healthy = excluded.is_healthy,
             last_failure_at = excluded.last_failure_at`,
        )
        .run({
          integrationId,
          failures: consecutiveFailures,
          healthy: isHealthy ? 1 : 0,
          now: this.context.nowIso(),
        });
      this.errors.recordIntegrationError(integrationId, failure);
      const becameUnhealthy = before.isHealthy && !isHealthy;
      return { isHealthy, becameUnhealthy, consecutiveFailures };
    });
  }

  /** Resets the failure count and marks the integration healthy. */
  recordSuccess(integrationId: number): { becameHealthy: boolean } {
    return this.context.transaction(() => {
      const before = this.get(integrationId);
      this.context
        .statement(
          `INSERT INTO integration_health (integration_id,
             consecutive_failures, is_healthy, last_success_at)
           VALUES (@integrationId, 0, 1, @now)
           ON CONFLICT (integration_id) DO UPDATE SET
             consecutive_failures = 0, is_healthy = 1,
             last_success_at = excluded.last_success_at`,
        )
        .run({ integrationId, now: this.context.nowIso() });
      return { becameHealthy: !before.isHealthy };
    });
  }

  /** Records that a sync run for the integration finished now. */
  markSynced(integrationId: number): void {
    this.context
      .statement(
        `INSERT INTO integration_health (integration_id, last_sync_at)
         VALUES (@integrationId, @now)
         ON CONFLICT (integration_id) DO UPDATE SET
           last_sync_at = excluded.last_sync_at`,
      )
      .run({ integrationId, now: this.context.nowIso() });
  }
}
