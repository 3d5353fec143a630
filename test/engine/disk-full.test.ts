import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';

import type { SyncReport } from '../../main/engine/sync/run-sync';
import { startHarness, type Harness } from '../support/harness';
import { duplicateUuids, eligibleUuids, ticketUuids } from '../support/tickets';

/** SQLite's own ceiling, which lifts the limit again. */
const UNLIMITED_PAGES = 1_073_741_823;
const FULL_DISK_MESSAGE = /disk that holds the database is full/;

/**
 * Caps the database at its current size plus `extraPages` pages, so the next
 * writes that need a new page fail with SQLITE_FULL, as on a full disk.
 */
function fillDiskAfter(harness: Harness, extraPages: number): void {
  const { db } = harness.service.store;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages + extraPages}`);
}

function freeDisk(harness: Harness): void {
  harness.service.store.db.pragma(`max_page_count = ${UNLIMITED_PAGES}`);
}

function stateCounts(harness: Harness): Record<string, number> {
  const rows = harness.service.store.db
    .prepare('SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state')
    .all() as { state: string; n: number }[];
  return Object.fromEntries(rows.map(row => [row.state, row.n]));
}

/** Syncs until done, then checks one ticket per eligible compromise. */
async function expectResumedExactlyOnce(harness: Harness): Promise<void> {
  await harness.service.sync();
  await harness.service.sync();

  expect(duplicateUuids(harness)).toEqual([]);
  expect(new Set(ticketUuids(harness))).toEqual(
    new Set(eligibleUuids(harness)),
  );
  expect(stateCounts(harness).sending ?? 0).toBe(0);
  expect(stateCounts(harness).pending ?? 0).toBe(0);
}

describe('disk full during a sync', () => {
  let harness: Harness | undefined;

  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it.each([0, 4, 20])(
    'stops the pull cleanly (%i free pages)',
    async extraPages => {
      harness = await startHarness({ compromises: 150 });
      fillDiskAfter(harness, extraPages);

      const report = await harness.service.sync();

      expect(report.source.error).toMatch(FULL_DISK_MESSAGE);
      expect(ticketUuids(harness)).toEqual([]);

      freeDisk(harness);
      await expectResumedExactlyOnce(harness);
    },
  );

  it('stops delivery and leaves no POST running', async () => {
    harness = await startHarness({ compromises: 150 });
    // Route every compromise into the ledger while BMS rejects tickets.
    harness.bms.faults.add({ kind: 'server-error', times: 10_000 });
    await harness.service.sync();
    harness.bms.faults.clear();
    // Slow POSTs keep other workers mid-request when the first one fails.
    harness.bms.faults.add({
      kind: 'slow',
      method: 'POST',
      delayMs: 150,
      times: 10_000,
    });
    fillDiskAfter(harness, 0);

    const report: SyncReport = await harness.service.sync();
    const ticketsAtReturn = harness.bms.tickets.length;
    // Any POST still running after the sync returned would land here.
    await sleep(300);

    expect(report.integrations[0]?.error).toMatch(FULL_DISK_MESSAGE);
    expect(ticketsAtReturn).toBeLessThan(eligibleUuids(harness).length);
    expect(harness.bms.tickets.length).toBe(ticketsAtReturn);

    harness.bms.faults.clear();
    freeDisk(harness);
    await expectResumedExactlyOnce(harness);
  });
});
