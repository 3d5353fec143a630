import type { ConnectorApi } from '../../../shared/contract/api';
import { BRIDGE_PATHS } from '../../../shared/contract/api';
import type {
  ConnectorEvent,
  ConnectorEventListener,
} from '../../../shared/contract/events';
import type { Result } from '../../../shared/errors';

const TOKEN_KEY = 'dwid-bms-bridge-token';
/** Wait before reconnecting the event stream, in milliseconds. */
const RECONNECT_DELAY_MS = 2000;

/**
 * Reads the bridge's bearer token from the URL fragment (`#token=...`), where
 * `dwid-bms serve` puts it, keeps it for this tab and removes it from the
 * address bar. A fragment never reaches the server or its logs.
 */
export function takeBridgeToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1] !== undefined) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    const url = window.location.pathname + window.location.search;
    window.history.replaceState(null, '', url);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The contract over the HTTP bridge: POST per call, one event stream. */
export function createHttpTransport(token: string): ConnectorApi {
  const listeners = new Set<ConnectorEventListener>();
  let stream: AbortController | null = null;

  const headers = { Authorization: `Bearer ${token}` };

  return {
    async invoke(name, input) {
      try {
        const response = await fetch(BRIDGE_PATHS.call + name, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
        return (await response.json()) as Result<never>;
      } catch (error) {
        return unreachable(error);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (stream === null) {
        stream = new AbortController();
        void readEvents(headers, stream.signal, listeners);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stream?.abort();
          stream = null;
        }
      };
    },
  };
}

function unreachable(error: unknown): Result<never> {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    error: {
      code: 'network',
      message: `The connector did not respond (${reason}). Check that it is still running.`,
    },
  };
}

/** Reads server-sent events until `signal` aborts, reconnecting on drops. */
async function readEvents(
  headers: Record<string, string>,
  signal: AbortSignal,
  listeners: ReadonlySet<ConnectorEventListener>,
): Promise<void> {
  while (!signal.aborted) {
    try {
      const response = await fetch(BRIDGE_PATHS.events, { headers, signal });
      if (response.body !== null) {
        await readStream(response.body, listeners);
      }
    } catch {
      // A dropped stream is normal when the connector restarts; retry below.
    }
    if (signal.aborted) return;
    await new Promise(resolve => setTimeout(resolve, RECONNECT_DELAY_MS));
  }
}

async function readStream(
  body: ReadableStream<Uint8Array>,
  listeners: ReadonlySet<ConnectorEventListener>,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      deliver(buffer.slice(0, end), listeners);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
    }
  }
}

function deliver(
  block: string,
  listeners: ReadonlySet<ConnectorEventListener>,
): void {
  const data = block
    .split('\n')
    .filter(line => line.startsWith('data:'))
    .map(line => line.slice(5).trimStart())
    .join('\n');
  if (data === '') return;
  const event = JSON.parse(data) as ConnectorEvent;
  for (const listener of listeners) listener(event);
}
