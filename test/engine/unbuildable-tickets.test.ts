import { afterEach, describe, expect, it } from 'vitest';

import { INTEGRATION, startHarness, type Harness } from '../support/harness';
import { duplicateUuids, eligibleUuids, ticketUuids } from '../support/tickets';

/** Details that render empty for a record without PII. */
const FRAGILE_DETAILS = '[pii]';

describe('tickets that cannot be built', () => {
  let harness: Harness | undefined;

  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('hold their rows and let the rest through', async () => {
    harness = await startHarness({
      compromises: 150,
      fieldMappings: { Details: FRAGILE_DETAILS },
    });

    const report = await harness.service.sync();
    const integration = report.integrations[0];
    const heldRows = harness.service.store.db
      .prepare(
        `SELECT COUNT(*) FROM deliveries
          WHERE state = 'pending' AND reason LIKE 'Details:%'`,
      )
      .pluck()
      .get() as number;
    const detail = harness.service.listIntegrations()[0];
    const errors = harness.service.store.errors
      .list(detail?.id ?? 0, 1000)
      .filter(error => error.operation === 'render-ticket');

    expect(heldRows).toBeGreaterThan(0);
    expect((integration?.created ?? 0) + heldRows).toBe(
      eligibleUuids(harness).length,
    );
    expect(ticketUuids(harness)).toHaveLength(integration?.created ?? -1);
    expect(duplicateUuids(harness)).toEqual([]);
    expect(integration?.error).toBeUndefined();
    expect(detail?.name).toBe(INTEGRATION);
    expect(detail?.health).toBe('healthy');
    expect(errors).toHaveLength(heldRows);
  });
});
