import { parseArgs } from 'node:util';
import { getLogger } from '../log/logger';
import type { BmsEmulator } from './bms/bms-emulator';
import type { DwidEmulator } from './dwid/dwid-emulator';
import { DEMO_TICKET_IDS } from './seed';
import {
  EMULATOR_BMS_TENANT as BMS_EMULATOR_TENANT,
  EMULATOR_BMS_USERNAME as BMS_EMULATOR_USERNAME,
  EMULATOR_DWID_USERNAME as DWID_EMULATOR_USERNAME,
  startSeededEmulators,
} from './seeded-emulators';

export const EMULATOR_USAGE = `Usage: npm run emulators -- [options]

Starts seeded Dark Web ID and Kaseya BMS emulators on 127.0.0.1 until Ctrl-C.

Options:
  --seed N            seed of the demo data (default 42)
  --organizations N   Dark Web ID organizations to create (default 30)
  --compromises N     compromises to create (default 1200)
  --port-dwid N       port of the Dark Web ID emulator (default 0: any free port)
  --port-bms N        port of the Kaseya BMS emulator (default 0: any free port)
  --help              print this text`;

export type EmulatorCommandOptions = {
  readonly seed: number;
  readonly organizations: number;
  readonly compromises: number;
  readonly portDwid: number;
  readonly portBms: number;
};

export { BMS_EMULATOR_TENANT, BMS_EMULATOR_USERNAME, DWID_EMULATOR_USERNAME };

/** Parses the command line, or returns undefined when help was requested. */
export function parseEmulatorArgs(
  argv: readonly string[],
): EmulatorCommandOptions | undefined {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seed: { type: 'string' },
      organizations: { type: 'string' },
      compromises: { type: 'string' },
      'port-dwid': { type: 'string' },
      'port-bms': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) return undefined;
  return {
    seed: readInteger('--seed', values.seed, 42, 0),
    organizations: readInteger('--organizations', values.organizations, 30, 1),
    compromises: readInteger('--compromises', values.compromises, 1200, 0),
    portDwid: readInteger('--port-dwid', values['port-dwid'], 0, 0, 65535),
    portBms: readInteger('--port-bms', values['port-bms'], 0, 0, 65535),
  };
}

function readInteger(
  name: string,
  raw: string | undefined,
  fallback: number,
  minimum: number,
  maximum = Number.MAX_SAFE_INTEGER,
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < minimum || value > maximum) {
    throw new Error(
      `Invalid ${name} "${raw}"; expected an integer from ${minimum} to ${maximum}.`,
    );
  }
  return value;
}

/**
 * Starts both emulators with the demo seed and throwaway credentials, prints
 * how to reach them, and closes them on SIGINT or SIGTERM.
 */
export async function runEmulatorsCommand(
  argv: readonly string[],
): Promise<void> {
  const options = parseEmulatorArgs(argv);
  if (options === undefined) {
    console.log(EMULATOR_USAGE);
    return;
  }
  const { dwid, bms, dwidPassword, bmsPassword } = await startSeededEmulators({
    seed: {
      seed: options.seed,
      organizations: options.organizations,
      compromises: options.compromises,
    },
    dwidPort: options.portDwid,
    bms: { port: options.portBms },
  });
  getLogger('emulator').info(
    { dwidUrl: dwid.url, bmsUrl: bms.url, seed: options.seed },
    'Emulators started',
  );
  printBanner(options, dwid, bms, { dwidPassword, bmsPassword });
  stopOnSignal(dwid, bms);
}

function printBanner(
  options: EmulatorCommandOptions,
  dwid: DwidEmulator,
  bms: BmsEmulator,
  passwords: { dwidPassword: string; bmsPassword: string },
): void {
  const ids = DEMO_TICKET_IDS;
  console.log(
    [
      `Dark Web ID emulator: ${dwid.url}`,
      `  user name: ${DWID_EMULATOR_USERNAME}`,
      `Kaseya BMS emulator:  ${bms.url}`,
      `  user name: ${BMS_EMULATOR_USERNAME}`,
      `  tenant:    ${BMS_EMULATOR_TENANT}`,
      '',
      'Passwords for this run only (new ones at every start):',
      `  DWID_PASSWORD=${passwords.dwidPassword}`,
      `  BMS_PASSWORD=${passwords.bmsPassword}`,
      '',
      `Seed ${options.seed}: ${options.organizations} organizations, ${options.compromises} compromises.`,
      `Ticket ids: catch-all account ${ids.catchallAccountId}, location ${ids.catchallLocationId}, ` +
        `status ${ids.statusId}, priority ${ids.priorityId}, queue ${ids.queueId}, ` +
        `type ${ids.typeId}, source ${ids.sourceId}.`,
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

function stopOnSignal(dwid: DwidEmulator, bms: BmsEmulator): void {
  const stop = (signal: NodeJS.Signals): void => {
    console.log(`\nReceived ${signal}; stopping the emulators.`);
    Promise.all([dwid.close(), bms.close()])
      .then(() => {
        getLogger('emulator').info({ signal }, 'Emulators stopped');
        process.exitCode = 0;
      })
      .catch((error: unknown) => {
        getLogger('emulator').error(
          { err: error },
          'Stopping emulators failed',
        );
        console.error('Stopping the emulators failed:', error);
        process.exitCode = 1;
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
