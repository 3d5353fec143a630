import { afterEach, describe, expect, it } from 'vitest';

import { buildDemoSeed } from '../../main/emulators/seed';
import type { EngineEvent } from '../../main/engine/sync/events';
import { startHarness, type Harness } from '../support/harness';
import { insertForeignLease } from '../support/foreign-lease';
import { duplicateUuids, eligibleUuids } from '../support/tickets';
import { waitFor } from '../support/wait-for';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const TICKETS = '/v2/servicedesk/tickets';

function ticketPosts(h: Harness): number {
  return h.bms.requests.filter(r => r.method === 'POST' && r.path === TICKETS)
    .length;
}

function attemptsTotal(h: Harness): number {
  return h.service.store.db
    .prepare<[], number>('SELECT COALESCE(SUM(attempts), 0) FROM deliveries')
    .pluck()
    .get() as number;
}

function stateCounts(h: Harness): Record<string, number> {
  const rows = h.service.store.db
    .prepare('SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state')
    .all() as { state: string; n: number }[];
  return Object.fromEntries(rows.map(row => [row.state, row.n]));
}

function unpostedNotPending(h: Harness): number {
  return h.service.store.db
    .prepare<[], number>(
      `SELECT COUNT(*) FROM deliveries
       WHERE attempts = 0 AND state NOT IN ('pending', 'skipped')`,
    )
    .pluck()
    .get() as number;
}

/** Makes the BMS emulator wait `delayMs` before it responds to each ticket POST. */
function slowTicketPosts(h: Harness, delayMs: number): void {
  h.bms.faults.add({
    kind: 'slow',
    path: TICKETS,
    method: 'POST',
    delayMs,
    times: 10_000,
  });
}

describe('delivery stops and progress', () => {
  it('health stop mid-run keeps attempts exact', async () => {
    const h = await startHarness({ compromises: 400 });
    harness = h;
    slowTicketPosts(h, 5);
    let armed = false;
    const report = await h.service.sync({
      onEvent: (event: EngineEvent) => {
        if (
          !armed &&
          event.type === 'sync-progress' &&
          event.phase === 'deliver' &&
          event.done >= 50
        ) {
          armed = true;
          h.bms.faults.add({
            kind: 'server-error',
            path: TICKETS,
            method: 'POST',
            times: 10_000,
          });
        }
      },
    });
    const item = report.integrations[0];

    expect(item?.health).toBe('unhealthy');
    expect(attemptsTotal(h)).toBe(ticketPosts(h));
    expect(unpostedNotPending(h)).toBe(0);
    expect(stateCounts(h).sent).toBe(h.bms.tickets.length);
    expect(stateCounts(h).sending).toBe(item?.failed);
    expect(stateCounts(h).pending).toBeGreaterThan(0);

    h.bms.faults.clear();
    await h.service.sync();
    expect(duplicateUuids(h)).toEqual([]);
    expect(h.bms.tickets).toHaveLength(eligibleUuids(h).length);
  });

  it('lease loss with four workers', async () => {
    const h = await startHarness({ compromises: 300 });
    harness = h;
    slowTicketPosts(h, 40);
    const first = h.service.sync({ concurrency: 4 });
    await waitFor(() => h.bms.tickets.length >= 70, '70 tickets');
    insertForeignLease(h, 60_000);

    await expect(first).rejects.toThrow(/lost its lease/);

    expect(attemptsTotal(h)).toBe(ticketPosts(h));
    expect(stateCounts(h).sending ?? 0).toBe(0);
    expect(stateCounts(h).sent).toBe(h.bms.tickets.length);
    expect(unpostedNotPending(h)).toBe(0);
  });

  it('progress completes with missing locations', async () => {
    const seed = buildDemoSeed({
      seed: 7,
      organizations: 12,
      compromises: 300,
    });
    const missing = new Set([2001, 2007]);
    const h = await startHarness({
      compromises: 300,
      bmsOptions: {
        locations: seed.bms.locations.filter(l => !missing.has(l.accountId)),
      },
    });
    harness = h;
    const progress: { done: number; total: number }[] = [];
    const report = await h.service.sync({
      onEvent: (event: EngineEvent) => {
        if (event.type === 'sync-progress' && event.phase === 'deliver') {
          progress.push({ done: event.done, total: event.total ?? -1 });
        }
      },
    });
    const item = report.integrations[0];
    const last = progress.at(-1);

    expect(item?.error).toBeUndefined();
    expect(last?.done).toBe(last?.total);
    expect(item?.created).toBe(h.bms.tickets.length);
    expect(stateCounts(h).sending ?? 0).toBe(0);
    expect(attemptsTotal(h)).toBe(ticketPosts(h));
  });
});
