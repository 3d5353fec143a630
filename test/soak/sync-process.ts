import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import type { SyncReport } from '../../main/engine/sync/run-sync';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD_ENTRY = join(REPO_ROOT, 'test', 'soak', 'sync-child.ts');

/** Interval at which a running child is checked for its kill trigger, in ms. */
const POLL_MS = 5;

/**
 * Maximum time a child sync may run before the soak kills it and counts it
 * as hung, in ms. In 30-round soaks with 600 compromises on 2 cores, no
 * sync took longer than 7 s.
 */
export const CHILD_TIME_LIMIT_MS = 90_000;

/** Condition on which a running child gets SIGKILL. */
export type KillTrigger = {
  /** Short description for the round log, such as `after 7 tickets`. */
  readonly label: string;
  readonly isDue: (elapsedMs: number) => boolean;
};

/** Action the soak takes once while the child runs, such as adding records. */
export type ChildAction = {
  readonly atMs: number;
  readonly run: () => void;
};

export type ChildRun = {
  /** Exit status, or null when a signal ended the child. */
  readonly exitCode: number | null;
  readonly killed: boolean;
  /** True when the child passed CHILD_TIME_LIMIT_MS and was killed for it. */
  readonly timedOut: boolean;
  readonly elapsedMs: number;
  /** Sync report from standard output, when the child finished its sync. */
  readonly report?: SyncReport;
  /** End of standard error, for the log of a failed child. */
  readonly stderrTail: string;
};

/**
 * Runs one sync in a child process (`test/soak/sync-child.ts`) and kills it
 * with SIGKILL once `trigger` is due. `action` runs once, at its time or
 * when the child exits, whichever comes first.
 */
export async function runSyncChild(
  dataDir: string,
  trigger?: KillTrigger,
  action?: ChildAction,
): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD_ENTRY, dataDir],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        ...(process.env.TMPDIR === undefined
          ? {}
          : { TMPDIR: process.env.TMPDIR }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2_000);
  });
  // Set by the close handler; undefined while the child runs.
  const status: { exitCode?: number | null } = {};
  const exited = new Promise<void>(resolve => {
    child.once('close', code => {
      status.exitCode = code;
      resolve();
    });
  });

  let killed = false;
  let timedOut = false;
  let actionDone = action === undefined;
  const maxPolls = Math.ceil(CHILD_TIME_LIMIT_MS / POLL_MS);
  for (
    let poll = 0;
    poll < maxPolls && status.exitCode === undefined;
    poll += 1
  ) {
    const elapsed = performance.now() - started;
    if (!actionDone && action !== undefined && elapsed >= action.atMs) {
      action.run();
      actionDone = true;
    }
    if (!killed && trigger?.isDue(elapsed) === true) {
      child.kill('SIGKILL');
      killed = true;
    }
    await delay(POLL_MS);
  }
  if (status.exitCode === undefined && !killed) {
    child.kill('SIGKILL');
    killed = true;
    timedOut = true;
  }
  await exited;
  if (!actionDone) action?.run();

  return {
    exitCode: status.exitCode ?? null,
    killed,
    timedOut,
    elapsedMs: performance.now() - started,
    report: parseReport(stdout),
    stderrTail: stderr.trim(),
  };
}

function parseReport(stdout: string): SyncReport | undefined {
  const line = stdout.trim().split('\n').pop();
  if (line === undefined || line === '') return undefined;
  try {
    return JSON.parse(line) as SyncReport;
  } catch {
    return undefined;
  }
}
