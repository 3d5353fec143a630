import { afterEach, describe, expect, it } from 'vitest';

import {
  CLAIM_BATCH_SIZE,
  DELIVERY_PAGE_SIZE,
} from '../../main/engine/sync/deliver';
import type { EngineEvent } from '../../main/engine/sync/events';
import { startHarness, type Harness } from '../support/harness';
import { duplicateUuids, eligibleUuids } from '../support/tickets';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('deliverPending paging', () => {
  it('delivers more than one ledger page', async () => {
    const h = await startHarness({ compromises: 2 * DELIVERY_PAGE_SIZE + 200 });
    harness = h;
    const eligible = eligibleUuids(h).length;
    expect(eligible).toBeGreaterThan(2 * DELIVERY_PAGE_SIZE);

    const progress: { done: number; total: number }[] = [];
    const report = await h.service.sync({
      onEvent: (event: EngineEvent) => {
        if (event.type === 'sync-progress' && event.phase === 'deliver') {
          progress.push({ done: event.done, total: event.total ?? -1 });
        }
      },
    });

    expect(report.integrations[0]?.created).toBe(eligible);
    expect(report.integrations[0]?.pending).toBe(0);
    expect(h.bms.tickets).toHaveLength(eligible);
    expect(duplicateUuids(h)).toEqual([]);
    expect(h.service.store.deliveries.counts(1).sending).toBe(0);
    expect(progress.at(-1)).toEqual({ done: eligible, total: eligible });
    for (const event of progress) expect(event.total).toBe(eligible);
  });
});

describe('deliverPending early stop', () => {
  it('returns unposted rows to pending', async () => {
    const h = await startHarness({ compromises: 2 * CLAIM_BATCH_SIZE });
    harness = h;
    h.bms.faults.add({
      kind: 'server-error',
      path: '/v2/servicedesk/tickets',
      method: 'POST',
      times: 1000,
    });

    const report = await h.service.sync();
    const item = report.integrations[0];
    expect(item?.health).toBe('unhealthy');
    expect(item?.created).toBe(0);

    const rows = h.service.store.deliveries
      .list({ integrationId: 1, limit: 10 * CLAIM_BATCH_SIZE })
      .filter(row => row.state !== 'skipped');
    const posts = h.bms.requests.filter(
      r => r.method === 'POST' && r.path === '/v2/servicedesk/tickets',
    );
    // Only rows whose POST was sent count an attempt, so the rows a worker
    // had moved to sending before the stop were released.
    const attempted = rows.filter(row => row.attempts > 0);
    expect(attempted).toHaveLength(item?.failed ?? -1);
    expect(attempted.length).toBeLessThanOrEqual(posts.length);
    expect(rows.filter(row => row.attempts === 0).length).toBeGreaterThan(0);
    for (const row of rows.filter(r => r.attempts === 0)) {
      expect(row.state, row.compromiseUuid).toBe('pending');
    }
  });
});
