import type { BmsClient } from '../../clients/bms/bms-client';
import { toErrorData } from '../../errors';
import type { Store } from '../../store/open-store';
import type { HealthTracker } from './health-tracker';

/** How long cached BMS accounts and lookups are used before a refresh, in ms. */
export const DEFAULT_CACHE_MAX_AGE_MS = 60 * 60 * 1000;

function isStale(fetchedAt: string | null, now: Date, maxAgeMs: number) {
  return (
    fetchedAt === null || now.getTime() - Date.parse(fetchedAt) >= maxAgeMs
  );
}

/** Result of a cache refresh. */
export type CacheRefresh = {
  /** True when accounts are cached, fresh or from an earlier refresh. */
  readonly hasAccounts: boolean;
  /** Message of the error that stopped this refresh, or null. */
  readonly failure: string | null;
};

/**
 * Refreshes the cached BMS accounts and lookups of one integration when they
 * are older than `maxAgeMs`. `hasAccounts` is false when no account list is
 * cached and none could be fetched: without it every ticket would go to the
 * catch-all, so the caller must not deliver.
 */
export async function refreshBmsCache(
  store: Store,
  client: BmsClient,
  health: HealthTracker,
  integrationId: number,
  now: Date,
  maxAgeMs: number,
): Promise<CacheRefresh> {
  let failure: string | null = null;
  try {
    if (
      isStale(
        store.bmsCache.fetchedAt(integrationId, 'accounts'),
        now,
        maxAgeMs,
      )
    ) {
      store.bmsCache.replaceAccounts(
        integrationId,
        await client.listAccounts(),
      );
    }
    if (
      isStale(store.bmsCache.fetchedAt(integrationId, 'lookups'), now, maxAgeMs)
    ) {
      const [status, priority, queue] = await Promise.all([
        client.listStatuses(),
        client.listPriorities(),
        client.listQueues(),
      ]);
      store.bmsCache.replaceLookups(integrationId, { status, priority, queue });
    }
  } catch (error) {
    // The client's outcome hook has already stored a failed request's
    // error. Other failures, such as throttling past the waits or the
    // client's own page cap, are stored here so that the error list shows
    // why nothing was delivered. A stale copy will do when there is one.
    const { code, message } = toErrorData(error);
    failure = message;
    if (!health.wasRecorded(error)) {
      health.recordError('bms.refresh-cache', code, message);
    }
  }
  return {
    hasAccounts: store.bmsCache.fetchedAt(integrationId, 'accounts') !== null,
    failure,
  };
}
