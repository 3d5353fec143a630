import { describe, expect, it } from 'vitest';
import { MAX_STORED_ERRORS } from '../../main/store/repositories/errors-repository';
import { catchConnectorError } from './catch-error';
import { integrationInput, openMemoryStore } from './fixtures';

const FAILURE = {
  operation: 'create-ticket',
  code: 'network',
  message: 'ECONNRESET',
};

describe('health repository', () => {
  it('returns defaults without a row', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    expect(store.health.get(id)).toEqual({
      consecutiveFailures: 0,
      isHealthy: true,
      lastSuccessAt: null,
      lastFailureAt: null,
      lastSyncAt: null,
    });
  });

  it('turns unhealthy on the fifth failure, once', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const outcome = store.health.recordFailure(id, FAILURE);
      expect(outcome).toEqual({
        isHealthy: true,
        becameUnhealthy: false,
        consecutiveFailures: attempt,
      });
    }
    expect(store.health.get(id).isHealthy).toBe(true);

    const fifth = store.health.recordFailure(id, FAILURE);
    expect(fifth).toEqual({
      isHealthy: false,
      becameUnhealthy: true,
      consecutiveFailures: 5,
    });
    const sixth = store.health.recordFailure(id, FAILURE);
    expect(sixth.becameUnhealthy).toBe(false);
    expect(sixth.isHealthy).toBe(false);
    expect(sixth.consecutiveFailures).toBe(6);
    expect(store.health.get(id).lastFailureAt).not.toBeNull();
    expect(store.errors.list(id)).toHaveLength(6);
  });

  it('becomes healthy again on success', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    expect(store.health.recordSuccess(id)).toEqual({ becameHealthy: false });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      store.health.recordFailure(id, FAILURE);
    }
    expect(store.health.recordSuccess(id)).toEqual({ becameHealthy: true });
    const health = store.health.get(id);
    expect(health.consecutiveFailures).toBe(0);
    expect(health.isHealthy).toBe(true);
    expect(health.lastSuccessAt).not.toBeNull();
    expect(store.health.recordSuccess(id)).toEqual({ becameHealthy: false });
  });

  it('resets the count on success below the threshold', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    for (let attempt = 0; attempt < 4; attempt += 1) {
      store.health.recordFailure(id, FAILURE);
    }
    store.health.recordSuccess(id);
    expect(store.health.recordFailure(id, FAILURE).consecutiveFailures).toBe(1);
  });

  it('honours a custom threshold', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    expect(store.health.recordFailure(id, FAILURE, 1).becameUnhealthy).toBe(
      true,
    );
    expect(
      catchConnectorError(() => store.health.recordFailure(id, FAILURE, 0))
        .code,
    ).toBe('validation');
  });

  it('records the sync time', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    store.health.markSynced(id);
    expect(store.health.get(id).lastSyncAt).toMatch(/^2026-01-01T/);
    expect(store.health.get(id).consecutiveFailures).toBe(0);
  });

  it('rolls back the count when the error insert fails', () => {
    const store = openMemoryStore();
    // Integration 99 does not exist, so the error row breaks its foreign key.
    expect(() => store.health.recordFailure(99, FAILURE)).toThrow(
      /FOREIGN KEY/,
    );
    expect(
      store.db.prepare('SELECT COUNT(*) FROM integration_health').pluck().get(),
    ).toBe(0);
  });
});

describe('errors repository', () => {
  it('lists integration and source errors, newest first', () => {
    const store = openMemoryStore();
    const a = store.integrations.create(integrationInput({ name: 'A' }));
    const b = store.integrations.create(integrationInput({ name: 'B' }));
    store.health.recordFailure(a.id, { ...FAILURE, message: 'a-1' });
    store.errors.recordSourceError({
      operation: 'dwid.pull',
      code: 'timeout',
      message: 'source-1',
      compromiseUuid: 'c-9',
    });
    store.errors.recordIntegrationError(b.id, { ...FAILURE, message: 'b-1' });
    store.health.recordFailure(a.id, { ...FAILURE, message: 'a-2' });

    const listed = store.errors.list(a.id);
    expect(listed.map(entry => entry.message)).toEqual([
      'a-2',
      'source-1',
      'a-1',
    ]);
    expect(listed[1]).toMatchObject({
      integrationId: null,
      operation: 'dwid.pull',
      code: 'timeout',
      compromiseUuid: 'c-9',
    });
    expect(store.errors.list(b.id).map(entry => entry.message)).toEqual([
      'b-1',
      'source-1',
    ]);
    expect(store.errors.list(a.id, 1)).toHaveLength(1);
  });

  it('keeps only the newest errors per owner', () => {
    const store = openMemoryStore();
    const a = store.integrations.create(integrationInput({ name: 'A' }));
    const b = store.integrations.create(integrationInput({ name: 'B' }));
    store.errors.recordIntegrationError(b.id, {
      ...FAILURE,
      message: 'b-only',
    });
    const total = MAX_STORED_ERRORS + 20;
    for (let index = 0; index < total; index += 1) {
      store.errors.recordIntegrationError(a.id, {
        ...FAILURE,
        message: `a-${index}`,
      });
      store.errors.recordSourceError({ ...FAILURE, message: `s-${index}` });
    }
    const count = store.db.prepare(
      'SELECT COUNT(*) FROM integration_errors WHERE integration_id IS ?',
    );
    expect(count.pluck().get(a.id)).toBe(MAX_STORED_ERRORS);
    expect(count.pluck().get(null)).toBe(MAX_STORED_ERRORS);
    expect(count.pluck().get(b.id)).toBe(1);
    const newest = store.errors.list(a.id, 2).map(entry => entry.message);
    expect(newest).toEqual([`s-${total - 1}`, `a-${total - 1}`]);
  });

  it('masks registered secrets in messages', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(
      integrationInput({ password: 'masked-Secret-4410' }),
    );
    store.integrations.getPassword(id);
    store.errors.recordIntegrationError(id, {
      ...FAILURE,
      message: 'login with masked-Secret-4410 failed',
    });
    expect(store.errors.list(id)[0]?.message).toBe(
      'login with [redacted] failed',
    );
  });
});
