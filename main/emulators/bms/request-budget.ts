import type { RequestBudget } from './bms-types';

type Window = { startMs: number; count: number };

/**
 * Fixed-window request counter per endpoint key. Kaseya documents a budget
 * of 1500 requests per hour per endpoint but no window type or `Retry-After`
 * header, so this shape is the emulator's choice.
 */
export class RequestBudgetTracker {
  readonly #windows = new Map<string, Window>();

  constructor(private readonly budget: RequestBudget) {}

  /**
   * Counts one request to `endpoint`. Returns undefined when it fits the
   * budget, or the whole seconds (at least 1) until the window resets.
   */
  consume(endpoint: string): number | undefined {
    const nowMs = Date.now();
    let window = this.#windows.get(endpoint);
    if (
      window === undefined ||
      nowMs - window.startMs >= this.budget.windowMs
    ) {
      window = { startMs: nowMs, count: 0 };
      this.#windows.set(endpoint, window);
    }
    if (window.count >= this.budget.limit) {
      const remainingMs = window.startMs + this.budget.windowMs - nowMs;
      return Math.max(1, Math.ceil(remainingMs / 1000));
    }
    window.count += 1;
    return undefined;
  }
}
