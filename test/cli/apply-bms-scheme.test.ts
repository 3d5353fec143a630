import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  CliWorkspace,
  parseJson,
  startEmulators,
  stderrLines,
  validConfig,
  type Emulators,
} from './cli-process';

let emulators: Emulators;
const workspaces: CliWorkspace[] = [];

beforeAll(async () => {
  emulators = await startEmulators({
    dwidPassword: 'dwid-scheme-Hk42wQ',
    bmsPassword: 'bms-scheme-Rt93nB',
  });
});

afterAll(async () => {
  await emulators.close();
  for (const workspace of workspaces) workspace.remove();
});

/** Loopback BMS URLs whose scheme is neither http: nor https:. */
const LOOPBACK_URLS: readonly (readonly [string, string])[] = [
  ['ftp://127.0.0.1:1', 'ftp:'],
  ['ws://[::1]:5', 'ws:'],
  ['foo://localhost:4100/x', 'foo:'],
];

describe.concurrent('dwid-bms apply bmsUrl scheme', () => {
  it.each(LOOPBACK_URLS)('rejects %s', async (bmsUrl, scheme) => {
    const workspace = new CliWorkspace();
    workspaces.push(workspace);
    const file = workspace.writeFile(
      'config.json',
      validConfig(emulators.dwid.url, bmsUrl),
    );

    const applied = await workspace.runWithData(['apply', file], {
      env: emulators.passwordEnv,
    });
    const list = await workspace.runWithData(['integration', 'list', '--json']);

    expect(applied.status).toBe(1);
    const problem = stderrLines(applied).find(line => line.includes('bmsUrl'));
    expect(problem).toContain(`unsupported scheme "${scheme}"`);
    expect(list.status).toBe(0);
    expect(parseJson<unknown[]>(list)).toEqual([]);
  });
});
