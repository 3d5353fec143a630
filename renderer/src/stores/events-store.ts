import { create } from 'zustand';

import type {
  ConnectorEvent,
  syncPhaseSchema,
} from '../../../shared/contract/events';
import type { SyncSummary } from '../../../shared/contract/models';
import type { z } from 'zod';

type DataScope = Extract<ConnectorEvent, { type: 'data-changed' }>['scope'];

type EventsState = {
  /** Progress of the running sync, or null when none runs. */
  readonly progress: {
    readonly phase: z.infer<typeof syncPhaseSchema>;
    readonly done: number;
    readonly total?: number;
  } | null;
  readonly lastSync: SyncSummary | null;
  /**
   * A counter per data scope, raised by every `data-changed` event (and by
   * sync events for the scopes a sync touches). Screens put the counter of
   * what they show in an effect's dependencies to reload.
   */
  readonly versions: Readonly<Record<DataScope, number>>;
  readonly receive: (event: ConnectorEvent) => void;
  /** Marks `scope` changed after this window's own edit. */
  readonly touch: (scope: DataScope) => void;
};

const INITIAL_VERSIONS: Record<DataScope, number> = {
  source: 0,
  integrations: 0,
  organizations: 0,
  deliveries: 0,
  'pending-changes': 0,
  cache: 0,
};

function bump(
  versions: Readonly<Record<DataScope, number>>,
  scopes: readonly DataScope[],
): Record<DataScope, number> {
  const next = { ...versions };
  for (const scope of scopes) next[scope] += 1;
  return next;
}

/** Engine events as UI state: sync progress and reload counters. */
export const useEventsStore = create<EventsState>(set => ({
  progress: null,
  lastSync: null,
  versions: INITIAL_VERSIONS,
  receive: event =>
    set(state => {
      switch (event.type) {
        case 'sync-progress':
          return {
            progress:
              event.phase === 'done'
                ? null
                : { phase: event.phase, done: event.done, total: event.total },
          };
        case 'sync-finished':
          return {
            progress: null,
            lastSync: event.summary,
            versions: bump(state.versions, [
              'integrations',
              'organizations',
              'deliveries',
              'pending-changes',
              'cache',
            ]),
          };
        case 'health-changed':
          return { versions: bump(state.versions, ['integrations']) };
        case 'delivery':
        case 'open-integration':
          return {};
        case 'data-changed':
          return { versions: bump(state.versions, [event.scope]) };
      }
    }),
  touch: scope => set(state => ({ versions: bump(state.versions, [scope]) })),
}));
