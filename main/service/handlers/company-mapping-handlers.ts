import { ConnectorError } from '../../errors';
import type { HandlerMap } from './handler-types';

type Calls =
  | 'company-mapping:get'
  | 'company-mapping:rename'
  | 'pending-changes:list'
  | 'pending-changes:apply';

/** Company mapping and the queue of remote renames. */
export const COMPANY_MAPPING_HANDLERS: HandlerMap<Calls> = {
  'company-mapping:get': () => notBuilt('company-mapping:get'),
  'company-mapping:rename': () => notBuilt('company-mapping:rename'),
  'pending-changes:list': () => notBuilt('pending-changes:list'),
  'pending-changes:apply': () => notBuilt('pending-changes:apply'),
};

function notBuilt(name: string): never {
  throw new ConnectorError('internal', `${name} is not available yet.`);
}
