import { afterEach, describe, expect, it } from 'vitest';

import type { StoredError } from '../../main/store/repositories/errors-repository';
import {
  INTEGRATION,
  startHarness,
  type Harness,
  type HarnessOptions,
} from '../support/harness';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const NOT_LOADED = /accounts could not be loaded/;
/** The client's cap on account pages (MAX_ACCOUNT_PAGES in bms-client.ts). */
const MAX_ACCOUNT_PAGES = 1000;

async function start(options: HarnessOptions = {}): Promise<Harness> {
  harness = await startHarness({ compromises: 40, ...options });
  return harness;
}

function integrationId(h: Harness): number {
  return h.service.requireIntegration(INTEGRATION).id;
}

/** Errors stored for the integration itself, leaving out source errors. */
function integrationErrors(h: Harness): StoredError[] {
  const id = integrationId(h);
  return h.service.store.errors
    .list(id, 100)
    .filter(error => error.integrationId === id);
}

describe('BMS cache refresh failure', () => {
  it('records the account page cap', async () => {
    // One account per page and more accounts than pages, so every page
    // request succeeds and the client's own page cap ends the listing.
    const h = await start({ bmsOptions: { maxPageSize: 1 } });
    h.bms.addAccounts(
      Array.from({ length: MAX_ACCOUNT_PAGES }, (_, index) => ({
        id: 900_001 + index,
        name: `Extra account ${index + 1}`,
        isActive: true,
      })),
    );

    const report = await h.service.sync();
    const item = report.integrations[0];
    const errors = integrationErrors(h);

    expect(item?.error).toMatch(NOT_LOADED);
    expect(item?.error).toContain('without reaching the end');
    expect(item?.created).toBe(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.operation).toBe('bms.refresh-cache');
    expect(errors[0]?.code).toBe('bad-response');
    expect(errors[0]?.message).toMatch(
      /1000 pages of accounts \(1000 accounts\) without reaching the end/,
    );
    // No request failed, so the failure count stays at zero.
    expect(item?.health).toBe('healthy');
    expect(item?.consecutiveFailures).toBe(0);
  });

  it('records a failed request once', async () => {
    const h = await start();
    h.bms.faults.add({
      kind: 'server-error',
      path: '/v2/crm/accounts/lookup',
      times: 10_000,
    });

    const report = await h.service.sync();
    const errors = integrationErrors(h);

    expect(report.integrations[0]?.error).toMatch(NOT_LOADED);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.operation).toBe('listAccounts');
    expect(report.integrations[0]?.consecutiveFailures).toBe(1);
  });

  it('records a used-up rate budget once', async () => {
    // The first account page takes the only call, so the empty page that
    // ends the listing would wait longer than the client allows.
    const h = await start({
      clientTuning: { bmsBudget: { limit: 1, windowMs: 60_000 } },
    });

    const report = await h.service.sync();
    const errors = integrationErrors(h);

    expect(report.integrations[0]?.error).toMatch(NOT_LOADED);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.operation).toBe('bms.refresh-cache');
    expect(errors[0]?.code).toBe('rate-limited');
    expect(report.integrations[0]?.consecutiveFailures).toBe(0);
  });
});
