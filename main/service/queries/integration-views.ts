import type {
  IntegrationDetail,
  IntegrationSummary,
  Lookups,
} from '../../../shared/contract/models';
import { ConnectorError } from '../../errors';
import type { Store } from '../../store/open-store';
import type { ConnectorService } from '../connector-service';

/** Errors shown on the edit screen, most recent first. */
export const DETAIL_ERROR_LIMIT = 50;

/** Returns every integration with its health and queued rename count. */
export function listIntegrationSummaries(
  service: ConnectorService,
): IntegrationSummary[] {
  const pendingCounts = new Map<number, number>();
  for (const change of service.store.pendingChanges.list()) {
    if (change.integrationId === null) continue;
    const count = pendingCounts.get(change.integrationId) ?? 0;
    pendingCounts.set(change.integrationId, count + 1);
  }
  return service.listIntegrations().map(item => ({
    id: item.id,
    name: item.name,
    bmsUrl: item.bmsUrl,
    health: item.health,
    consecutiveFailures: item.consecutiveFailures,
    organizationCount: item.organizations,
    lastSyncAt: item.lastSyncAt,
    pendingChangeCount: pendingCounts.get(item.id) ?? 0,
  }));
}

/**
 * Returns what the edit screen shows about one integration: never its
 * password, only whether one is stored. Throws `not-found` for an unknown id.
 */
export function readIntegrationDetail(
  store: Store,
  id: number,
): IntegrationDetail {
  const integration = store.integrations.getById(id);
  if (integration === null) throw integrationNotFound(id);
  const health = store.health.get(id);
  const mappings = store.fieldMappings.get(id);
  return {
    id,
    name: integration.name,
    bmsUrl: integration.bmsUrl,
    username: integration.username,
    company: integration.tenant,
    hasPassword: integration.hasPassword,
    conditions: {
      skipWithoutPassword: integration.skipWithoutPassword,
      includeIpCompromises: integration.includeIpCompromises,
    },
    fieldMappings: Object.entries(mappings).map(([field, content]) => ({
      field,
      content,
    })),
    health: health.isHealthy ? 'healthy' : 'unhealthy',
    consecutiveFailures: health.consecutiveFailures,
    errors: store.errors.list(id, DETAIL_ERROR_LIMIT).map(error => ({
      at: error.occurredAt,
      operation: error.operation,
      code: error.code,
      message: error.message,
    })),
    lastSyncAt: health.lastSyncAt,
    cacheFetchedAt: cacheFetchedAt(store, id),
  };
}

/**
 * Returns when the BMS cache was complete: the older of the accounts and
 * lookups copy times, or null while either was never fetched.
 */
export function cacheFetchedAt(store: Store, id: number): string | null {
  const accounts = store.bmsCache.fetchedAt(id, 'accounts');
  const lookups = store.bmsCache.fetchedAt(id, 'lookups');
  if (accounts === null || lookups === null) return null;
  return accounts < lookups ? accounts : lookups;
}

/** Returns the cached statuses, priorities and queues of one integration. */
export function readLookups(store: Store, integrationId: number): Lookups {
  if (store.integrations.getById(integrationId) === null) {
    throw integrationNotFound(integrationId);
  }
  const lookups = store.bmsCache.listLookups(integrationId);
  const entries = (items: readonly { id: number; name: string }[]) =>
    items.map(item => ({ id: item.id, name: item.name }));
  return {
    fetchedAt: store.bmsCache.fetchedAt(integrationId, 'lookups'),
    statuses: entries(lookups.status),
    priorities: entries(lookups.priority),
    queues: entries(lookups.queue),
  };
}

export function integrationNotFound(id: number): ConnectorError {
  return new ConnectorError(
    'not-found',
    `No integration with id ${id} exists; reload the list of integrations.`,
  );
}
