import type { ConnectorApi } from '../../../shared/contract/api';
import type {
  CallInput,
  CallName,
  CallOutput,
} from '../../../shared/contract/calls';
import type { Result } from '../../../shared/errors';
import { createHttpTransport, takeBridgeToken } from './http-transport';

declare global {
  // The Electron preload defines it; a browser on the HTTP bridge does not.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- only an interface can extend Window
  interface Window {
    connector?: ConnectorApi;
  }
}

let api: ConnectorApi | null = null;

/**
 * Returns true when a transport is available: Electron's preload API, or a
 * bridge token in the URL or kept from an earlier load of this tab.
 */
export function hasConnector(): boolean {
  return window.connector !== undefined || takeBridgeToken() !== null;
}

/**
 * Returns the transport of this window: Electron's preload API when present,
 * else the HTTP bridge with the token from the page URL.
 */
export function getConnector(): ConnectorApi {
  if (api !== null) return api;
  if (window.connector !== undefined) {
    api = window.connector;
    return api;
  }
  const token = takeBridgeToken();
  if (token === null) {
    throw new Error(
      'No connector token: open the URL that `dwid-bms serve` printed.',
    );
  }
  api = createHttpTransport(token);
  return api;
}

/**
 * Runs one call of the contract. Failures come back as values: a transport
 * that rejects (an IPC channel gone after a reload of main, say) becomes a
 * `network` error.
 */
export async function call<N extends CallName>(
  name: N,
  input: CallInput<N>,
): Promise<Result<CallOutput<N>>> {
  try {
    return await getConnector().invoke(name, input);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: {
        code: 'network',
        message: `The call ${name} failed before the connector replied (${reason}). Check that it is still running.`,
      },
    };
  }
}
