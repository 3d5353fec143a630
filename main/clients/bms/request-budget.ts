import { ConnectorError } from '../../errors';

/** Calls allowed per endpoint within a window, as the API publishes it. */
export type RateBudget = {
  readonly limit: number;
  /** Length of the window, in milliseconds. */
  readonly windowMs: number;
};

/** Kaseya BMS API v2: 1,500 calls per hour per endpoint (Kaseya help, V2). */
export const KASEYA_BMS_BUDGET: RateBudget = {
  limit: 1500,
  windowMs: 60 * 60 * 1000,
};

// Server clocks count arrivals, not sends: a margin keeps a call that left
// just inside the window from arriving in the next one's count.
const ARRIVAL_MARGIN_MS = 250;

/**
 * Sliding-window limiter for one endpoint: at most `limit` calls start in
 * any span of `windowMs`. That also holds for every fixed window the server
 * may count in, so a steady backlog uses the whole budget without a 429.
 */
export class EndpointBudget {
  private readonly sentAt: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly budget: RateBudget,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Waits for a free slot and takes it. Raises `rate-limited` instead when
   * the wait would exceed `maxWaitMs`, so a caller can stop and come back
   * later rather than block for up to a whole window.
   */
  acquire(maxWaitMs: number): Promise<void> {
    const turn = this.queue.then(() => this.takeSlot(maxWaitMs));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async takeSlot(maxWaitMs: number): Promise<void> {
    for (;;) {
      const now = this.now();
      const horizon = now - this.budget.windowMs - ARRIVAL_MARGIN_MS;
      while ((this.sentAt[0] ?? Infinity) <= horizon) this.sentAt.shift();
      if (this.sentAt.length < this.budget.limit) {
        this.sentAt.push(now);
        return;
      }
      const waitMs = (this.sentAt[0] ?? now) - horizon;
      if (waitMs > maxWaitMs) {
        throw new ConnectorError(
          'rate-limited',
          `The Kaseya BMS budget of ${this.budget.limit} calls per ` +
            `${Math.round(this.budget.windowMs / 1000)} s for this endpoint ` +
            `is used up; the next call is possible in ${Math.ceil(waitMs / 1000)} s`,
          { isRetryable: true },
        );
      }
      await new Promise(resolve => setTimeout(resolve, waitMs));
    }
  }
}

/**
 * Budgets shared by every client of the same BMS tenant and user in this
 * process, so that successive syncs count against one budget.
 */
const sharedBudgets = new Map<string, EndpointBudget>();

/** Returns the process-wide budget of one endpoint of one BMS account. */
export function endpointBudget(
  accountKey: string,
  endpoint: string,
  budget: RateBudget,
): EndpointBudget {
  const key = `${accountKey}\u0000${endpoint}\u0000${budget.limit}/${budget.windowMs}`;
  let existing = sharedBudgets.get(key);
  if (existing === undefined) {
    existing = new EndpointBudget(budget);
    sharedBudgets.set(key, existing);
  }
  return existing;
}
