import {
  integrationNotFound,
  listIntegrationSummaries,
  readIntegrationDetail,
  readLookups,
} from '../queries/integration-views';
import { refreshIntegrationCache } from '../refresh-integration-cache';
import { saveIntegration } from '../save-integration';
import type { HandlerMap } from './handler-types';

type Calls =
  | 'integrations:list'
  | 'integrations:get'
  | 'integrations:save'
  | 'integrations:delete'
  | 'integrations:test-ticket'
  | 'integrations:refresh-cache'
  | 'lookups:get';

/** Integrations: list, edit, delete, test ticket, BMS cache. */
export const INTEGRATION_HANDLERS: HandlerMap<Calls> = {
  'integrations:list': service => listIntegrationSummaries(service),
  'integrations:get': (service, { id }) =>
    readIntegrationDetail(service.store, id),
  'integrations:save': (service, input) => {
    const id = saveIntegration(service.store, input);
    service.emit({ type: 'data-changed', scope: 'integrations' });
    return readIntegrationDetail(service.store, id);
  },
  'integrations:delete': (service, { id }) => {
    // The schema's ON DELETE CASCADE removes everything the integration owns.
    if (!service.store.integrations.delete(id)) throw integrationNotFound(id);
    service.emit({ type: 'data-changed', scope: 'integrations' });
    service.emit({ type: 'data-changed', scope: 'organizations' });
    return { id };
  },
  'integrations:test-ticket': (service, { id }) =>
    service.submitTestTicketById(id),
  'integrations:refresh-cache': async (service, { id }) => {
    const result = await refreshIntegrationCache(service, id);
    service.emit({ type: 'data-changed', scope: 'cache' });
    return result;
  },
  'lookups:get': (service, { integrationId }) =>
    readLookups(service.store, integrationId),
};
