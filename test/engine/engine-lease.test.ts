import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { ConnectorService } from '../../main/service/connector-service';
import { SYNC_LOCK_FILE } from '../../main/store/sync-lock';
import { FAST_CLIENTS, startHarness, type Harness } from '../support/harness';
import { insertForeignLease } from '../support/foreign-lease';
import { duplicateUuids, eligibleUuids } from '../support/tickets';
import { waitFor } from '../support/wait-for';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function ledgerRows(h: Harness): number {
  return h.service.store.db
    .prepare<[], number>('SELECT COUNT(*) FROM deliveries')
    .pluck()
    .get() as number;
}

describe('engine lease', () => {
  it('rejects a sync while another engine holds it', async () => {
    const h = await startHarness({ compromises: 20 });
    harness = h;
    const expiresAt = insertForeignLease(h, 60_000);

    const sync = h.service.sync();

    await expect(sync).rejects.toMatchObject({ code: 'conflict' });
    await expect(sync).rejects.toThrow(/process 4242 on other-host/);
    await expect(sync).rejects.toThrow(expiresAt);
    expect(h.bms.tickets).toHaveLength(0);
    expect(ledgerRows(h)).toBe(0);
    expect(h.service.store.engineLease.get()?.id).toBe('foreign-engine');
  });

  it('delivers once the other engine released it', async () => {
    const h = await startHarness({ compromises: 20 });
    harness = h;
    insertForeignLease(h, 60_000);
    await expect(h.service.sync()).rejects.toMatchObject({ code: 'conflict' });

    h.service.store.db.prepare('DELETE FROM engine_lease').run();
    const report = await h.service.sync();

    expect(report.integrations[0]?.pending).toBe(0);
    expect(h.bms.tickets).toHaveLength(eligibleUuids(h).length);
    expect(h.service.store.engineLease.get()).toBeNull();
  });

  it('takes over an expired lease at once', async () => {
    const h = await startHarness({ compromises: 20 });
    harness = h;
    insertForeignLease(h, -1_000);

    const report = await h.service.sync();

    expect(report.integrations[0]?.pending).toBe(0);
    expect(h.bms.tickets).toHaveLength(eligibleUuids(h).length);
    expect(h.service.store.engineLease.get()).toBeNull();
  });

  it('guards delivery when the lock file is replaced', async () => {
    const h = await startHarness({ compromises: 40 });
    harness = h;
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
      // A deleted lock file is recreated as a new file with its own OS
      // lock, so only the lease keeps the second engine out.
      rmSync(join(h.dataDir, SYNC_LOCK_FILE));
      const ticketsBefore = h.bms.tickets.length;
      const holder = h.service.store.engineLease.get();

      await expect(other.sync({ concurrency: 1 })).rejects.toThrow(
        `lease ${holder?.id ?? 'missing'}`,
      );
      expect(h.bms.tickets).toHaveLength(ticketsBefore);
      await first;
      const second = await other.sync();

      expect(second.integrations[0]?.created).toBe(0);
      expect(duplicateUuids(h)).toEqual([]);
      expect(h.bms.tickets).toHaveLength(eligibleUuids(h).length);
    } finally {
      other.close();
    }
  });

  it('stops delivering when the lease is taken over', async () => {
    const h = await startHarness({ compromises: 40 });
    harness = h;
    h.bms.faults.add({
      kind: 'slow',
      path: '/v2/servicedesk/tickets',
      method: 'POST',
      delayMs: 1_000,
    });
    const first = h.service.sync({ concurrency: 1 });
    await waitFor(
      () => h.service.store.deliveries.counts(1).sending > 0,
      'a row in sending',
    );
    insertForeignLease(h, 60_000);

    await expect(first).rejects.toThrow(/lost its lease/);
    // The POST in flight completes; no later one starts.
    expect(h.bms.tickets).toHaveLength(1);
    expect(h.service.store.deliveries.counts(1).sending).toBe(0);
    expect(h.service.store.deliveries.counts(1).sent).toBe(1);
    expect(h.service.store.engineLease.get()?.id).toBe('foreign-engine');
  });
});
