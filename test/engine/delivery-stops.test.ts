import { afterEach, describe, expect, it } from 'vitest';

import { buildDemoSeed } from '../../main/emulators/seed';
import type { EngineEvent } from '../../main/engine/sync/events';
import { startHarness, type Harness } from '../support/harness';
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

function insertForeignLease(h: Harness): void {
  const expiresAt = new Date(Date.now() + 60_000).toISOString();
  h.service.store.db
    .prepare(
      `INSERT INTO engine_lease (id, holder_id, holder_host, holder_pid,
         acquired_at, expires_at) VALUES (1, 'foreign-engine', 'other-host',
         4242, ?, ?)
       ON CONFLICT (id) DO UPDATE SET holder_id = excluded.holder_id,
         holder_host = excluded.holder_host, holder_pid = excluded.holder_pid,
         expires_at = excluded.expires_at`,
    )
    .run(new Date().toISOString(), expiresAt);
}

describe('delivery stops and progress', () => {
  it('health stop mid-run keeps attempts exact', async () => {
    const h = await startHarness({ compromises: 400 });
    harness = h;
    h.bms.faults.add({
      kind: 'slow',
      path: TICKETS,
      method: 'POST',
      delayMs: 5,
      times: 10_000,
    });
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
    h.bms.faults.add({
      kind: 'slow',
      path: TICKETS,
      method: 'POST',
      delayMs: 40,
      times: 10_000,
    });
    const first = h.service.sync({ concurrency: 4 });
    await waitFor(() => h.bms.tickets.length >= 70, '70 tickets');
    insertForeignLease(h);

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
