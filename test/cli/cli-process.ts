import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { BmsEmulator } from '../../main/emulators/bms/bms-emulator';
import type { DwidEmulator } from '../../main/emulators/dwid/dwid-emulator';
import type { DemoSeed } from '../../main/emulators/seed';
import {
  demoFieldMappings,
  EMULATOR_BMS_TENANT,
  EMULATOR_BMS_USERNAME,
  EMULATOR_DWID_USERNAME,
  startSeededEmulators,
} from '../../main/emulators/seeded-emulators';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI_ENTRY = join(REPO_ROOT, 'bin', 'dwid-bms.mjs');

export const DWID_USERNAME = EMULATOR_DWID_USERNAME;
export const BMS_USERNAME = EMULATOR_BMS_USERNAME;
export const BMS_TENANT = EMULATOR_BMS_TENANT;

/** Exit status and output of one finished `dwid-bms` process. */
export type CliResult = {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
};

export type CliRunOptions = {
  /** Variables added to the child's minimal environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Text written to standard input, which is then closed. */
  readonly input?: string;
};

/**
 * A temporary folder for one test file: the data folder, configuration files
 * and a home folder, so the CLI never reads or writes the user's own files.
 */
export class CliWorkspace {
  readonly root = mkdtempSync(join(tmpdir(), 'dwid-bms-cli-'));
  readonly dataDir = join(this.root, 'data');

  /** Writes `content` (JSON unless it is a string) and returns its path. */
  writeFile(name: string, content: unknown): string {
    const file = join(this.root, name);
    writeFileSync(
      file,
      typeof content === 'string' ? content : JSON.stringify(content, null, 2),
    );
    return file;
  }

  /** Runs `node bin/dwid-bms.mjs ARGS` and waits for it to exit. */
  run(
    args: readonly string[],
    options: CliRunOptions = {},
  ): Promise<CliResult> {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: this.root,
      XDG_CONFIG_HOME: join(this.root, 'config'),
      ...options.env,
    };
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI_ENTRY, ...args], {
        cwd: REPO_ROOT,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk: string) => {
        stderr += chunk;
      });
      child.on('error', reject);
      child.on('close', status => resolve({ status, stdout, stderr }));
      child.stdin.end(options.input ?? '');
    });
  }

  /** Runs the CLI on this workspace's data folder. */
  runWithData(
    args: readonly string[],
    options: CliRunOptions = {},
  ): Promise<CliResult> {
    return this.run([...args, '--data-dir', this.dataDir], options);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Seeded emulators of both services and the passwords they accept. */
export type Emulators = {
  readonly seed: DemoSeed;
  readonly dwid: DwidEmulator;
  readonly bms: BmsEmulator;
  readonly dwidPassword: string;
  readonly bmsPassword: string;
  /** Environment for `passwordEnv: DWID_PASSWORD` and `BMS_PASSWORD`. */
  readonly passwordEnv: Readonly<Record<string, string>>;
  close(): Promise<void>;
};

export async function startEmulators(options: {
  readonly dwidPassword: string;
  readonly bmsPassword: string;
  readonly organizations?: number;
  readonly compromises?: number;
}): Promise<Emulators> {
  const emulators = await startSeededEmulators({
    seed: {
      seed: 11,
      organizations: options.organizations ?? 8,
      compromises: options.compromises ?? 40,
    },
    dwidPassword: options.dwidPassword,
    bmsPassword: options.bmsPassword,
  });
  const { seed, dwid, bms } = emulators;
  return {
    seed,
    dwid,
    bms,
    dwidPassword: options.dwidPassword,
    bmsPassword: options.bmsPassword,
    passwordEnv: {
      DWID_PASSWORD: options.dwidPassword,
      BMS_PASSWORD: options.bmsPassword,
    },
    close: () => emulators.close(),
  };
}

/** Field mappings that route every ticket of the demo seed. */
export function seedFieldMappings(): Record<string, string> {
  return demoFieldMappings();
}

/** Returns one valid integration entry of a configuration file. */
export function integrationEntry(
  name: string,
  bmsUrl: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name,
    bmsUrl,
    username: BMS_USERNAME,
    passwordEnv: 'BMS_PASSWORD',
    company: BMS_TENANT,
    fieldMappings: seedFieldMappings(),
    organizations: '*',
    ...extra,
  };
}

/** Returns a valid configuration with the source and one integration. */
export function validConfig(
  dwidUrl: string,
  bmsUrl: string,
  integrationName = 'Main BMS',
): Record<string, unknown> {
  return {
    source: {
      url: dwidUrl,
      username: DWID_USERNAME,
      passwordEnv: 'DWID_PASSWORD',
    },
    integrations: [integrationEntry(integrationName, bmsUrl)],
  };
}

/** Parses standard output as one JSON document. */
export function parseJson<T>(result: CliResult): T {
  return JSON.parse(result.stdout) as T;
}

/** Splits standard error into its non-empty lines. */
export function stderrLines(result: CliResult): string[] {
  return result.stderr.split('\n').filter(line => line !== '');
}
