import { afterEach, describe, expect, it } from 'vitest';

import type { BmsClient } from '../../main/clients/bms/bms-client';
import { buildCompanyIndex } from '../../main/engine/company-match';
import {
  deliverPending,
  type DeliveryContext,
  type DeliveryTally,
} from '../../main/engine/sync/deliver';
import { HealthTracker } from '../../main/engine/sync/health-tracker';
import { ConnectorError } from '../../main/errors';
import { startHarness, type Harness } from '../support/harness';
import { waitFor } from '../support/wait-for';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

type Gate = {
  promise: Promise<number>;
  resolve: (id: number) => void;
  reject: (e: unknown) => void;
};

function gate(): Gate {
  let resolve!: (id: number) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<number>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Routes the harness compromises into the ledger without delivering any,
 * then clears the cached location of the account of the pending row at
 * `position` and skips that account's earlier rows, so its lookup happens
 * while a later batch is built.
 */
async function ledgerWithLateLookup(
  h: Harness,
  position: number,
): Promise<number> {
  const { store } = h.service;
  h.bms.faults.add({
    kind: 'server-error',
    path: '/v2/servicedesk/tickets',
    method: 'POST',
    times: 100_000,
  });
  await h.service.sync();
  h.bms.faults.clear();
  store.db
    .prepare(`UPDATE deliveries SET state = 'pending' WHERE state = 'sending'`)
    .run();

  const index = buildCompanyIndex(
    store.bmsCache.listAccounts(1),
    store.companyLinks.list(1),
  );
  const rows = store.deliveries.listByStateAfter(1, 'pending', 0, 10_000);
  const accountOf = (uuid: string): number | undefined => {
    const compromise = store.compromises.get(uuid);
    const org = store.organizations.getByUuid(
      compromise?.organizationUuid ?? '',
    );
    return index.resolve(org?.title ?? '')?.id;
  };
  let target: number | undefined;
  for (const row of rows.slice(position)) {
    const account = accountOf(row.compromiseUuid);
    if (account !== undefined && account !== 1000) {
      target = account;
      break;
    }
  }
  if (target === undefined) throw new Error('no matched account found');
  for (const row of rows.slice(0, position)) {
    if (accountOf(row.compromiseUuid) === target) {
      store.deliveries.markSkipped(row.id, 'moved after the batch under test');
    }
  }
  store.db
    .prepare(
      'UPDATE bms_accounts SET main_location_id = NULL WHERE account_id = ?',
    )
    .run(target);
  return target;
}

describe('deliverPending batch build', () => {
  it('fails on a build error after a stop', async () => {
    const h = await startHarness({ compromises: 300 });
    harness = h;
    await ledgerWithLateLookup(h, 90);
    const { store } = h.service;
    const integration = { id: 1, name: 'Main BMS' };
    const health = new HealthTracker(store, integration, () => undefined);
    const lookup = gate();
    let lookupStarted = false;
    let lookupWaits = 0;
    let posts = 0;
    const heldPosts: ((error: unknown) => void)[] = [];
    const client = {
      mainLocationId: async () => {
        if (!lookupStarted) {
          lookupStarted = true;
          throw new ConnectorError('network', 'prefetch failed');
        }
        lookupWaits += 1;
        return lookup.promise;
      },
      createTicket: async () => {
        posts += 1;
        const number = posts;
        if (number <= 56) return { id: number, ticketNumber: `T${number}` };
        // Held until the test rejects it.
        return new Promise((_, reject) => heldPosts.push(reject));
      },
    } as unknown as BmsClient;
    const context: DeliveryContext = {
      store,
      client,
      integration,
      health,
      onEvent: () => undefined,
      now: () => new Date(),
      concurrency: 4,
    };
    const tally: DeliveryTally = {
      created: 0,
      catchall: 0,
      failed: 0,
      recovered: 0,
    };

    const run = deliverPending(context, tally);
    // Fails the eight POSTs 57..64 in order. The fifth failure stops
    // delivery while the next batch waits for its location lookup.
    for (let failed = 0; failed < 8; failed += 1) {
      await waitFor(() => heldPosts.length > failed, `POST ${57 + failed}`);
      health.recordFailure('createTicket', 'network', 'down');
      heldPosts[failed]?.(new ConnectorError('validation', 'rejected'));
    }
    await waitFor(() => tally.failed === 8, 'eight failed POSTs');
    expect(posts).toBe(64);
    expect(lookupWaits).toBe(1);
    expect(health.shouldStop).toBe(true);

    // The lookup then fails, and storing its reason on the row fails too.
    store.deliveries.markPending = () => {
      throw new Error('database or disk is full');
    };
    lookup.reject(new ConnectorError('network', 'lookup failed'));

    await expect(run).rejects.toThrow('disk is full');
  });
});
