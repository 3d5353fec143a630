/**
 * The object both transports give the renderer: Electron's preload exposes
 * it as `window.connector`, and the HTTP bridge client implements it over
 * fetch and server-sent events. The renderer cannot tell them apart.
 */
import type { Result } from '../errors';
import type { CallInput, CallName, CallOutput } from './calls';
import type { ConnectorEventListener } from './events';

export type ConnectorApi = {
  /** Runs one call. Failures come back as `{ ok: false }`, never thrown. */
  invoke<N extends CallName>(
    name: N,
    input: CallInput<N>,
  ): Promise<Result<CallOutput<N>>>;
  /** Registers a listener for engine events; returns its removal. */
  subscribe(listener: ConnectorEventListener): () => void;
};

/** HTTP paths of the bridge, relative to its origin. */
export const BRIDGE_PATHS = {
  /** POST with the call's input as JSON; the name follows the slash. */
  call: '/api/call/',
  /** GET; a text/event-stream of `ConnectorEvent` JSON lines. */
  events: '/api/events',
} as const;
