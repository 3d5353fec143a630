import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  CliWorkspace,
  integrationEntry,
  parseJson,
  startEmulators,
  stderrLines,
  validConfig,
  type CliResult,
  type Emulators,
} from './cli-process';

// Distinctive values that appear nowhere else, so any hit is a leak.
const DWID_CANARY = 'CanaryDwid-7f3a9c2e-Q4';
const BMS_CANARY = 'CanaryBms-5b1d0e88-K7';
const CANARIES = [DWID_CANARY, BMS_CANARY];

let emulators: Emulators;
let workspace: CliWorkspace;
const results: CliResult[] = [];

async function run(
  args: readonly string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<CliResult> {
  const result = await workspace.runWithData(args, options);
  results.push(result);
  return result;
}

/** Lists every file below `folder`, recursively. */
function listFiles(folder: string): string[] {
  return readdirSync(folder).flatMap(name => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

beforeAll(async () => {
  emulators = await startEmulators({
    dwidPassword: DWID_CANARY,
    bmsPassword: BMS_CANARY,
  });
  workspace = new CliWorkspace();
});

afterAll(async () => {
  await emulators.close();
  workspace.remove();
});

describe('dwid-bms secrets', () => {
  it('runs every command with the canary passwords', async () => {
    const file = workspace.writeFile(
      'config.json',
      validConfig(emulators.dwid.url, emulators.bms.url),
    );
    const stdinFile = workspace.writeFile('stdin.json', {
      source: { url: emulators.dwid.url, username: 'api@msp.example' },
      integrations: [
        integrationEntry('Main BMS', emulators.bms.url, {
          passwordEnv: undefined,
        }),
      ],
    });

    const applied = await run(['apply', file, '--json'], {
      env: emulators.passwordEnv,
    });
    const appliedFromStdin = await run(
      ['apply', stdinFile, '--password-stdin'],
      { input: `${DWID_CANARY}\n${BMS_CANARY}\n` },
    );
    const synced = await run(['sync', '--once', '--json']);
    const ticket = await run(['test-ticket', '--integration', 'Main BMS']);
    const reads = await Promise.all([
      run(['sync', '--once']),
      run(['deliveries', '--json']),
      run(['health', '--json']),
      run(['integration', 'list', '--json']),
    ]);

    expect(applied.status).toBe(0);
    expect(appliedFromStdin.status).toBe(0);
    expect(synced.status).toBe(0);
    expect(ticket.status).toBe(0);
    expect(reads.map(result => result.status)).toEqual([0, 0, 0, 0]);
    expect(emulators.bms.tickets.length).toBeGreaterThan(1);
  });

  it('exits with one line when the emulators are stopped', async () => {
    await emulators.close();

    const [synced, ticket] = await Promise.all([
      run(['sync', '--once', '--json']),
      run(['test-ticket', '--integration', 'Main BMS']),
    ]);
    await run(['health']);

    expect(synced.status).toBe(1);
    const syncLines = stderrLines(synced);
    expect(syncLines).toHaveLength(1);
    expect(syncLines[0]).toMatch(
      /^dwid-bms: The sync did not complete: Dark Web ID pull failed: Could not reach Dark Web ID/,
    );
    const output = parseJson<{ source: { error?: string } }>(synced);
    expect(output.source.error).toMatch(/ECONNREFUSED/);
    expect(ticket.status).toBe(1);
    const ticketLines = stderrLines(ticket);
    expect(ticketLines).toHaveLength(1);
    expect(ticketLines[0]).toMatch(/^dwid-bms: Could not reach Kaseya BMS/);
  });

  it('leaves no password in output, logs or database', () => {
    expect(results.length).toBe(11);
    for (const [index, result] of results.entries()) {
      for (const canary of CANARIES) {
        expect(result.stdout, `stdout of run ${index}`).not.toContain(canary);
        expect(result.stderr, `stderr of run ${index}`).not.toContain(canary);
      }
    }

    const logs = listFiles(join(workspace.dataDir, 'logs'));
    expect(logs.length).toBeGreaterThan(0);
    const database = readFileSync(join(workspace.dataDir, 'connector.db'));
    // The search does find text stored in clear, such as the user name.
    expect(database.includes(Buffer.from('svc@msp.example'))).toBe(true);
    const files = [
      ...logs,
      join(workspace.dataDir, 'connector.db'),
      join(workspace.dataDir, 'connector.db-wal'),
    ].filter(path => existsSync(path));
    for (const path of files) {
      const bytes = readFileSync(path);
      for (const canary of CANARIES) {
        expect(
          bytes.includes(Buffer.from(canary)),
          `${canary} in ${path}`,
        ).toBe(false);
        expect(
          bytes.includes(Buffer.from(canary, 'utf16le')),
          `${canary} as UTF-16 in ${path}`,
        ).toBe(false);
      }
    }
  });
});
