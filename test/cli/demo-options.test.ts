import { execFile, type ExecFileException } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

import { CliWorkspace, parseJson } from './cli-process';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI_ENTRY = join(REPO_ROOT, 'bin', 'dwid-bms.mjs');

/**
 * A rejected option needs only the CLI's start-up time, a few seconds at
 * most. A process still running after this much longer limit is killed, so
 * a hang fails the test on its exit status instead of blocking the run.
 */
const PROCESS_TIMEOUT_MS = 25_000;
const TEST_TIMEOUT_MS = 60_000;

const workspace = new CliWorkspace();

afterAll(() => workspace.remove());

type DemoResult = {
  readonly status: number | null;
  readonly killed: boolean;
  readonly stdout: string;
  readonly stderr: string;
};

/**
 * Runs `dwid-bms demo ARGS` on the workspace, killing it after
 * PROCESS_TIMEOUT_MS. CliWorkspace.run has no time limit, and a hung demo
 * would keep its emulators listening.
 */
function runDemo(args: readonly string[]): Promise<DemoResult> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: workspace.root,
    XDG_CONFIG_HOME: join(workspace.root, 'config'),
  };
  const argv = [CLI_ENTRY, 'demo', ...args, '--data-dir', workspace.dataDir];
  return new Promise(resolve => {
    execFile(
      process.execPath,
      argv,
      {
        cwd: REPO_ROOT,
        env,
        timeout: PROCESS_TIMEOUT_MS,
        killSignal: 'SIGKILL',
      },
      (error, stdout, stderr) => {
        resolve({
          status: exitStatus(error),
          killed: error?.killed === true,
          stdout,
          stderr,
        });
      },
    );
  });
}

/** Returns the exit code, or null when a signal ended the process. */
function exitStatus(error: ExecFileException | null): number | null {
  if (error === null) return 0;
  if (typeof error.code === 'number') return error.code;
  return null;
}

/** Small seed, so that a demo that wrongly runs still ends quickly. */
const SMALL_SEED = ['--compromises', '5', '--organizations', '6'];

const INVALID_PORT: readonly (readonly [string[], RegExp])[] = [
  [['--serve', '--port', 'abc'], /Invalid --port "abc"; use a whole number/],
  [['--serve', '--port', '70000'], /Invalid --port "70000"; use a whole/],
  [['--serve', '--port', '-1'], /Invalid --port "-1"; use a whole number/],
  [['--port', '8080'], /--port only applies with --serve/],
  [['--port', 'abc'], /--port only applies with --serve/],
];

describe.concurrent('dwid-bms demo options', () => {
  it.each(INVALID_PORT)(
    '%j exits with status 1',
    async (args, message) => {
      const result = await runDemo([...SMALL_SEED, ...args]);

      expect(result.killed, 'demo still running, so it was killed').toBe(false);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'names the fix for --port without --serve',
    async () => {
      const result = await runDemo([...SMALL_SEED, '--port', '8080']);

      expect(result.status).toBe(1);
      expect(result.stderr).toContain('--port "8080"');
      expect(result.stderr).toContain('add --serve or remove --port');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'reports an invalid --port as JSON',
    async () => {
      const result = await runDemo([
        ...SMALL_SEED,
        '--serve',
        '--port',
        'abc',
        '--json',
      ]);

      expect(result.killed, 'demo still running, so it was killed').toBe(false);
      expect(result.status).toBe(1);
      const output = parseJson<{ ok: boolean; error: { code: string } }>(
        result,
      );
      expect(output.ok).toBe(false);
      expect(output.error.code).toBe('validation');
    },
    TEST_TIMEOUT_MS,
  );
});
