import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { ConnectorService } from '../../main/service/connector-service';
import { FAST_CLIENTS, startHarness, type Harness } from '../support/harness';
import { waitFor } from '../support/wait-for';
import { duplicateUuids, eligibleUuids } from '../support/tickets';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'dwid-bms.mjs');

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('overlapping syncs on one data folder', () => {
  it('rejects the second sync while a POST is in flight', async () => {
    const h = await startHarness({ compromises: 40 });
    harness = h;
    // The first ticket POST is held until the second sync has started, so
    // its row is in `sending` while the second sync runs.
    h.bms.faults.add({
      kind: 'slow',
      path: '/v2/servicedesk/tickets',
      method: 'POST',
      delayMs: 1_000,
    });
    const other = ConnectorService.open({
      dataDir: h.dataDir,
      clientTuning: FAST_CLIENTS,
    });
    try {
      const first = h.service.sync({ concurrency: 1 });
      await waitFor(
        () => h.service.store.deliveries.counts(1).sending > 0,
        'a row in sending',
      );

      await expect(other.sync({ concurrency: 1 })).rejects.toMatchObject({
        code: 'conflict',
      });
      const report = await first;

      expect(report.integrations[0]?.pending).toBe(0);
      expect(duplicateUuids(h)).toEqual([]);
      expect(h.bms.tickets).toHaveLength(eligibleUuids(h).length);
    } finally {
      other.close();
    }
  });

  it('allows the next sync once the first ends', async () => {
    const h = await startHarness({ compromises: 20 });
    harness = h;
    const other = ConnectorService.open({
      dataDir: h.dataDir,
      clientTuning: FAST_CLIENTS,
    });
    try {
      await h.service.sync();
      const second = await other.sync();

      expect(second.integrations[0]?.created).toBe(0);
      expect(duplicateUuids(h)).toEqual([]);
    } finally {
      other.close();
    }
  });

  it('takes over the lock of a killed sync', async () => {
    const h = await startHarness({ compromises: 60 });
    harness = h;
    h.bms.faults.add({
      kind: 'hang-after-store',
      path: '/v2/servicedesk/tickets',
      method: 'POST',
    });
    const child = spawn(
      process.execPath,
      [CLI, 'sync', '--once', '--data-dir', h.dataDir],
      { stdio: 'ignore' },
    );
    const exited = new Promise(resolve => child.once('exit', resolve));
    await waitFor(() => h.bms.faults.pending.length === 0, 'the hung POST');
    child.kill('SIGKILL');
    await exited;

    const report = await h.reopen().sync();

    expect(report.integrations[0]?.pending).toBe(0);
    expect(duplicateUuids(h)).toEqual([]);
    expect(h.bms.tickets).toHaveLength(eligibleUuids(h).length);
  });
});
