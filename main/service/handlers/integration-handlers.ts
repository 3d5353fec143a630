import { ConnectorError } from '../../errors';
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
  'integrations:list': () => notBuilt('integrations:list'),
  'integrations:get': () => notBuilt('integrations:get'),
  'integrations:save': () => notBuilt('integrations:save'),
  'integrations:delete': () => notBuilt('integrations:delete'),
  'integrations:test-ticket': () => notBuilt('integrations:test-ticket'),
  'integrations:refresh-cache': () => notBuilt('integrations:refresh-cache'),
  'lookups:get': () => notBuilt('lookups:get'),
};

function notBuilt(name: string): never {
  throw new ConnectorError('internal', `${name} is not available yet.`);
}
