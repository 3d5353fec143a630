import { HealthTracker } from '../engine/sync/health-tracker';
import { ConnectorError } from '../errors';
import type { ConnectorService } from './connector-service';

export type CacheRefreshResult = {
  readonly accountCount: number;
  readonly fetchedAt: string;
};

/**
 * Copies the integration's BMS accounts, statuses, priorities and queues
 * into the cache now, whatever their age. Each request's outcome counts
 * towards the integration's health, as in a sync. A failure throws and
 * leaves the previous copy in place.
 */
export async function refreshIntegrationCache(
  service: ConnectorService,
  integrationId: number,
): Promise<CacheRefreshResult> {
  const integration = service.requireIntegrationById(integrationId);
  const health = new HealthTracker(service.store, integration, event =>
    service.emit(event),
  );
  const client = service.createBmsClient(integration.id, outcome =>
    health.record(outcome),
  );
  try {
    const accounts = await client.listAccounts();
    const [status, priority, queue] = await Promise.all([
      client.listStatuses(),
      client.listPriorities(),
      client.listQueues(),
    ]);
    const { bmsCache } = service.store;
    const fetchedAt = service.store.transaction(() => {
      bmsCache.replaceAccounts(integration.id, accounts);
      bmsCache.replaceLookups(integration.id, { status, priority, queue });
      return bmsCache.fetchedAt(integration.id, 'accounts');
    });
    if (fetchedAt === null) {
      throw new ConnectorError(
        'internal',
        `The BMS accounts of integration ${integration.id} were stored ` +
          'without their copy time.',
      );
    }
    return { accountCount: accounts.length, fetchedAt };
  } finally {
    health.flush();
  }
}
