import type { SyncSummary } from '../../../shared/contract/models';
import { toErrorData } from '../../errors';
import { getLogger } from '../../log/logger';
import type { ConnectorService } from '../connector-service';
import { summarizeSync } from '../sync-summary';
import type { HandlerMap } from './handler-types';

type Calls = 'sync:status' | 'sync:start';

type SyncState = {
  running: Promise<void> | null;
  last: SyncSummary | null;
};

// One state per service object, so tests with several services stay apart.
const states = new WeakMap<ConnectorService, SyncState>();

function stateOf(service: ConnectorService): SyncState {
  let state = states.get(service);
  if (state === undefined) {
    state = { running: null, last: null };
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
    state.running = runInBackground(service, state).finally(() => {
      state.running = null;
    });
    return { isStarted: true };
  },
};

/** Waits for the sync started from the UI, if one runs. Used on shutdown. */
export async function waitForBackgroundSync(
  service: ConnectorService,
): Promise<void> {
  await stateOf(service).running;
}

/**
 * Runs one sync, forwarding engine events to the UI, and ends with a
 * `sync-finished` event. A sync that cannot start (for example, another
 * process holds the data folder's sync lock) also ends with one.
 */
async function runInBackground(
  service: ConnectorService,
  state: SyncState,
): Promise<void> {
  const startedAt = new Date();
  let summary: SyncSummary;
  try {
    const report = await service.sync({
      onEvent: event => service.emit(event),
    });
    summary = summarizeSync(report, startedAt, new Date());
  } catch (error) {
    const { message } = toErrorData(error);
    getLogger('sync').warn({ err: error }, 'sync started from the UI failed');
    summary = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ticketsCreated: 0,
      skipped: 0,
      failed: 0,
      isComplete: false,
      message,
    };
  }
  state.last = summary;
  service.emit({ type: 'sync-finished', summary });
}
