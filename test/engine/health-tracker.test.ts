import { describe, expect, it } from 'vitest';

import {
  HealthTracker,
  SUCCESS_WRITE_INTERVAL_MS,
} from '../../main/engine/sync/health-tracker';
import type { Store } from '../../main/store/open-store';
import { integrationInput, openMemoryStore } from '../store/fixtures';

function setUp(): {
  store: Store;
  tracker: HealthTracker;
  clock: { ms: number };
} {
  const store = openMemoryStore();
  const integration = store.integrations.create(integrationInput());
  const clock = { ms: 1_000_000 };
  const tracker = new HealthTracker(
    store,
    { id: integration.id, name: 'A' },
    () => undefined,
    () => clock.ms,
  );
  return { store, tracker, clock };
}

describe('HealthTracker success writes', () => {
  it('writes the first success', () => {
    const { store, tracker } = setUp();
    tracker.recordSuccess();
    expect(store.health.get(1).lastSuccessAt).not.toBeNull();
  });

  it('skips a repeat within the interval', () => {
    const { store, tracker, clock } = setUp();
    tracker.recordSuccess();
    const first = store.health.get(1).lastSuccessAt;
    clock.ms += SUCCESS_WRITE_INTERVAL_MS - 1;
    tracker.recordSuccess();
    expect(store.health.get(1).lastSuccessAt).toBe(first);

    tracker.flush();
    expect(store.health.get(1).lastSuccessAt).not.toBe(first);
  });

  it('writes again after the interval', () => {
    const { store, tracker, clock } = setUp();
    tracker.recordSuccess();
    const first = store.health.get(1).lastSuccessAt;
    clock.ms += SUCCESS_WRITE_INTERVAL_MS;
    tracker.recordSuccess();
    expect(store.health.get(1).lastSuccessAt).not.toBe(first);
  });

  it('writes a success right after a failure', () => {
    const { store, tracker } = setUp();
    tracker.recordSuccess();
    tracker.recordFailure('bms.tickets', 'server', 'HTTP 503');
    expect(store.health.get(1).consecutiveFailures).toBe(1);
    tracker.recordSuccess();
    expect(store.health.get(1).consecutiveFailures).toBe(0);
  });

  it('stores a skipped success before a failure', () => {
    const { store, tracker } = setUp();
    tracker.recordSuccess();
    const first = store.health.get(1).lastSuccessAt;
    tracker.recordSuccess();
    tracker.recordFailure('bms.tickets', 'server', 'HTTP 503');
    const health = store.health.get(1);
    expect(health.lastSuccessAt).not.toBe(first);
    expect(health.consecutiveFailures).toBe(1);
    expect(String(health.lastSuccessAt) < String(health.lastFailureAt)).toBe(
      true,
    );
  });

  it('resets failures stored by an earlier run', () => {
    const { store, tracker } = setUp();
    store.health.recordFailure(1, {
      operation: 'bms.tickets',
      code: 'server',
      message: 'HTTP 503',
    });
    tracker.recordSuccess();
    expect(store.health.get(1).consecutiveFailures).toBe(0);
  });
});
