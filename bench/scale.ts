import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import {
  buildEligibleSeed,
  createCredentials,
  createDataDir,
  removeDataDir,
  startBenchBms,
  startBenchDwid,
} from './bench-setup';
import { taskEnvironment } from './child-task';
import type {
  ReadyChildResult,
  ScaleChildResult,
  ScaleChildTask,
  SyncChildResult,
} from './scale-child';

export type ScaleResult = {
  readonly compromises: number;
  readonly sync: SyncChildResult;
  readonly ready: ReadyChildResult;
};

const CHILD_FILE = fileURLToPath(new URL('./scale-child.ts', import.meta.url));

/** Upper bound on one child run, after which it is killed. */
const CHILD_TIMEOUT_MS = 30 * 60 * 1000;

/** Runs scale-child.ts in a new Node process and returns its one result. */
function runChild(task: ScaleChildTask): Promise<ScaleChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD_FILE, [], {
      env: taskEnvironment(task),
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: ScaleChildResult | undefined;
    const timer = setTimeout(() => child.kill(), CHILD_TIMEOUT_MS);
    child.on('message', message => {
      result = message as ScaleChildResult;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result !== undefined) {
        resolve(result);
        return;
      }
      reject(
        new Error(
          `The scale child (${task.mode}) exited with code ${code} and ` +
            `signal ${signal} before it sent a result.`,
        ),
      );
    });
  });
}

/**
 * Syncs `compromises` compromises in a child process while it samples its
 * memory and database size, then opens the filled database in a second
 * child and times how long it takes to be ready to deliver.
 */
export async function measureScale(compromises: number): Promise<ScaleResult> {
  const seed = buildEligibleSeed(compromises);
  const credentials = createCredentials();
  const dwid = await startBenchDwid(seed, credentials);
  const bms = await startBenchBms(seed, credentials);
  const dataDir = createDataDir('scale');
  try {
    const sync = await runChild({
      mode: 'sync',
      dataDir,
      dwidUrl: dwid.url,
      bmsUrl: bms.url,
      credentials,
      sampleIntervalMs: 50,
    });
    const ready = await runChild({ mode: 'ready', dataDir });
    if (sync.mode !== 'sync' || ready.mode !== 'ready') {
      throw new Error('The scale child sent a result of the wrong mode.');
    }
    return { compromises, sync, ready };
  } finally {
    await Promise.all([dwid.close(), bms.close()]);
    removeDataDir(dataDir);
  }
}
