import { randomBytes } from 'node:crypto';

import {
  startBmsEmulator,
  type BmsEmulator,
  type BmsEmulatorOptions,
} from './bms/bms-emulator';
import { startDwidEmulator, type DwidEmulator } from './dwid/dwid-emulator';
import {
  buildDemoSeed,
  DEMO_TICKET_IDS,
  type DemoSeed,
  type DemoSeedOptions,
} from './seed';

/** User names and tenant the seeded emulators accept. */
export const EMULATOR_DWID_USERNAME = 'api@msp.example';
export const EMULATOR_BMS_USERNAME = 'svc@msp.example';
export const EMULATOR_BMS_TENANT = 'Example MSP';

export type SeededEmulators = {
  readonly seed: DemoSeed;
  readonly dwid: DwidEmulator;
  readonly bms: BmsEmulator;
  readonly dwidPassword: string;
  readonly bmsPassword: string;
  close(): Promise<void>;
};

export type SeededEmulatorOptions = {
  readonly seed?: DemoSeedOptions;
  /** Random throwaway passwords when absent. */
  readonly dwidPassword?: string;
  readonly bmsPassword?: string;
  readonly dwidPort?: number;
  /** Extra BMS emulator options: budget, page size, field lengths, port. */
  readonly bms?: Partial<Omit<BmsEmulatorOptions, 'users'>>;
};

/**
 * Starts both emulators on 127.0.0.1 with the demo seed and one user each,
 * as the demo, `npm run emulators` and the tests use them.
 */
export async function startSeededEmulators(
  options: SeededEmulatorOptions = {},
): Promise<SeededEmulators> {
  const seed = buildDemoSeed(options.seed);
  const dwidPassword =
    options.dwidPassword ?? randomBytes(18).toString('base64url');
  const bmsPassword =
    options.bmsPassword ?? randomBytes(18).toString('base64url');
  const dwid = await startDwidEmulator({
    ...seed.dwid,
    username: EMULATOR_DWID_USERNAME,
    password: dwidPassword,
    port: options.dwidPort,
  });
  let bms: BmsEmulator;
  try {
    bms = await startBmsEmulator({
      ...seed.bms,
      ...options.bms,
      users: [
        {
          username: EMULATOR_BMS_USERNAME,
          password: bmsPassword,
          tenant: EMULATOR_BMS_TENANT,
        },
      ],
    });
  } catch (error) {
    // The running Dark Web ID server would keep the process alive.
    await dwid.close();
    throw error;
  }
  return {
    seed,
    dwid,
    bms,
    dwidPassword,
    bmsPassword,
    // Closing twice is allowed, because some tests stop an emulator early.
    close: async () => {
      await Promise.allSettled([dwid.close(), bms.close()]);
    },
  };
}

/** Field mappings that route every ticket of the demo seed. */
export function demoFieldMappings(): Record<string, string> {
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
