import { ConnectorError } from '../../errors';
import type { HandlerMap } from './handler-types';

type Calls = 'sync:status' | 'sync:start';

/** Starting a sync and reporting its state. */
export const SYNC_HANDLERS: HandlerMap<Calls> = {
  'sync:status': () => notBuilt('sync:status'),
  'sync:start': () => notBuilt('sync:start'),
};

function notBuilt(name: string): never {
  throw new ConnectorError('internal', `${name} is not available yet.`);
}
