import { describe, expect, it } from 'vitest';

import { ConnectorError } from '../../main/errors';
import { HealthTracker } from '../../main/engine/sync/health-tracker';
import type { Store } from '../../main/store/open-store';
import { integrationInput, openMemoryStore } from '../store/fixtures';

function setUp(): { store: Store; tracker: HealthTracker; id: number } {
  const store = openMemoryStore();
  const { id } = store.integrations.create(integrationInput());
  const tracker = new HealthTracker(store, { id, name: 'A' }, () => undefined);
  return { store, tracker, id };
}

function errorCount(store: Store): number {
  return store.db
    .prepare<[], number>('SELECT COUNT(*) FROM integration_errors')
    .pluck()
    .get() as number;
}

describe('HealthTracker after a deletion', () => {
  it('drops a failure and stops', () => {
    const { store, tracker, id } = setUp();
    store.integrations.delete(id);

    tracker.record({
      operation: 'createTicket',
      outcome: 'failure',
      error: new ConnectorError('remote-rejected', 'HTTP 503'),
    });

    expect(tracker.wasDeleted).toBe(true);
    expect(tracker.shouldStop).toBe(true);
    expect(errorCount(store)).toBe(0);
  });

  it('drops a pending success on flush', () => {
    const { store, tracker, id } = setUp();
    tracker.recordSuccess();
    // Within the write interval, so this success waits for `flush`.
    tracker.recordSuccess();
    store.integrations.delete(id);

    tracker.flush();

    expect(tracker.wasDeleted).toBe(true);
  });

  it('drops an error and the sync time', () => {
    const { store, tracker, id } = setUp();
    store.integrations.delete(id);

    tracker.recordError('render-ticket', 'validation', 'Title: missing');
    tracker.markSynced();

    expect(tracker.wasDeleted).toBe(true);
    expect(errorCount(store)).toBe(0);
  });

  it('leaves alone a new integration with its id', () => {
    const { store, tracker, id } = setUp();
    store.integrations.delete(id);
    const { id: newId } = store.integrations.create(
      integrationInput({ name: 'B' }),
    );
    // SQLite reuses the largest id. The later creation time is set by hand,
    // because both rows may be created within one millisecond here.
    store.db
      .prepare('UPDATE integrations SET created_at = ? WHERE id = ?')
      .run('2099-01-01T00:00:00.000Z', newId);
    expect(newId).toBe(id);

    tracker.recordFailure('createTicket', 'remote-rejected', 'HTTP 503');
    tracker.markSynced();

    expect(tracker.wasDeleted).toBe(true);
    expect(tracker.shouldStop).toBe(true);
    expect(errorCount(store)).toBe(0);
    expect(store.health.get(newId).consecutiveFailures).toBe(0);
    expect(store.health.get(newId).lastSyncAt).toBeNull();
  });

  it('throws other write errors', () => {
    const { store, tracker } = setUp();
    store.db.exec(`CREATE TRIGGER reject_errors BEFORE INSERT
      ON integration_errors BEGIN SELECT RAISE(ABORT, 'disk error'); END`);

    expect(() =>
      tracker.recordFailure('createTicket', 'server', 'HTTP 503'),
    ).toThrow(/disk error/);
    expect(tracker.wasDeleted).toBe(false);
  });

  it('remembers errors of failed requests', () => {
    const { tracker } = setUp();
    const failed = new ConnectorError('remote-rejected', 'HTTP 503');
    const throttled = new ConnectorError('rate-limited', 'Budget used up');

    tracker.record({
      operation: 'listAccounts',
      outcome: 'failure',
      error: failed,
    });
    tracker.record({
      operation: 'listAccounts',
      outcome: 'throttled',
      error: throttled,
    });

    expect(tracker.wasRecorded(failed)).toBe(true);
    expect(tracker.wasRecorded(throttled)).toBe(false);
    expect(tracker.wasRecorded('HTTP 503')).toBe(false);
  });
});
