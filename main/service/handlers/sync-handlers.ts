import type { SyncSummary } from '../../../shared/contract/models';
import type { SyncReport } from '../../engine/sync/run-sync';
import { toErrorData } from '../../errors';
import { getLogger } from '../../log/logger';
import type { ConnectorService } from '../connector-service';
import { summarizeSync } from '../sync-summary';
import type { HandlerMap } from './handler-types';

type Calls = 'sync:status' | 'sync:start';

/** Starts a sync for `sync:start`; returns the run's promise. */
export type SyncStarter = () => Promise<unknown>;

type SyncState = {
  running: Promise<unknown> | null;
  last: SyncSummary | null;
  /** Set by the desktop shell, so the window's Sync now joins its schedule. */
  starter: SyncStarter | null;
};

// One state per service object, so tests with several services stay apart.
const states = new WeakMap<ConnectorService, SyncState>();

function stateOf(service: ConnectorService): SyncState {
  let state = states.get(service);
  if (state === undefined) {
    state = { running: null, last: null, starter: null };
    states.set(service, state);
  }
  return state;
}

/** Starting a sync from the UI and reporting its state. */
export const SYNC_HANDLERS: HandlerMap<Calls> = {
  'sync:status': service => {
    const state = stateOf(service);
    return { isRunning: state.running !== null, last: state.last };
  },
  'sync:start': service => {
    const state = stateOf(service);
    if (state.running !== null) return { isStarted: false };
    const run = state.starter ?? (() => runSyncWithEvents(service));
    state.running = run()
      .catch(() => undefined)
      .finally(() => {
        state.running = null;
      });
    return { isStarted: true };
  },
};

/**
 * Routes `sync:start` through `starter` instead of a direct run. The desktop
 * shell passes its scheduler's Sync now, so a click during a scheduled run
 * joins that run rather than racing it for the sync lock.
 */
export function setSyncStarter(
  service: ConnectorService,
  starter: SyncStarter | null,
): void {
  stateOf(service).starter = starter;
}

/** Waits for the sync started from the UI, if one runs. Used on shutdown. */
export async function waitForBackgroundSync(
  service: ConnectorService,
): Promise<void> {
  await stateOf(service).running;
}

/**
 * Runs one sync, forwarding engine events to the UI, and ends with a
 * `sync-finished` event. A sync that cannot start (for example, another
 * process holds the data folder's sync lock) also ends with one, and its
 * error is thrown again for the caller. Scheduled runs use it too, so the
 * window shows their progress.
 */
export async function runSyncWithEvents(
  service: ConnectorService,
): Promise<SyncReport> {
  const state = stateOf(service);
  const startedAt = new Date();
  try {
    const report = await service.sync({
      onEvent: event => service.emit(event),
    });
    finish(service, state, summarizeSync(report, startedAt, new Date()));
    return report;
  } catch (error) {
    getLogger('sync').warn({ err: error }, 'sync failed to run');
    finish(service, state, {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ticketsCreated: 0,
      skipped: 0,
      failed: 0,
      isComplete: false,
      message: toErrorData(error).message,
    });
    throw error;
  }
}

function finish(
  service: ConnectorService,
  state: SyncState,
  summary: SyncSummary,
): void {
  state.last = summary;
  service.emit({ type: 'sync-finished', summary });
}
