import { describe, expect, it } from 'vitest';

import { ConnectorError } from '../../main/errors';
import { EndpointBudget } from '../../main/clients/bms/request-budget';

describe('EndpointBudget', () => {
  it('raises rate-limited when the wait is too long', async () => {
    const budget = new EndpointBudget({ limit: 2, windowMs: 60_000 });
    await budget.acquire(0);
    await budget.acquire(0);
    const error = await budget.acquire(1_000).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('rate-limited');
    expect((error as ConnectorError).message).toContain('2 calls per 60 s');
  });

  it('keeps every window within the limit', async () => {
    const limit = 3;
    const windowMs = 150;
    const budget = new EndpointBudget({ limit, windowMs });
    const startedAt: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, () =>
        budget.acquire(5_000).then(() => startedAt.push(Date.now())),
      ),
    );
    expect(startedAt).toHaveLength(8);
    // Any limit + 1 consecutive starts must span more than one window.
    for (let i = limit; i < startedAt.length; i += 1) {
      const span = (startedAt[i] ?? 0) - (startedAt[i - limit] ?? 0);
      expect(span).toBeGreaterThanOrEqual(windowMs);
    }
  });

  it('lets a later call through after a refusal', async () => {
    const budget = new EndpointBudget({ limit: 1, windowMs: 100 });
    await budget.acquire(0);
    await expect(budget.acquire(0)).rejects.toThrow(/used up/);
    await expect(budget.acquire(2_000)).resolves.toBeUndefined();
  });
});
