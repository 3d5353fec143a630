import type { BmsClient } from '../../clients/bms/bms-client';
import { ConnectorError } from '../../errors';
import type { Store } from '../../store/open-store';

/** How long cached BMS accounts and lookups are used before a refresh, in ms. */
export const DEFAULT_CACHE_MAX_AGE_MS = 60 * 60 * 1000;

function isStale(fetchedAt: string | null, now: Date, maxAgeMs: number) {
  return (
    fetchedAt === null || now.getTime() - Date.parse(fetchedAt) >= maxAgeMs
  );
}

/**
 * Refreshes the cached BMS accounts and lookups of one integration when they
 * are older than `maxAgeMs`. Returns false when no account list is cached
 * and none could be fetched: without it every ticket would go to the
 * catch-all, so the caller must not deliver.
 */
export async function refreshBmsCache(
  store: Store,
  client: BmsClient,
  integrationId: number,
  now: Date,
  maxAgeMs: number,
): Promise<boolean> {
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
    // Failures are recorded by the client's outcome hook, which does not
    // count throttling. Record that here, so the error list shows why
    // nothing was delivered. A stale copy will do when there is one.
    if (error instanceof ConnectorError && error.code === 'rate-limited') {
      store.errors.recordIntegrationError(integrationId, {
        operation: 'bms.refresh-cache',
        code: error.code,
        message: error.message,
      });
    }
  }
  return store.bmsCache.fetchedAt(integrationId, 'accounts') !== null;
}
