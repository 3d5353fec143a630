import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import { getLogger } from '../../log/logger';
import {
  describeHolder,
  EngineLeaseLostError,
  type EngineLease,
  type EngineLeaseRepository,
  type LeaseHolder,
} from '../../store/repositories/engine-lease-repository';

/*
 * Two guards keep two engines from delivering from one data folder at once.
 *
 * The sync lock (`sync.lock`, see sync-lock.ts) is an OS advisory lock. The
 * OS drops it the moment its process dies, so a killed sync never blocks
 * the next one. It is only as good as the file locking underneath, though:
 * network shares often ignore or fake POSIX locks, and a lock file that is
 * deleted and recreated (a cleanup tool, a restored backup) is a new file
 * with its own lock. A hung process keeps the lock for as long as it hangs.
 *
 * The engine lease is a row in the database itself, with a holder and an
 * expiry, renewed while the sync runs. It still holds where the OS lock
 * does not, it names the holder and its expiry in the conflict message, and
 * it expires when its holder stops renewing (killed, or hung with its event
 * loop blocked). A lease whose holder ran on this host and has exited is
 * taken over at once, so a killed sync does not block the next one for the
 * whole lifetime; on another host the next engine waits for the expiry. A
 * hung engine that wakes up after another took over fails
 * its next renewal and stops before its next claim or POST.
 *
 * NOTE: a POST already in flight when the lease is lost still completes;
 * the lease cannot recall it. The new holder first reconciles `sending`
 * rows by searching BMS, which covers POSTs that finished before it ran.
 */

/** Lifetime of the engine lease without renewal, in milliseconds. */
export const ENGINE_LEASE_TTL_MS = 2 * 60 * 1000;

/**
 * Renewal period of the lease timer, in milliseconds. A third of the
 * lifetime leaves two more chances before the lease expires.
 */
export const ENGINE_LEASE_RENEW_MS = ENGINE_LEASE_TTL_MS / 3;

/** Minimum time between two reads of the lease row by `check`, in ms. */
const LEASE_READ_INTERVAL_MS = 1000;

/** A lease taken by `holdEngineLease`. */
export type HeldEngineLease = {
  /**
   * Throws EngineLeaseLostError when another engine took the lease over,
   * and renews it when a third of its lifetime has passed since the last
   * renewal. Called before each claim and each POST.
   */
  check(): void;
  /** Stops the renewal timer and deletes the lease. Safe to call twice. */
  release(): void;
};

/** Creates a holder with a random id for this host and process. */
export function createLeaseHolder(): LeaseHolder {
  return { id: randomUUID(), host: hostname(), pid: process.pid };
}

/**
 * Returns true when `lease` was taken on this host by a process that no
 * longer exists. A reused process id reads as alive, which only makes the
 * next engine wait for the expiry.
 */
export function isHolderGone(lease: EngineLease): boolean {
  if (lease.host !== hostname() || lease.pid === process.pid) return false;
  try {
    process.kill(lease.pid, 0);
    return false;
  } catch (error) {
    // EPERM means the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Takes the engine lease for `holder` and renews it every `ttlMs / 3` ms
 * until released. An unexpired lease is taken over only when
 * `isHolderGone` finds that its process exited. Throws a `conflict`
 * ConnectorError naming the current holder and its expiry when another
 * engine holds a valid lease.
 */
export function holdEngineLease(
  repository: EngineLeaseRepository,
  holder: LeaseHolder,
  ttlMs: number = ENGINE_LEASE_TTL_MS,
): HeldEngineLease {
  const log = getLogger('engine-lease');
  const previous = repository.acquire(holder, { ttlMs, isHolderGone });
  if (previous !== null) {
    log.warn(
      { previousHolder: previous.id, expiresAt: previous.expiresAt },
      `took over the engine lease of ${describeHolder(previous)}, which ` +
        'expired or whose process exited',
    );
  }
  let lost: EngineLeaseLostError | undefined;
  let renewedAt = Date.now();
  const renew = (): void => {
    if (lost !== undefined) throw lost;
    try {
      repository.renew(holder, ttlMs);
      renewedAt = Date.now();
    } catch (error) {
      if (error instanceof EngineLeaseLostError) lost = error;
      throw error;
    }
  };
  // Called before every POST, so it writes only when a renewal is due and
  // otherwise reads, at most once per LEASE_READ_INTERVAL_MS, whether the
  // lease is still ours: a write transaction per ticket cost a fifth of the
  // delivery throughput. Another engine can take the lease only after it
  // expired by its own clock, which is minutes away while renewals succeed.
  let readAt = Date.now();
  const check = (): void => {
    if (lost !== undefined) throw lost;
    const now = Date.now();
    if (now - renewedAt >= ttlMs / 3) {
      renew();
      return;
    }
    if (now - readAt < LEASE_READ_INTERVAL_MS) return;
    readAt = now;
    if (!repository.isHeldBy(holder)) {
      lost = new EngineLeaseLostError(holder, repository.get());
      throw lost;
    }
  };
  const timer = setInterval(() => {
    try {
      renew();
    } catch (error) {
      // The next check() throws again and stops the delivery, so the timer
      // only logs. A storage error may pass, and the next renewal retries.
      log.error(
        { err: error, holder: holder.id },
        'engine lease renewal failed',
      );
      if (lost !== undefined) clearInterval(timer);
    }
  }, ttlMs / 3);
  // The timer alone must not keep a CLI process alive after its sync.
  timer.unref();

  let released = false;
  return {
    check,
    release() {
      clearInterval(timer);
      if (released) return;
      released = true;
      try {
        repository.release(holder);
      } catch (error) {
        // Thrown from a `finally`, this would hide the sync's own result.
        // The lease then expires after `ttlMs`.
        log.error(
          { err: error, holder: holder.id },
          'engine lease release failed',
        );
      }
    },
  };
}
