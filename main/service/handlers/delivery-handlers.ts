import { ConnectorError } from '../../errors';
import type { HandlerMap } from './handler-types';

type Calls = 'deliveries:list' | 'deliveries:export';

/** The delivery ledger shown on the Activity screen. */
export const DELIVERY_HANDLERS: HandlerMap<Calls> = {
  'deliveries:list': () => notBuilt('deliveries:list'),
  'deliveries:export': () => notBuilt('deliveries:export'),
};

function notBuilt(name: string): never {
  throw new ConnectorError('internal', `${name} is not available yet.`);
}
