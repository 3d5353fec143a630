import { afterEach, describe, expect, it } from 'vitest';

import { CLAIM_BATCH_SIZE } from '../../main/engine/sync/deliver';
import type { EngineEvent } from '../../main/engine/sync/events';
import {
  INTEGRATION,
  seedMappings,
  startHarness,
  type Harness,
} from '../support/harness';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const SECOND = 'Second BMS';

/**
 * Splits the seeded organizations between the harness integration and a
 * second one that is synced after it, because integrations run by name.
 */
function configureTwoIntegrations(h: Harness): void {
  const titles = h.seed.dwid.organizations.map(org => org.title);
  const half = Math.ceil(titles.length / 2);
  const integration = (name: string, organizations: string[]) => ({
    name,
    bmsUrl: h.bms.url,
    username: 'svc@msp.example',
    passwordEnv: 'BMS_PASSWORD',
    company: 'Example MSP',
    fieldMappings: seedMappings(),
    organizations,
  });
  h.service.apply(
    {
      integrations: [
        integration(INTEGRATION, titles.slice(0, half)),
        integration(SECOND, titles.slice(half)),
      ],
    },
    { env: { BMS_PASSWORD: h.bmsPassword } },
  );
}

/** Ledger rows of one integration that a sync would still deliver. */
function waitingRows(h: Harness, integrationId: number): number {
  const counts = h.service.store.deliveries.counts(integrationId);
  return counts.pending + counts.sending;
}

describe('integration deleted during a sync', () => {
  it('lets the other integration deliver', async () => {
    const h = await startHarness({ compromises: 400 });
    harness = h;
    configureTwoIntegrations(h);
    const deletedId = h.service.requireIntegration(INTEGRATION).id;
    const secondId = h.service.requireIntegration(SECOND).id;
    // Slow POSTs keep the first integration busy when it is deleted.
    h.bms.faults.add({
      kind: 'slow',
      path: '/v2/servicedesk/tickets',
      method: 'POST',
      delayMs: 5,
      times: 10_000,
    });

    const concurrency = 4;
    let ticketsAtDeletion: number | undefined;
    const report = await h.service.sync({
      concurrency,
      onEvent: (event: EngineEvent) => {
        if (
          ticketsAtDeletion === undefined &&
          event.type === 'sync-progress' &&
          event.phase === 'deliver' &&
          event.integrationId === deletedId &&
          event.done >= 50
        ) {
          ticketsAtDeletion = -1;
          // The next turn of the event loop, as for the delete handler.
          setImmediate(() => {
            ticketsAtDeletion = h.bms.tickets.length;
            h.service.store.integrations.delete(deletedId);
          });
        }
      },
    });

    expect(ticketsAtDeletion).toBeGreaterThan(0);
    expect(h.service.store.integrations.getById(deletedId)).toBeNull();
    expect(report.integrations.map(item => item.name)).toEqual([SECOND]);
    const second = report.integrations[0];
    expect(second?.error).toBeUndefined();
    expect(second?.health).toBe('healthy');
    expect(second?.created).toBeGreaterThan(0);
    expect(second?.pending).toBe(0);
    expect(waitingRows(h, secondId)).toBe(0);
    expect(h.service.store.deliveries.counts(secondId).sent).toBe(
      second?.created,
    );
    // After the deletion only tickets already claimed or in flight go out.
    const postedAfterDeletion =
      h.bms.tickets.length - (second?.created ?? 0) - (ticketsAtDeletion ?? 0);
    expect(postedAfterDeletion).toBeLessThanOrEqual(
      CLAIM_BATCH_SIZE + 2 * concurrency,
    );
  });

  it('skips an integration deleted before its turn', async () => {
    const h = await startHarness({ compromises: 200 });
    harness = h;
    configureTwoIntegrations(h);
    const deletedId = h.service.requireIntegration(INTEGRATION).id;
    const secondId = h.service.requireIntegration(SECOND).id;

    // Routing ends before the first integration's delivery starts.
    const report = await h.service.sync({
      onEvent: (event: EngineEvent) => {
        if (event.type === 'sync-progress' && event.phase === 'routing') {
          h.service.store.integrations.delete(deletedId);
        }
      },
    });

    expect(report.integrations.map(item => item.name)).toEqual([SECOND]);
    expect(report.integrations[0]?.error).toBeUndefined();
    expect(waitingRows(h, secondId)).toBe(0);
    expect(h.bms.tickets.length).toBe(
      h.service.store.deliveries.counts(secondId).sent,
    );
  });

  it('stops searching for interrupted rows', async () => {
    const h = await startHarness({ compromises: 400 });
    harness = h;
    configureTwoIntegrations(h);
    await h.service.sync();
    const deletedId = h.service.requireIntegration(INTEGRATION).id;
    const secondId = h.service.requireIntegration(SECOND).id;
    // Rows left in `sending`, as after a crash, which the next run settles
    // by searching BMS for each.
    const markSending = h.service.store.db.prepare(
      `UPDATE deliveries SET state = 'sending' WHERE id IN (SELECT id
         FROM deliveries WHERE integration_id = ? AND state = 'sent' LIMIT ?)`,
    );
    expect(markSending.run(deletedId, 100).changes).toBe(100);
    expect(markSending.run(secondId, 20).changes).toBe(20);
    h.bms.faults.add({
      kind: 'slow',
      path: '/v2/servicedesk/tickets',
      method: 'GET',
      delayMs: 5,
      times: 10_000,
    });
    const searches = (): number =>
      h.bms.requests.filter(
        r => r.method === 'GET' && r.path === '/v2/servicedesk/tickets',
      ).length;

    let searchesAtDeletion: number | undefined;
    const watcher = setInterval(() => {
      if (searchesAtDeletion !== undefined || searches() < 10) return;
      searchesAtDeletion = searches();
      h.service.store.integrations.delete(deletedId);
    }, 1);
    const report = await h.service.sync().finally(() => {
      clearInterval(watcher);
    });

    expect(searchesAtDeletion).toBeDefined();
    expect(report.integrations.map(item => item.name)).toEqual([SECOND]);
    expect(report.integrations[0]?.recovered).toBe(20);
    // The search in flight and the one after it at most, then the second
    // integration's 20.
    expect(searches() - (searchesAtDeletion ?? 0)).toBeLessThanOrEqual(22);
  });
});
