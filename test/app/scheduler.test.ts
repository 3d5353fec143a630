import { describe, expect, test } from 'vitest';

import {
  DEFAULT_CATCH_UP_GAP_MS,
  DEFAULT_POLL_INTERVAL_MS,
  isNetworkError,
  SyncScheduler,
  type SyncOutcome,
} from '../../main/app/scheduler';
import { ConnectorError } from '../../main/errors';
import { flushPromises, ManualTimer } from './manual-timer';

const INTERVAL = DEFAULT_POLL_INTERVAL_MS;

type Deferred = {
  readonly resolve: (value: string) => void;
  readonly reject: (error: unknown) => void;
};

/** Creates a scheduler whose syncs stay in flight until the test settles them. */
function setUp(options: { isPaused?: boolean; intervalMs?: number } = {}) {
  const timer = new ManualTimer();
  const calls: Deferred[] = [];
  const scheduler = new SyncScheduler<string>({
    runSync: () =>
      new Promise<string>((resolve, reject) => {
        calls.push({ resolve, reject });
      }),
    isOfflineOutcome: (outcome: SyncOutcome<string>) =>
      !outcome.ok && isNetworkError(outcome.error),
    timer,
    clock: timer,
    ...options,
  });
  /** Settles the latest call and lets the scheduler see it. */
  const finishLast = async (value = 'done'): Promise<void> => {
    calls.at(-1)?.resolve(value);
    await flushPromises();
  };
  const failLast = async (error: unknown): Promise<void> => {
    calls.at(-1)?.reject(error);
    await flushPromises();
  };
  return { timer, calls, scheduler, finishLast, failLast };
}

const networkError = () =>
  new ConnectorError('network', 'connect ECONNREFUSED', { isRetryable: true });

describe('SyncScheduler', () => {
  test('start runs once at once', () => {
    const { scheduler, calls } = setUp();
    scheduler.start();
    scheduler.start();
    expect(calls).toHaveLength(1);
    expect(scheduler.state.isRunning).toBe(true);
  });

  test('timed run after the interval', async () => {
    const { scheduler, calls, timer, finishLast } = setUp();
    scheduler.start();
    await finishLast();
    expect(scheduler.state.isRunning).toBe(false);
    expect(scheduler.state.nextRunAt).toBe(timer.now() + INTERVAL);

    timer.advance(INTERVAL - 1);
    expect(calls).toHaveLength(1);
    timer.advance(1);
    expect(calls).toHaveLength(2);
  });

  test('no timer armed while a run is in flight', async () => {
    const { scheduler, calls, timer, finishLast } = setUp();
    scheduler.start();
    timer.advance(INTERVAL * 3);
    expect(calls).toHaveLength(1);
    expect(timer.pendingCount).toBe(0);

    await finishLast();
    expect(timer.pendingCount).toBe(1);
  });

  test('syncNow joins the run in flight', async () => {
    const { scheduler, calls, finishLast } = setUp();
    scheduler.start();
    const first = scheduler.syncNow();
    const second = scheduler.syncNow();
    expect(second).toBe(first);
    expect(calls).toHaveLength(1);

    await finishLast('report');
    await expect(first).resolves.toEqual({ ok: true, value: 'report' });
  });

  test('syncNow starts a new run when idle', async () => {
    const { scheduler, calls, finishLast } = setUp();
    scheduler.start();
    await finishLast();
    const next = scheduler.syncNow();
    expect(calls).toHaveLength(2);
    await finishLast('second');
    await expect(next).resolves.toEqual({ ok: true, value: 'second' });
  });

  test('failed run settles without rejecting', async () => {
    const { scheduler, failLast } = setUp();
    scheduler.start();
    const run = scheduler.syncNow();
    const error = new Error('database is locked');
    await failLast(error);
    await expect(run).resolves.toEqual({ ok: false, error });
    expect(scheduler.isOffline).toBe(false);
  });

  test('synchronous throw does not block later runs', async () => {
    const timer = new ManualTimer();
    let count = 0;
    const scheduler = new SyncScheduler<number>({
      runSync: () => {
        count += 1;
        if (count === 1) throw new Error('not ready');
        return Promise.resolve(count);
      },
      isOfflineOutcome: () => false,
      timer,
      clock: timer,
    });
    const first = await scheduler.syncNow();
    expect(first.ok).toBe(false);
    expect(scheduler.state.isRunning).toBe(false);
    const second = await scheduler.syncNow();
    expect(second).toEqual({ ok: true, value: 2 });
  });

  test('paused: no timed runs', async () => {
    const { scheduler, calls, timer, finishLast } = setUp();
    scheduler.start();
    await finishLast();
    scheduler.pause();
    expect(scheduler.state.isPaused).toBe(true);
    expect(timer.pendingCount).toBe(0);

    timer.advance(INTERVAL * 4);
    scheduler.onSystemResume();
    scheduler.onOnline();
    expect(calls).toHaveLength(1);
  });

  test('paused: syncNow still runs', async () => {
    const { scheduler, calls, timer, finishLast } = setUp({ isPaused: true });
    scheduler.start();
    expect(calls).toHaveLength(0);
    void scheduler.syncNow();
    expect(calls).toHaveLength(1);
    await finishLast();
    expect(timer.pendingCount).toBe(0);
  });

  test('resume when overdue runs once', async () => {
    const { scheduler, calls, timer, finishLast } = setUp();
    scheduler.start();
    await finishLast();
    scheduler.pause();
    timer.advance(INTERVAL * 3);
    scheduler.resume();
    scheduler.resume();
    expect(calls).toHaveLength(2);
    expect(scheduler.state.isPaused).toBe(false);
  });

  test('resume before due re-arms the rest', async () => {
    const { scheduler, calls, timer, finishLast } = setUp();
    scheduler.start();
    await finishLast();
    const finishedAt = timer.now();
    scheduler.pause();
    timer.advance(INTERVAL / 3);
    scheduler.resume();
    expect(calls).toHaveLength(1);
    expect(timer.nextDueAt).toBe(finishedAt + INTERVAL);
  });

  test('wake after missed intervals runs once', async () => {
    const { scheduler, calls, timer, finishLast } = setUp();
    scheduler.start();
    await finishLast();
    timer.sleep(INTERVAL * 7);

    scheduler.onSystemResume();
    scheduler.onOnline();
    scheduler.onSystemResume();
    expect(calls).toHaveLength(2);

    await finishLast();
    scheduler.onOnline();
    scheduler.onSystemResume();
    expect(calls).toHaveLength(2);
    expect(timer.pendingCount).toBe(1);
  });

  test('wake before due keeps the schedule', async () => {
    const { scheduler, calls, timer, finishLast } = setUp();
    scheduler.start();
    await finishLast();
    const finishedAt = timer.now();
    timer.sleep(INTERVAL / 2);
    scheduler.onSystemResume();
    expect(calls).toHaveLength(1);
    expect(timer.nextDueAt).toBe(finishedAt + INTERVAL);
  });

  test('isOffline follows the last run', async () => {
    const { scheduler, timer, finishLast, failLast } = setUp();
    const states: boolean[] = [];
    scheduler.subscribe(state => states.push(state.isOffline));
    expect(scheduler.isOffline).toBe(false);
    scheduler.start();
    await failLast(networkError());
    expect(scheduler.isOffline).toBe(true);
    expect(scheduler.state.isOffline).toBe(true);

    timer.advance(INTERVAL);
    await finishLast();
    expect(scheduler.isOffline).toBe(false);
    expect(states.at(-1)).toBe(false);
    expect(states).toContain(true);
  });

  test('online after offline defers to the gap', async () => {
    const { scheduler, calls, timer, failLast } = setUp();
    scheduler.start();
    await failLast(networkError());
    scheduler.onOnline();
    expect(calls).toHaveLength(1);
    expect(timer.nextDueAt).toBe(timer.now() + DEFAULT_CATCH_UP_GAP_MS);

    timer.advance(DEFAULT_CATCH_UP_GAP_MS);
    expect(calls).toHaveLength(2);
  });

  test('online after offline past the gap runs', async () => {
    const { scheduler, calls, timer, failLast } = setUp();
    scheduler.start();
    await failLast(networkError());
    timer.sleep(DEFAULT_CATCH_UP_GAP_MS);
    scheduler.onOnline();
    scheduler.onOnline();
    expect(calls).toHaveLength(2);
  });

  test('interval change applies at run time', async () => {
    const { scheduler, calls, timer, finishLast } = setUp();
    scheduler.start();
    await finishLast();
    const finishedAt = timer.now();

    scheduler.setIntervalMs(60_000);
    expect(scheduler.state.intervalMs).toBe(60_000);
    expect(timer.nextDueAt).toBe(finishedAt + 60_000);
    expect(timer.pendingCount).toBe(1);

    timer.advance(60_000);
    expect(calls).toHaveLength(2);
  });

  test('shorter interval already passed runs now', async () => {
    const { scheduler, calls, timer, finishLast } = setUp();
    scheduler.start();
    await finishLast();
    timer.advance(5 * 60_000);
    scheduler.setIntervalMs(60_000);
    expect(calls).toHaveLength(2);
  });

  test('invalid interval is rejected', () => {
    const { scheduler } = setUp();
    for (const value of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => scheduler.setIntervalMs(value)).toThrow(RangeError);
    }
    expect(scheduler.state.intervalMs).toBe(INTERVAL);
  });

  test('stop waits for the run in flight', async () => {
    const { scheduler, timer, finishLast } = setUp();
    scheduler.start();
    let isStopped = false;
    const stopping = scheduler.stop().then(() => {
      isStopped = true;
    });
    await flushPromises();
    expect(isStopped).toBe(false);

    await finishLast();
    await stopping;
    expect(isStopped).toBe(true);
    expect(timer.pendingCount).toBe(0);
  });

  test('stop ends all scheduling', async () => {
    const { scheduler, calls, timer, finishLast } = setUp();
    scheduler.start();
    await finishLast();
    await scheduler.stop();
    expect(timer.pendingCount).toBe(0);

    timer.advance(INTERVAL * 2);
    scheduler.onSystemResume();
    scheduler.resume();
    expect(calls).toHaveLength(1);
    expect(() => scheduler.syncNow()).toThrow(/stopped/);
  });
});

describe('isNetworkError', () => {
  const cases: [string, unknown, boolean][] = [
    ['network', new ConnectorError('network', 'down'), true],
    ['timeout', new ConnectorError('timeout', 'slow'), true],
    ['auth-failed', new ConnectorError('auth-failed', 'bad password'), false],
    ['plain Error', new Error('network'), false],
    ['string', 'network', false],
  ];
  test.each(cases)('%s', (_name, error, expected) => {
    expect(isNetworkError(error)).toBe(expected);
  });
});
