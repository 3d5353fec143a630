import { afterAll, describe, expect, it } from 'vitest';

import { CliWorkspace, parseJson, stderrLines } from './cli-process';

const workspace = new CliWorkspace();

afterAll(() => workspace.remove());

/** Each command as typed, with the options its help must list. */
const COMMANDS: readonly (readonly [string[], string[]])[] = [
  [['apply'], ['--password-stdin', '--json']],
  [['integration', 'list'], ['--json']],
  [['sync'], ['--once', '--interval <minutes>', '--json']],
  [['test-ticket'], ['--integration <name>', '--json']],
  [
    ['deliveries'],
    ['--integration <name>', '--state <state>', '--limit <n>', '--json'],
  ],
  [['health'], ['--json']],
  [['serve'], ['--port <n>', '--json']],
  [
    ['demo'],
    [
      '--compromises <n>',
      '--organizations <n>',
      '--seed <n>',
      '--serve',
      '--port <n>',
      '--json',
    ],
  ],
];

describe.concurrent('dwid-bms --help', () => {
  it('lists every command and the data folder option', async () => {
    const result = await workspace.run(['--help']);

    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    for (const command of [
      'apply',
      'integration',
      'sync',
      'test-ticket',
      'deliveries',
      'health',
      'serve',
      'demo',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    expect(result.stdout).toContain('--data-dir <dir>');
  });

  it.each(COMMANDS)('%j --help lists its options', async (command, options) => {
    const result = await workspace.run([...command, '--help']);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Usage: dwid-bms ${command.join(' ')}`);
    for (const option of options) {
      expect(result.stdout).toContain(option);
    }
  });
});

describe.concurrent('dwid-bms failures', () => {
  it('rejects a missing configuration file', async () => {
    const missing = `${workspace.root}/missing.json`;

    const result = await workspace.runWithData(['apply', missing]);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = stderrLines(result);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^dwid-bms: Cannot read configuration file /);
    expect(lines[0]).toContain(missing);
  });

  it('rejects a file that is not JSON', async () => {
    const file = workspace.writeFile('broken.json', '{"integrations": [');

    const result = await workspace.runWithData(['apply', file, '--json']);

    expect(result.status).toBe(1);
    const lines = stderrLines(result);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^dwid-bms: Configuration file .* is not valid JSON/,
    );
    const output = parseJson<{ ok: boolean; error: { code: string } }>(result);
    expect(output.ok).toBe(false);
    expect(output.error.code).toBe('validation');
  });

  it('rejects an invalid demo option', async () => {
    const result = await workspace.runWithData([
      'demo',
      '--compromises',
      'abc',
    ]);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(stderrLines(result)).toEqual([
      'dwid-bms: Invalid --compromises "abc"; use a whole number of at least 0',
    ]);
  });

  it('rejects test-ticket without --integration', async () => {
    const result = await workspace.runWithData(['test-ticket']);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("required option '--integration <name>'");
  });
});
