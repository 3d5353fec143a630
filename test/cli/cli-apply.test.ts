import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  CliWorkspace,
  integrationEntry,
  parseJson,
  seedFieldMappings,
  startEmulators,
  stderrLines,
  validConfig,
  type Emulators,
} from './cli-process';

type IntegrationListItem = {
  name: string;
  bmsUrl: string;
  username: string;
  company: string;
  hasPassword: boolean;
  health: string;
};

type ProblemOutput = {
  ok: boolean;
  error: {
    code: string;
    message: string;
    problems: { path: string; message: string }[];
  };
};

const DWID_PASSWORD = 'dwid-apply-Zq81vX';
const BMS_PASSWORD = 'bms-apply-Lm27pY';

let emulators: Emulators;
const workspaces: CliWorkspace[] = [];

function newWorkspace(): CliWorkspace {
  const workspace = new CliWorkspace();
  workspaces.push(workspace);
  return workspace;
}

beforeAll(async () => {
  emulators = await startEmulators({
    dwidPassword: DWID_PASSWORD,
    bmsPassword: BMS_PASSWORD,
  });
});

afterAll(async () => {
  await emulators.close();
  for (const workspace of workspaces) workspace.remove();
});

/**
 * Builds a configuration with one problem of each kind next to a valid
 * integration, and lists the path and part of the message of each problem.
 */
function invalidConfig() {
  const bmsUrl = emulators.bms.url;
  const config = {
    extra: true,
    source: {
      url: emulators.dwid.url,
      username: 'api@msp.example',
      passwordEnv: 'DWID_PASSWORD',
    },
    integrations: [
      integrationEntry('', bmsUrl, { organizations: ['Contoso Ltd'] }),
      integrationEntry('Dup', 'http://bms.example.com', {
        fieldMappings: {
          ...seedFieldMappings(),
          Title: 'Leak of [pasword]',
          Status: '',
        },
        organizations: ['Northwind Traders'],
      }),
      integrationEntry('Dup', 'not a url', {
        passwordEnv: 'DWID_BMS_UNSET_VARIABLE',
        fieldMappings: {
          ...seedFieldMappings(),
          Queue: '',
          'Bogus Field': '1',
        },
        organizations: ['Fabrikam'],
      }),
      integrationEntry('Other', bmsUrl, {
        organizations: ['Northwind Traders'],
      }),
      integrationEntry('Main BMS', bmsUrl, {
        company: 'Changed MSP',
        organizations: ['Tailspin Toys'],
      }),
    ],
  };
  const problems: [string, string][] = [
    ['(file)', 'Unrecognized key: "extra"'],
    ['integrations[0].name', 'must not be empty'],
    [
      'integrations[1] ("Dup").bmsUrl',
      'plain http:// would send the password unencrypted',
    ],
    [
      'integrations[1] ("Dup").fieldMappings["Title"]',
      '[pasword] is not a known token. Did you mean [password]?',
    ],
    [
      'integrations[1] ("Dup").fieldMappings["Status"]',
      'required mapping is empty',
    ],
    ['integrations[2] ("Dup").bmsUrl', 'it is not a host name or URL'],
    [
      'integrations[2] ("Dup").passwordEnv',
      'environment variable DWID_BMS_UNSET_VARIABLE is not set',
    ],
    [
      'integrations[2] ("Dup").fieldMappings["Queue"]',
      'Queue and Assignee are both empty',
    ],
    [
      'integrations[2] ("Dup").fieldMappings["Bogus Field"]',
      'unknown ticket field',
    ],
    [
      'integrations[2] ("Dup").name',
      'duplicates integrations[1]; integration names must be unique, ignoring letter case, spacing and character forms',
    ],
    [
      'integrations[3] ("Other").organizations',
      '"Northwind Traders" is already associated with "Dup"',
    ],
  ];
  return { config, problems };
}

async function listIntegrations(
  workspace: CliWorkspace,
): Promise<IntegrationListItem[]> {
  const result = await workspace.runWithData(['integration', 'list', '--json']);
  expect(result.status).toBe(0);
  return parseJson<IntegrationListItem[]>(result);
}

describe.concurrent('dwid-bms apply', () => {
  it('accepts --data-dir before and after the command', async () => {
    const workspace = newWorkspace();
    const file = workspace.writeFile(
      'config.json',
      validConfig(emulators.dwid.url, emulators.bms.url),
    );

    const applied = await workspace.run(
      ['--data-dir', workspace.dataDir, 'apply', file],
      { env: emulators.passwordEnv },
    );
    const listedAfter = await workspace.run([
      'integration',
      'list',
      '--json',
      '--data-dir',
      workspace.dataDir,
    ]);
    const listedWithEquals = await workspace.run([
      `--data-dir=${workspace.dataDir}`,
      'integration',
      'list',
      '--json',
    ]);
    const listedElsewhere = await workspace.run([
      'integration',
      'list',
      '--json',
      '--data-dir',
      join(workspace.root, 'other-data'),
    ]);

    expect(applied.status).toBe(0);
    expect(
      parseJson<IntegrationListItem[]>(listedAfter).map(i => i.name),
    ).toEqual(['Main BMS']);
    expect(
      parseJson<IntegrationListItem[]>(listedWithEquals).map(i => i.name),
    ).toEqual(['Main BMS']);
    expect(parseJson<IntegrationListItem[]>(listedElsewhere)).toEqual([]);
  });

  it('stores the source and an integration', async () => {
    const workspace = newWorkspace();
    const file = workspace.writeFile(
      'config.json',
      validConfig(emulators.dwid.url, emulators.bms.url),
    );

    const first = await workspace.runWithData(['apply', file], {
      env: emulators.passwordEnv,
    });
    const second = await workspace.runWithData(['apply', file, '--json'], {
      env: emulators.passwordEnv,
    });
    const list = await workspace.runWithData(['integration', 'list', '--json']);

    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(
      'Saved the Dark Web ID connection\nCreated integration "Main BMS"\n',
    );
    expect(second.status).toBe(0);
    expect(parseJson(second)).toEqual({
      source: 'saved',
      integrations: [{ name: 'Main BMS', created: false }],
    });
    expect(list.status).toBe(0);
    const items = parseJson<IntegrationListItem[]>(list);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      name: 'Main BMS',
      bmsUrl: emulators.bms.url,
      username: 'svc@msp.example',
      company: 'Example MSP',
      hasPassword: true,
      health: 'healthy',
    });
    expect(Object.keys(items[0] ?? {})).not.toContain('password');
    for (const output of [first, second, list]) {
      expect(output.stdout + output.stderr).not.toContain(DWID_PASSWORD);
      expect(output.stdout + output.stderr).not.toContain(BMS_PASSWORD);
    }
  });

  it('names every problem and writes nothing', async () => {
    const workspace = newWorkspace();
    const { config, problems } = invalidConfig();
    const file = workspace.writeFile('invalid.json', config);

    const text = await workspace.runWithData(['apply', file], {
      env: emulators.passwordEnv,
    });
    const json = await workspace.runWithData(['apply', file, '--json'], {
      env: emulators.passwordEnv,
    });

    expect(text.status).toBe(1);
    expect(text.stdout).toBe('');
    const lines = stderrLines(text);
    expect(lines[0]).toBe(
      `dwid-bms: The configuration has ${problems.length} problem(s); nothing was changed:`,
    );
    expect(lines).toHaveLength(problems.length + 1);
    for (const [path, message] of problems) {
      expect(
        lines.some(
          line => line.startsWith(`  ${path}: `) && line.includes(message),
        ),
        `stderr names ${path}: ${message}`,
      ).toBe(true);
    }

    expect(json.status).toBe(1);
    const output = parseJson<ProblemOutput>(json);
    expect(output.ok).toBe(false);
    expect(output.error.code).toBe('validation');
    expect(output.error.problems.map(p => p.path).sort()).toEqual(
      problems.map(([path]) => path).sort(),
    );
    for (const [path, message] of problems) {
      const found = output.error.problems.find(p => p.path === path);
      expect(found?.message, path).toContain(message);
    }

    expect(await listIntegrations(workspace)).toEqual([]);
  });

  it('keeps a stored integration when a later file is invalid', async () => {
    const workspace = newWorkspace();
    const valid = workspace.writeFile(
      'config.json',
      validConfig(emulators.dwid.url, emulators.bms.url),
    );
    const applied = await workspace.runWithData(['apply', valid], {
      env: emulators.passwordEnv,
    });
    expect(applied.status).toBe(0);
    const before = await listIntegrations(workspace);

    const invalid = workspace.writeFile('invalid.json', invalidConfig().config);
    const rejected = await workspace.runWithData(['apply', invalid], {
      env: emulators.passwordEnv,
    });

    expect(rejected.status).toBe(1);
    const after = await listIntegrations(workspace);
    expect(after).toEqual(before);
    expect(after.map(item => item.company)).toEqual(['Example MSP']);
  });

  it('rejects a stored name in another case', async () => {
    const workspace = newWorkspace();
    const first = workspace.writeFile(
      'first.json',
      validConfig(emulators.dwid.url, emulators.bms.url, 'Main BMS'),
    );
    const applied = await workspace.runWithData(['apply', first], {
      env: emulators.passwordEnv,
    });
    expect(applied.status).toBe(0);

    const second = workspace.writeFile(
      'second.json',
      validConfig(emulators.dwid.url, emulators.bms.url, 'main bms'),
    );
    const rejected = await workspace.runWithData(['apply', second], {
      env: emulators.passwordEnv,
    });

    expect(rejected.status).toBe(1);
    expect(rejected.stderr).toContain(
      'differs from the existing integration "Main BMS" only in letter case, spacing or character forms',
    );
    const names = (await listIntegrations(workspace)).map(item => item.name);
    expect(names).toEqual(['Main BMS']);
  });

  it('reads passwords from standard input', async () => {
    const workspace = newWorkspace();
    const file = workspace.writeFile('stdin.json', {
      source: { url: emulators.dwid.url, username: 'api@msp.example' },
      integrations: [
        integrationEntry('Main BMS', emulators.bms.url, {
          passwordEnv: undefined,
        }),
      ],
    });

    const applied = await workspace.runWithData(
      ['apply', file, '--password-stdin'],
      { input: `${DWID_PASSWORD}\n${BMS_PASSWORD}\n` },
    );
    const list = await listIntegrations(workspace);
    const ticketsBefore = emulators.bms.tickets.length;
    const ticket = await workspace.runWithData([
      'test-ticket',
      '--integration',
      'Main BMS',
      '--json',
    ]);

    expect(applied.status).toBe(0);
    expect(applied.stderr).toBe('');
    expect(list.map(item => item.hasPassword)).toEqual([true]);
    // The BMS password read from standard input works.
    expect(ticket.status).toBe(0);
    expect(emulators.bms.tickets).toHaveLength(ticketsBefore + 1);
    for (const output of [applied, ticket]) {
      expect(output.stdout + output.stderr).not.toContain(DWID_PASSWORD);
      expect(output.stdout + output.stderr).not.toContain(BMS_PASSWORD);
    }
  });

  it('names the entry whose password is missing on standard input', async () => {
    const workspace = newWorkspace();
    const file = workspace.writeFile('stdin.json', {
      source: { url: emulators.dwid.url, username: 'api@msp.example' },
      integrations: [
        integrationEntry('Main BMS', emulators.bms.url, {
          passwordEnv: undefined,
        }),
      ],
    });

    const applied = await workspace.runWithData(
      ['apply', file, '--password-stdin'],
      { input: `${DWID_PASSWORD}\n` },
    );

    expect(applied.status).toBe(1);
    const lines = stderrLines(applied);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^ {2}integrations\[0\] \("Main BMS"\)\.passwordEnv: no password/,
    );
    expect(applied.stderr).not.toContain(DWID_PASSWORD);
    expect(await listIntegrations(workspace)).toEqual([]);
  });
});
