import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

import { ConnectorService } from '../../main/service/connector-service';
import { acquireSyncLock, SYNC_LOCK_FILE } from '../../main/store/sync-lock';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'dwid-bms.mjs');
const CONFLICT_LINE =
  'dwid-bms: The sync failed: Another sync is already running';

let dataDir: string | undefined;

afterEach(() => {
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

it('sync --interval survives a run that cannot start', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dwid-bms-interval-'));
  ConnectorService.open({ dataDir }).close();
  const lock = acquireSyncLock(join(dataDir, SYNC_LOCK_FILE));
  // 0.001 minutes is 60 ms between runs.
  const child = spawn(
    process.execPath,
    [CLI, 'sync', '--interval', '0.001', '--data-dir', dataDir],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH } },
  );
  let stderr = '';
  let exitStatus: number | null | undefined;
  const exited = new Promise<void>(resolve =>
    child.once('exit', code => {
      exitStatus = code;
      resolve();
    }),
  );
  const secondRun = new Promise<void>(resolve => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.split(CONFLICT_LINE).length > 2) resolve();
    });
  });
  try {
    await Promise.race([secondRun, exited]);
  } finally {
    child.kill('SIGTERM');
    lock.release();
  }
  await exited;

  expect(stderr.split(CONFLICT_LINE).length - 1).toBeGreaterThanOrEqual(2);
  expect(exitStatus).toBeNull();
});
