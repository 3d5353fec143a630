import { ConnectorError } from '../../errors';
import type { HandlerMap } from './handler-types';

type Calls = 'preview:compromises' | 'preview:render';

/** The live ticket preview beside the field mappings. */
export const PREVIEW_HANDLERS: HandlerMap<Calls> = {
  'preview:compromises': () => notBuilt('preview:compromises'),
  'preview:render': () => notBuilt('preview:render'),
};

function notBuilt(name: string): never {
  throw new ConnectorError('internal', `${name} is not available yet.`);
}
