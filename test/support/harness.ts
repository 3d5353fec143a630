import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type {
  BmsEmulator,
  BmsEmulatorOptions,
} from '../../main/emulators/bms/bms-emulator';
import type { DwidEmulator } from '../../main/emulators/dwid/dwid-emulator';
import type { DemoSeed } from '../../main/emulators/seed';
import {
  demoFieldMappings,
  EMULATOR_BMS_TENANT,
  EMULATOR_BMS_USERNAME,
  EMULATOR_DWID_USERNAME,
  startSeededEmulators,
} from '../../main/emulators/seeded-emulators';
import {
  ConnectorService,
  type ClientTuning,
} from '../../main/service/connector-service';

export const INTEGRATION = 'Main BMS';

export type Harness = {
  readonly seed: DemoSeed;
  readonly dwid: DwidEmulator;
  readonly bms: BmsEmulator;
  readonly service: ConnectorService;
  readonly dataDir: string;
  readonly dwidPassword: string;
  readonly bmsPassword: string;
  /** Closes the service and reopens it on the same data folder. */
  reopen(): ConnectorService;
  close(): Promise<void>;
};

export type HarnessOptions = {
  readonly organizations?: number;
  readonly compromises?: number;
  readonly seed?: number;
  readonly conditions?: {
    skipWithoutPassword?: boolean;
    includeIpCompromises?: boolean;
  };
  readonly fieldMappings?: Record<string, string>;
  readonly organizationsSelector?: '*' | string[];
  readonly bmsOptions?: Partial<BmsEmulatorOptions>;
  readonly clientTuning?: ClientTuning;
  /** Passwords used by the emulators and the configuration. */
  readonly dwidPassword?: string;
  readonly bmsPassword?: string;
};

/** Field mappings that route every ticket in the demo seed. */
export function seedMappings(): Record<string, string> {
  return demoFieldMappings();
}

/** Short pauses so retry paths run in milliseconds. */
export const FAST_CLIENTS: ClientTuning = {
  timeoutMs: 2_000,
  retryBaseMs: 5,
  retryMaxMs: 50,
};

/**
 * Starts both emulators with a seeded data set and a service on a fresh
 * data folder configured with one integration.
 */
export async function startHarness(
  options: HarnessOptions = {},
): Promise<Harness> {
  const emulators = await startSeededEmulators({
    seed: {
      seed: options.seed ?? 7,
      organizations: options.organizations ?? 12,
      compromises: options.compromises ?? 120,
    },
    dwidPassword: options.dwidPassword,
    bmsPassword: options.bmsPassword,
    bms: options.bmsOptions,
  });
  const { seed, dwid, bms, dwidPassword, bmsPassword } = emulators;
  const dataDir = mkdtempSync(join(tmpdir(), 'dwid-bms-test-'));
  const clientTuning = { ...FAST_CLIENTS, ...options.clientTuning };
  let service = ConnectorService.open({ dataDir, clientTuning });
  service.apply(
    {
      source: {
        url: dwid.url,
        username: EMULATOR_DWID_USERNAME,
        passwordEnv: 'DWID_PASSWORD',
      },
      integrations: [
        {
          name: INTEGRATION,
          bmsUrl: bms.url,
          username: EMULATOR_BMS_USERNAME,
          passwordEnv: 'BMS_PASSWORD',
          company: EMULATOR_BMS_TENANT,
          conditions: options.conditions,
          fieldMappings: { ...seedMappings(), ...options.fieldMappings },
          organizations: options.organizationsSelector ?? '*',
        },
      ],
    },
    { env: { DWID_PASSWORD: dwidPassword, BMS_PASSWORD: bmsPassword } },
  );

  const harness: Harness = {
    seed,
    dwid,
    bms,
    get service() {
      return service;
    },
    dataDir,
    dwidPassword,
    bmsPassword,
    reopen() {
      service.close();
      service = ConnectorService.open({ dataDir, clientTuning });
      return service;
    },
    async close() {
      service.close();
      await emulators.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
