import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConnectorError } from '../../errors';
import {
  demoFieldMappings,
  EMULATOR_BMS_TENANT,
  EMULATOR_BMS_USERNAME,
  EMULATOR_DWID_USERNAME,
  startSeededEmulators,
  type SeededEmulators,
} from '../../emulators/seeded-emulators';
import type { DemoSeedOptions } from '../../emulators/seed';
import { configureLogging } from '../../log/logger';
import type { SyncReport } from '../../engine/sync/run-sync';
import { ConnectorService } from '../../service/connector-service';
import { printJson, printLines } from '../output';
import {
  printServeBanner,
  readPort,
  startServing,
  stopServing,
  waitForStopSignal,
} from './serve-command';
import { formatSyncReport, syncReportJson } from './sync-commands';

export type DemoOptions = {
  readonly json?: boolean;
  readonly compromises?: string;
  readonly organizations?: string;
  readonly seed?: string;
  /** Keep the emulators running and serve the window until interrupted. */
  readonly serve?: boolean;
  readonly port?: string;
};

/** Name of the integration the demo configures. */
export const DEMO_INTEGRATION = 'Demo BMS';

function demoConfig(dwidUrl: string, bmsUrl: string) {
  return {
    source: {
      url: dwidUrl,
      username: EMULATOR_DWID_USERNAME,
      passwordEnv: 'DWID_PASSWORD',
    },
    integrations: [
      {
        name: DEMO_INTEGRATION,
        bmsUrl,
        username: EMULATOR_BMS_USERNAME,
        passwordEnv: 'BMS_PASSWORD',
        company: EMULATOR_BMS_TENANT,
        fieldMappings: demoFieldMappings(),
        organizations: '*' as const,
      },
    ],
  };
}

/** Reads a whole-number option, or returns `fallback` when it is absent. */
function readInteger(
  option: string,
  value: string | undefined,
  fallback: number,
  minimum: number,
): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || parsed < minimum) {
    throw new ConnectorError(
      'validation',
      `Invalid ${option} "${value}"; use a whole number of at least ${minimum}`,
    );
  }
  return parsed;
}

/** Demo options after validation. */
type DemoSettings = {
  readonly seed: DemoSeedOptions;
  /** TCP port for `--serve`, where 0 picks a free port. */
  readonly port: number;
};

/**
 * Validates every option. The demo calls it before it starts anything, so
 * an invalid value exits at once instead of leaving emulators running.
 */
function readDemoSettings(options: DemoOptions): DemoSettings {
  if (options.port !== undefined && options.serve !== true) {
    throw new ConnectorError(
      'validation',
      `Invalid --port "${options.port}": --port only applies with ` +
        '--serve, so add --serve or remove --port',
    );
  }
  return {
    seed: {
      seed: readInteger('--seed', options.seed, 42, 0),
      organizations: readInteger(
        '--organizations',
        options.organizations,
        30,
        1,
      ),
      compromises: readInteger('--compromises', options.compromises, 1200, 0),
    },
    port: readPort(options.port),
  };
}

/**
 * Runs the main job end to end on this machine alone: seeded emulators of
 * both services on 127.0.0.1, a fresh data folder, one integration, and two
 * syncs (the second must create nothing new).
 */
export async function demoCommand(
  dataDirOption: string | undefined,
  options: DemoOptions,
): Promise<void> {
  const settings = readDemoSettings(options);
  // Throwaway credentials for this run's emulators only.
  const emulators = await startSeededEmulators({ seed: settings.seed });
  // The open emulator servers keep the process alive, so every path after
  // this point must close them.
  try {
    const dataDir =
      dataDirOption ?? mkdtempSync(join(tmpdir(), 'dwid-bms-demo-'));
    // Like every other command, the demo logs to the data folder.
    configureLogging({
      file: join(dataDir, 'logs', 'connector.log'),
      level: 'info',
    });
    // The emulator enforces no request budget, so neither does the demo: the
    // published 1,500 calls per hour would stop a large demo part-way.
    const service = ConnectorService.open({
      dataDir,
      clientTuning: { bmsBudget: null },
    });
    try {
      await runDemo(service, emulators, dataDir, options, settings.port);
    } finally {
      service.close();
    }
  } finally {
    await emulators.close();
  }
}

/** Configures the integration, syncs twice and prints the result. */
async function runDemo(
  service: ConnectorService,
  emulators: SeededEmulators,
  dataDir: string,
  options: DemoOptions,
  port: number,
): Promise<void> {
  const { dwid, bms, dwidPassword, bmsPassword } = emulators;
  service.apply(demoConfig(dwid.url, bms.url), {
    env: { DWID_PASSWORD: dwidPassword, BMS_PASSWORD: bmsPassword },
  });
  const first = await service.sync();
  const second = await service.sync();
  const waiting = second.integrations.reduce(
    (sum, item) => sum + item.pending,
    0,
  );
  // Two syncs against healthy emulators deliver every eligible compromise,
  // so a row still waiting means the demo did not show the main job.
  if (waiting > 0) process.exitCode = 1;

  const isJson = options.json === true;
  if (isJson) {
    // With --serve the JSON is printed, then the serve banner as JSON.
    printJson({
      dataDir,
      dwidUrl: dwid.url,
      bmsUrl: bms.url,
      first: syncReportJson(first),
      second: syncReportJson(second),
      ticketsInBms: bms.tickets.length,
      waiting,
    });
  } else {
    printLines(demoLines(emulators, dataDir, { first, second, waiting }));
  }
  if (options.serve === true) await serveDemo(service, port, isJson);
}

/** Formats the demo's result as plain-text lines. */
function demoLines(
  emulators: SeededEmulators,
  dataDir: string,
  result: { first: SyncReport; second: SyncReport; waiting: number },
): string[] {
  const { dwid, bms } = emulators;
  const secondCreated = result.second.integrations.reduce(
    (sum, item) => sum + item.created,
    0,
  );
  const notDelivered =
    `Not delivered after two syncs: ${result.waiting} tickets still ` +
    'waiting. The reasons are in the reports above and in the log.';
  return [
    `Dark Web ID emulator: ${dwid.url}   Kaseya BMS emulator: ${bms.url}`,
    `Data folder: ${dataDir}`,
    '',
    'First sync',
    ...formatSyncReport(result.first),
    '',
    `Second sync: ${secondCreated} new tickets (each compromise makes at most one ticket)`,
    `Tickets stored by the BMS emulator: ${bms.tickets.length}`,
    ...(result.waiting > 0 ? [notDelivered] : []),
    '',
    `Inspect the ledger: npx dwid-bms deliveries --data-dir ${dataDir}`,
  ];
}

async function serveDemo(
  service: ConnectorService,
  port: number,
  asJson = false,
): Promise<void> {
  const bridge = await startServing(service, port);
  if (!asJson) printLines(['']);
  printServeBanner(bridge, asJson);
  await waitForStopSignal();
  await stopServing(service, bridge);
}
