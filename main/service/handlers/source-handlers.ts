import { ConnectorError } from '../../errors';
import type { HandlerMap } from './handler-types';

type Calls = 'source:get' | 'source:save' | 'source:refresh';

/** The Dark Web ID connection. */
export const SOURCE_HANDLERS: HandlerMap<Calls> = {
  'source:get': () => notBuilt('source:get'),
  'source:save': () => notBuilt('source:save'),
  'source:refresh': () => notBuilt('source:refresh'),
};

function notBuilt(name: string): never {
  throw new ConnectorError('internal', `${name} is not available yet.`);
}
