import { ConnectorError } from '../../errors';
import type { HandlerMap } from './handler-types';

type Calls = 'organizations:list' | 'organizations:associate';

/** Dark Web ID organizations and their associated integration. */
export const ORGANIZATION_HANDLERS: HandlerMap<Calls> = {
  'organizations:list': () => notBuilt('organizations:list'),
  'organizations:associate': () => notBuilt('organizations:associate'),
};

function notBuilt(name: string): never {
  throw new ConnectorError('internal', `${name} is not available yet.`);
}
