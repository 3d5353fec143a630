import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  startBmsEmulator,
  type BmsEmulator,
  type BmsEmulatorOptions,
} from '../../main/emulators/bms/bms-emulator';
import {
  startDwidEmulator,
  type DwidEmulator,
} from '../../main/emulators/dwid/dwid-emulator';
import {
  buildDemoSeed,
  DEMO_TICKET_IDS,
  type DemoSeed,
} from '../../main/emulators/seed';
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
  return {
    'Catchall Account': String(DEMO_TICKET_IDS.catchallAccountId),
    'Catchall Location': String(DEMO_TICKET_IDS.catchallLocationId),
    'Ticket Source': String(DEMO_TICKET_IDS.sourceId),
    'Ticket Type': String(DEMO_TICKET_IDS.typeId),
    Status: String(DEMO_TICKET_IDS.statusId),
    Priority: String(DEMO_TICKET_IDS.priorityId),
    Queue: String(DEMO_TICKET_IDS.queueId),
  };
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
  const seed = buildDemoSeed({
    seed: options.seed ?? 7,
    organizations: options.organizations ?? 12,
    compromises: options.compromises ?? 120,
  });
  const dwidPassword = options.dwidPassword ?? randomBytes(12).toString('hex');
  const bmsPassword = options.bmsPassword ?? randomBytes(12).toString('hex');
  const dwid = await startDwidEmulator({
    ...seed.dwid,
    username: 'api@msp.example',
    password: dwidPassword,
  });
  const bms = await startBmsEmulator({
    ...seed.bms,
    users: [
      {
        username: 'svc@msp.example',
        password: bmsPassword,
        tenant: 'Example MSP',
      },
    ],
    ...options.bmsOptions,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'dwid-bms-test-'));
  const clientTuning = { ...FAST_CLIENTS, ...options.clientTuning };
  let service = ConnectorService.open({ dataDir, clientTuning });
  service.apply(
    {
      source: {
        url: dwid.url,
        username: 'api@msp.example',
        passwordEnv: 'DWID_PASSWORD',
      },
      integrations: [
        {
          name: INTEGRATION,
          bmsUrl: bms.url,
          username: 'svc@msp.example',
          passwordEnv: 'BMS_PASSWORD',
          company: 'Example MSP',
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
      await Promise.all([dwid.close(), bms.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
