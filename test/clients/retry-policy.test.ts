import { describe, expect, it } from 'vitest';

import {
  backoffDelayMs,
  DEFAULT_RETRY,
  parseRetryAfterMs,
  resolveRetryOptions,
} from '../../main/clients/http/retry-policy';

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');

  it('reads seconds', () => {
    expect(parseRetryAfterMs('7', now)).toBe(7000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date', () => {
    const header = 'Wed, 01 Jan 2025 12:00:30 GMT';
    expect(parseRetryAfterMs(header, now)).toBe(30_000);
  });

  it('gives 0 for a past date', () => {
    const header = 'Wed, 01 Jan 2025 11:00:00 GMT';
    expect(parseRetryAfterMs(header, now)).toBe(0);
  });

  it('gives null for absent or invalid values', () => {
    expect(parseRetryAfterMs(undefined, now)).toBeNull();
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(parseRetryAfterMs('-5', now)).toBeNull();
  });
});

describe('backoffDelayMs', () => {
  const options = { ...DEFAULT_RETRY, retryBaseMs: 100, retryMaxMs: 1000 };

  it('doubles the ceiling per attempt', () => {
    const top = () => 0.999999;
    expect(backoffDelayMs(0, options, top)).toBe(99);
    expect(backoffDelayMs(1, options, top)).toBe(199);
    expect(backoffDelayMs(3, options, top)).toBe(799);
  });

  it('caps the ceiling at retryMaxMs', () => {
    expect(backoffDelayMs(10, options, () => 0.999999)).toBe(999);
    expect(backoffDelayMs(5000, options, () => 0.5)).toBe(500);
  });

  it('applies full jitter from zero', () => {
    expect(backoffDelayMs(4, options, () => 0)).toBe(0);
  });
});

describe('resolveRetryOptions', () => {
  it('fills defaults', () => {
    expect(resolveRetryOptions({})).toEqual({
      retryBaseMs: 1000,
      retryMaxMs: 60_000,
      maxThrottleRetries: 8,
      maxTransientRetries: 2,
    });
  });

  it('rejects negative values', () => {
    expect(() => resolveRetryOptions({ retryBaseMs: -1 })).toThrow(
      /retryBaseMs/,
    );
  });
});
