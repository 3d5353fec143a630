import { ensureRendererBuilt } from '../../bridge/renderer-build';
import { startHttpBridge, type HttpBridge } from '../../bridge/http-bridge';
import { ConnectorError } from '../../errors';
import type { ConnectorService } from '../../service/connector-service';
import { waitForBackgroundSync } from '../../service/handlers/sync-handlers';

export type ServeOptions = {
  readonly port?: string;
  readonly json?: boolean;
};

/** Reads `--port`: 0 (any free port) up to 65535. */
export function readPort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65_535) {
    throw new ConnectorError(
      'validation',
      `Invalid --port "${value}"; use a whole number from 0 to 65535 ` +
        '(0 picks a free port)',
    );
  }
  return port;
}

/**
 * Serves the technician's window and the contract on 127.0.0.1 until the
 * process receives SIGINT or SIGTERM, then waits for a running sync.
 */
export async function serveCommand(
  service: ConnectorService,
  options: ServeOptions,
): Promise<void> {
  const bridge = await startServing(service, readPort(options.port));
  printServeBanner(bridge, options.json === true);
  await waitForStopSignal();
  await stopServing(service, bridge);
}

/** Builds the renderer when needed and starts the bridge. */
export async function startServing(
  service: ConnectorService,
  port: number,
): Promise<HttpBridge> {
  const staticDir = await ensureRendererBuilt();
  return startHttpBridge({ service, staticDir, port });
}

/** Closes the bridge after any sync started from the window has ended. */
export async function stopServing(
  service: ConnectorService,
  bridge: HttpBridge,
): Promise<void> {
  await bridge.close();
  await waitForBackgroundSync(service);
}

/**
 * Prints where the window is served; the token is in the URL fragment. The
 * banner bypasses the masking of printLines on purpose: the token is
 * registered as a secret so that no log line carries it, yet the person who
 * started the bridge needs it once to open the page.
 */
export function printServeBanner(bridge: HttpBridge, asJson: boolean): void {
  const banner = asJson
    ? JSON.stringify({
        url: bridge.pageUrl,
        origin: bridge.origin,
        token: bridge.token,
      })
    : [
        `Open the connector: ${bridge.pageUrl}`,
        `API token (Authorization: Bearer): ${bridge.token}`,
        'Listening on 127.0.0.1 only. Press Ctrl+C to stop.',
      ].join('\n');
  process.stdout.write(`${banner}\n`);
}

/** Resolves on the first SIGINT or SIGTERM. */
export function waitForStopSignal(): Promise<void> {
  return new Promise(resolve => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
