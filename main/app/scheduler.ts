import { ConnectorError } from '../errors';
import { getLogger } from '../log/logger';

/** Default time between the end of one timed sync and the start of the next. */
export const DEFAULT_POLL_INTERVAL_MS = 15 * 60 * 1000;

/**
 * Minimum time between the starts of two catch-up runs. System resume and
 * network events often arrive in a cluster; this keeps them to one run.
 */
export const DEFAULT_CATCH_UP_GAP_MS = 30 * 1000;

/** Opaque handle returned by `Timer.setTimeout`. */
export type TimerHandle = unknown;

/** The two timer calls the scheduler uses. Node's global functions fit. */
export type Timer = {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
};

/** Wall-clock time in milliseconds since the epoch. */
export type Clock = {
  now(): number;
};

/** Settled result of one sync: its value, or what it threw. */
export type SyncOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: unknown };

/** Snapshot of the scheduler, for the tray and the window. */
export type SchedulerState = {
  readonly isRunning: boolean;
  readonly isPaused: boolean;
  /** True when the last finished run failed for lack of network. */
  readonly isOffline: boolean;
  readonly intervalMs: number;
  /** Clock time of the next timed run, or null when none is armed. */
  readonly nextRunAt: number | null;
};

export type SchedulerOptions<T> = {
  readonly runSync: () => Promise<T>;
  /** Tells whether a finished run failed because the network was down. */
  readonly isOfflineOutcome: (outcome: SyncOutcome<T>) => boolean;
  readonly timer: Timer;
  readonly clock: Clock;
  readonly intervalMs?: number;
  readonly catchUpGapMs?: number;
  readonly isPaused?: boolean;
};

type SchedulerListener = (state: SchedulerState) => void;

/**
 * True for errors that mean the network or the remote host could not be
 * reached: `network` and `timeout` from the HTTP clients.
 *
 * NOTE: `ConnectorService.sync` records a failed Dark Web ID pull in its
 * report as a message without the error code, and does not throw. A
 * classifier that only applies this to thrown errors never detects offline.
 */
export function isNetworkError(error: unknown): boolean {
  return (
    error instanceof ConnectorError &&
    (error.code === 'network' || error.code === 'timeout')
  );
}

/**
 * Runs a sync every poll interval, one at a time.
 *
 * - `syncNow()` during a run returns the promise of that run.
 * - While paused, no timed or catch-up run starts, but `syncNow()` still
 *   runs, because a technician who requests a sync expects one.
 * - `onSystemResume()`, `onOnline()` and `resume()` start one catch-up run
 *   when a run is due (the interval has passed since the last one ended, or
 *   the last one failed offline). Otherwise they re-arm the timer for the
 *   rest of the interval, because timers drift or stop during sleep.
 * - A catch-up run never starts within `catchUpGapMs` of the previous
 *   run's start: it is deferred to the end of that gap instead.
 * - The next timed run is armed when a run ends, so a slow run never
 *   overlaps or is followed at once by the next.
 */
export class SyncScheduler<T> {
  private readonly options: SchedulerOptions<T>;
  private readonly listeners = new Set<SchedulerListener>();
  private readonly catchUpGapMs: number;
  private intervalMs: number;
  private isPausedFlag: boolean;
  private isStarted = false;
  private isStopped = false;
  private running: Promise<SyncOutcome<T>> | null = null;
  private lastOutcome: SyncOutcome<T> | null = null;
  private lastStartedAt: number | null = null;
  private lastFinishedAt: number | null = null;
  // Wrapped, because a handle may be any value, null included.
  private armed: { readonly handle: TimerHandle } | null = null;
  private nextRunAt: number | null = null;

  constructor(options: SchedulerOptions<T>) {
    this.options = options;
    this.intervalMs = checkInterval(
      options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    );
    this.catchUpGapMs = options.catchUpGapMs ?? DEFAULT_CATCH_UP_GAP_MS;
    this.isPausedFlag = options.isPaused ?? false;
  }

  /** Current state; see `SchedulerState`. */
  get state(): SchedulerState {
    return {
      isRunning: this.running !== null,
      isPaused: this.isPausedFlag,
      isOffline: this.isOffline,
      intervalMs: this.intervalMs,
      nextRunAt: this.nextRunAt,
    };
  }

  /** True when the last finished run failed for lack of network. */
  get isOffline(): boolean {
    return (
      this.lastOutcome !== null &&
      this.options.isOfflineOutcome(this.lastOutcome)
    );
  }

  /** Registers a listener for state changes; returns its removal. */
  subscribe(listener: SchedulerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts scheduling; the first run starts at once unless paused. */
  start(): void {
    if (this.isStarted || this.isStopped) return;
    this.isStarted = true;
    this.catchUp();
  }

  /**
   * Starts a run now, or returns the promise of the run in flight. The
   * promise never rejects: a failed run settles as `{ ok: false }`.
   * Throws once `stop()` has been called.
   */
  syncNow(): Promise<SyncOutcome<T>> {
    if (this.isStopped) {
      throw new Error(
        'Sync cannot start because the scheduler is stopped (the app is quitting).',
      );
    }
    if (this.running !== null) return this.running;
    this.disarm();
    // The continuation always runs after this assignment, even when
    // `runSync` throws synchronously.
    const run = this.execute().then(outcome => this.finish(outcome));
    this.running = run;
    this.notify();
    return run;
  }

  /** Stops timed and catch-up runs; `syncNow()` still works. */
  pause(): void {
    if (this.isPausedFlag) return;
    this.isPausedFlag = true;
    this.disarm();
    this.notify();
  }

  /** Restarts timed runs, with one catch-up run when one is due. */
  resume(): void {
    if (!this.isPausedFlag) return;
    this.isPausedFlag = false;
    this.catchUp();
    this.notify();
  }

  /** Call after the computer wakes from sleep. */
  onSystemResume(): void {
    this.catchUp();
  }

  /** Call when the operating system reports a network connection. */
  onOnline(): void {
    this.catchUp();
  }

  /**
   * Changes the poll interval. The next timed run moves to the new
   * interval after the end of the last run, and starts at once when that
   * time has already passed.
   */
  setIntervalMs(intervalMs: number): void {
    this.intervalMs = checkInterval(intervalMs);
    this.catchUp();
    this.notify();
  }

  /**
   * Stops scheduling and waits for the run in flight, if any, so that the
   * app quits after its last request has settled.
   */
  async stop(): Promise<void> {
    this.isStopped = true;
    this.disarm();
    if (this.running !== null) await this.running;
  }

  private async execute(): Promise<SyncOutcome<T>> {
    this.lastStartedAt = this.options.clock.now();
    let outcome: SyncOutcome<T>;
    try {
      outcome = { ok: true, value: await this.options.runSync() };
    } catch (error) {
      getLogger('scheduler').warn({ err: error }, 'scheduled sync failed');
      outcome = { ok: false, error };
    }
    return outcome;
  }

  private finish(outcome: SyncOutcome<T>): SyncOutcome<T> {
    this.lastOutcome = outcome;
    this.lastFinishedAt = this.options.clock.now();
    this.running = null;
    this.armAfter(this.intervalMs);
    this.notify();
    return outcome;
  }

  /** Runs now when a run is due and allowed, or re-arms the timer. */
  private catchUp(): void {
    if (!this.canSchedule() || this.running !== null) return;
    const now = this.options.clock.now();
    const dueAt = this.isOffline
      ? now
      : (this.lastFinishedAt ?? now - this.intervalMs) + this.intervalMs;
    const gapEndsAt =
      this.lastStartedAt === null
        ? now
        : this.lastStartedAt + this.catchUpGapMs;
    const startAt = Math.max(dueAt, gapEndsAt);
    if (startAt <= now) {
      void this.syncNow();
    } else {
      this.armAt(startAt);
    }
  }

  private canSchedule(): boolean {
    return this.isStarted && !this.isStopped && !this.isPausedFlag;
  }

  private armAfter(delayMs: number): void {
    this.armAt(this.options.clock.now() + delayMs);
  }

  private armAt(time: number): void {
    this.disarm();
    if (!this.canSchedule()) return;
    const delay = Math.max(0, time - this.options.clock.now());
    this.nextRunAt = time;
    const handle = this.options.timer.setTimeout(() => {
      this.armed = null;
      this.nextRunAt = null;
      if (this.canSchedule()) void this.syncNow();
    }, delay);
    this.armed = { handle };
  }

  private disarm(): void {
    if (this.armed !== null) this.options.timer.clearTimeout(this.armed.handle);
    this.armed = null;
    this.nextRunAt = null;
  }

  private notify(): void {
    const state = this.state;
    for (const listener of this.listeners) {
      try {
        listener(state);
      } catch (error) {
        getLogger('scheduler').error({ err: error }, 'state listener failed');
      }
    }
  }
}

function checkInterval(intervalMs: number): number {
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
    throw new RangeError(
      `Invalid poll interval ${intervalMs} ms; it must be a positive number.`,
    );
  }
  return intervalMs;
}
