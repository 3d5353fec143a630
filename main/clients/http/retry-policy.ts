/** Retry settings shared by both clients. All delays are in milliseconds. */
export type RetryOptions = {
  /** First backoff step. Default 1000. */
  readonly retryBaseMs?: number;
  /** Max backoff step, and max `Retry-After` honoured. Default 60 000. */
  readonly retryMaxMs?: number;
  /** HTTP 429 waits before raising `rate-limited`. Default 8. */
  readonly maxThrottleRetries?: number;
  /**
   * Retries after a network error, timeout or 5xx status, for requests that
   * are safe to repeat. Default 2.
   */
  readonly maxTransientRetries?: number;
};

export type ResolvedRetryOptions = Required<RetryOptions>;

export const DEFAULT_RETRY: ResolvedRetryOptions = {
  retryBaseMs: 1000,
  retryMaxMs: 60_000,
  maxThrottleRetries: 8,
  maxTransientRetries: 2,
};

/** Fills the defaults and rejects negative or non-finite values. */
export function resolveRetryOptions(
  options: RetryOptions,
): ResolvedRetryOptions {
  const resolved = { ...DEFAULT_RETRY };
  for (const key of Object.keys(DEFAULT_RETRY) as (keyof RetryOptions)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(
        `Invalid ${key} ${String(value)}: expected a number of 0 or more.`,
      );
    }
    resolved[key] = value;
  }
  return resolved;
}

/**
 * Returns the delay before retry number `attempt` (0-based): capped
 * exponential backoff with full jitter, so clients that failed together do
 * not retry together.
 */
export function backoffDelayMs(
  attempt: number,
  options: ResolvedRetryOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    options.retryMaxMs,
    options.retryBaseMs * 2 ** Math.min(attempt, 30),
  );
  return Math.floor(random() * ceiling);
}

/**
 * Parses a `Retry-After` header (delay in seconds or an HTTP date) into
 * milliseconds from `nowMs`. Returns null when the header is absent or
 * invalid, and 0 for a date in the past.
 */
export function parseRetryAfterMs(
  header: string | undefined,
  nowMs: number,
): number | null {
  if (header === undefined) return null;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  // An HTTP date names the month, and Date.parse would read "-5" as a year.
  if (!/[a-z]{3}/i.test(value)) return null;
  const dateMs = Date.parse(value);
  if (Number.isNaN(dateMs)) return null;
  return Math.max(0, dateMs - nowMs);
}
