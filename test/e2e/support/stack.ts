// One end-to-end test environment in its own process: seeded emulators of
// both services, a fresh data folder with the Dark Web ID connection set up,
// and `dwid-bms serve` on 127.0.0.1. It prints one JSON line describing
// itself, then takes orders on a small control server (stop and restart the
// emulators, arm BMS faults, read what BMS stored) until SIGTERM.
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startHttpBridge } from '../../../main/bridge/http-bridge';
import { RENDERER_OUT_DIR } from '../../../main/bridge/renderer-build';
import type { BmsFaultKind } from '../../../main/emulators/bms/bms-emulator';
import {
  EMULATOR_BMS_TENANT,
  EMULATOR_BMS_USERNAME,
  EMULATOR_DWID_USERNAME,
  startSeededEmulators,
  type SeededEmulators,
} from '../../../main/emulators/seeded-emulators';
import { ConnectorService } from '../../../main/service/connector-service';

const SEED = { seed: 7, organizations: 24, compromises: 240 };
const DWID_PASSWORD = 'e2e-dwid-password-Xq81';
const BMS_PASSWORD = 'e2e-bms-password-Lm42';

type Ports = { dwid: number; bms: number };

async function startEmulators(ports: Ports | null): Promise<SeededEmulators> {
  return startSeededEmulators({
    seed: SEED,
    dwidPassword: DWID_PASSWORD,
    bmsPassword: BMS_PASSWORD,
    dwidPort: ports?.dwid,
    bms: ports === null ? {} : { port: ports.bms },
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dwid-bms-e2e-'));
  let emulators: SeededEmulators | null = await startEmulators(null);
  const ports = { dwid: emulators.dwid.port, bms: emulators.bms.port };
  const service = ConnectorService.open({
    dataDir,
    clientTuning: { timeoutMs: 3000, retryBaseMs: 20, retryMaxMs: 100 },
  });
  service.apply(
    {
      source: {
        url: emulators.dwid.url,
        username: EMULATOR_DWID_USERNAME,
        passwordEnv: 'DWID_PASSWORD',
      },
    },
    { env: { DWID_PASSWORD } },
  );
  const bridge = await startHttpBridge({
    service,
    staticDir: RENDERER_OUT_DIR,
  });

  const control = createServer((request, response) => {
    void handleControl(request).then(
      value => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(value ?? null));
      },
      (error: unknown) => {
        response.writeHead(500, { 'Content-Type': 'text/plain' });
        response.end(error instanceof Error ? error.message : String(error));
      },
    );
  });

  async function handleControl(request: IncomingMessage): Promise<unknown> {
    const body = await readJson(request);
    switch (request.url) {
      case '/emulators/stop':
        await emulators?.close();
        emulators = null;
        return { isRunning: false };
      case '/emulators/start':
        emulators ??= await startEmulators(ports);
        return { isRunning: true };
      case '/bms/fault':
        requireEmulators().bms.faults.add(
          body as { kind: BmsFaultKind; times?: number },
        );
        return { armed: true };
      case '/bms/state':
        return {
          tickets: requireEmulators().bms.tickets.map(ticket => ({
            ...ticket,
          })),
          accounts: requireEmulators().bms.accounts,
        };
      case '/dwid/state':
        return requireEmulators().dwid.state;
      default:
        throw new Error(`Unknown control path ${request.url ?? ''}`);
    }
  }

  function requireEmulators(): SeededEmulators {
    if (emulators === null) throw new Error('The emulators are stopped.');
    return emulators;
  }

  await new Promise<void>(resolve => control.listen(0, '127.0.0.1', resolve));
  const controlPort = (control.address() as AddressInfo).port;
  process.stdout.write(
    `${JSON.stringify({
      pageUrl: bridge.pageUrl,
      origin: bridge.origin,
      token: bridge.token,
      controlUrl: `http://127.0.0.1:${controlPort}`,
      dataDir,
      dwidUrl: emulators.dwid.url,
      bmsUrl: emulators.bms.url,
      bmsUsername: EMULATOR_BMS_USERNAME,
      bmsPassword: BMS_PASSWORD,
      bmsTenant: EMULATOR_BMS_TENANT,
      dwidPassword: DWID_PASSWORD,
    })}\n`,
  );

  const stop = async () => {
    control.close();
    await bridge.close();
    await emulators?.close();
    service.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request as AsyncIterable<Buffer>) {
    text += chunk.toString('utf8');
  }
  return text === '' ? {} : JSON.parse(text);
}

await main();
