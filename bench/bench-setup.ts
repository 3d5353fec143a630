import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  startBmsEmulator,
  type BmsEmulator,
} from '../main/emulators/bms/bms-emulator';
import type { RequestBudget } from '../main/emulators/bms/bms-types';
import {
  startDwidEmulator,
  type DwidEmulator,
} from '../main/emulators/dwid/dwid-emulator';
import { buildDemoSeed, DEMO_TICKET_IDS } from '../main/emulators/seed';
import type { DemoSeed } from '../main/emulators/seed';
import type { ClientTuning } from '../main/service/connector-service';
import { ConnectorService } from '../main/service/connector-service';

/**
 * Ticket POSTs in flight when `sync` gets no `concurrency`. NOTE: this copies
 * the literal default in main/engine/sync/run-sync.ts, which exports no
 * constant for it.
 */
export const ENGINE_DEFAULT_CONCURRENCY = 4;

export const INTEGRATION_NAME = 'Bench BMS';
export const BMS_USERNAME = 'svc@msp.example';
export const BMS_TENANT = 'Example MSP';
const DWID_USERNAME = 'api@msp.example';

/** Credentials shared by the emulators and the configuration of one run. */
export type BenchCredentials = {
  readonly dwidPassword: string;
  readonly bmsPassword: string;
};

export function createCredentials(): BenchCredentials {
  return {
    dwidPassword: randomBytes(12).toString('hex'),
    bmsPassword: randomBytes(12).toString('hex'),
  };
}

/**
 * Builds a demo seed in which every compromise is eligible for a ticket:
 * every organization is enabled, and the integration built by
 * `benchConfig` includes IP compromises and keeps those without a password.
 */
export function buildEligibleSeed(compromises: number): DemoSeed {
  const seed = buildDemoSeed({ seed: 7, organizations: 30, compromises });
  return {
    dwid: {
      organizations: seed.dwid.organizations.map(organization => ({
        ...organization,
        status: 'Enabled' as const,
      })),
      compromises: seed.dwid.compromises,
    },
    bms: seed.bms,
  };
}

export function startBenchDwid(
  seed: DemoSeed,
  credentials: BenchCredentials,
): Promise<DwidEmulator> {
  return startDwidEmulator({
    ...seed.dwid,
    username: DWID_USERNAME,
    password: credentials.dwidPassword,
  });
}

export function startBenchBms(
  seed: DemoSeed,
  credentials: BenchCredentials,
  budget?: RequestBudget,
): Promise<BmsEmulator> {
  return startBmsEmulator({
    ...seed.bms,
    users: [
      {
        username: BMS_USERNAME,
        password: credentials.bmsPassword,
        tenant: BMS_TENANT,
      },
    ],
    ...(budget === undefined ? {} : { budget }),
  });
}

/** Configuration for one integration that turns every compromise into a ticket. */
export function benchConfig(dwidUrl: string, bmsUrl: string): unknown {
  return {
    source: {
      url: dwidUrl,
      username: DWID_USERNAME,
      passwordEnv: 'DWID_PASSWORD',
    },
    integrations: [
      {
        name: INTEGRATION_NAME,
        bmsUrl,
        username: BMS_USERNAME,
        passwordEnv: 'BMS_PASSWORD',
        company: BMS_TENANT,
        conditions: { skipWithoutPassword: false, includeIpCompromises: true },
        fieldMappings: {
          'Catchall Account': String(DEMO_TICKET_IDS.catchallAccountId),
          'Catchall Location': String(DEMO_TICKET_IDS.catchallLocationId),
          'Ticket Source': String(DEMO_TICKET_IDS.sourceId),
          'Ticket Type': String(DEMO_TICKET_IDS.typeId),
          Status: String(DEMO_TICKET_IDS.statusId),
          Priority: String(DEMO_TICKET_IDS.priorityId),
          Queue: String(DEMO_TICKET_IDS.queueId),
        },
        organizations: '*',
      },
    ],
  };
}

/** Opens a service on `dataDir` and applies `benchConfig` to it. */
export function openConfiguredService(options: {
  readonly dataDir: string;
  readonly dwidUrl: string;
  readonly bmsUrl: string;
  readonly credentials: BenchCredentials;
  readonly clientTuning?: ClientTuning;
}): ConnectorService {
  const service = ConnectorService.open({
    dataDir: options.dataDir,
    clientTuning: options.clientTuning ?? {},
  });
  service.apply(benchConfig(options.dwidUrl, options.bmsUrl), {
    env: {
      DWID_PASSWORD: options.credentials.dwidPassword,
      BMS_PASSWORD: options.credentials.bmsPassword,
    },
  });
  return service;
}

/** Data folders created by this process and not removed yet. */
const openDataDirs = new Set<string>();

/** Creates an empty data folder under the system temporary folder. */
export function createDataDir(label: string): string {
  const dataDir = mkdtempSync(join(tmpdir(), `dwid-bms-bench-${label}-`));
  openDataDirs.add(dataDir);
  return dataDir;
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
  openDataDirs.delete(dataDir);
}

/** Removes every data folder still open, for an interrupted run. */
export function removeOpenDataDirs(): void {
  for (const dataDir of [...openDataDirs]) removeDataDir(dataDir);
}
