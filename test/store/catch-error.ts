import { ConnectorError } from '../../main/errors';

/** Runs `fn` and returns the ConnectorError it throws. Fails otherwise. */
export function catchConnectorError(fn: () => unknown): ConnectorError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError, but nothing was thrown');
}
