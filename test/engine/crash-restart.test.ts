import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { startHarness, type Harness } from '../support/harness';
import { waitFor } from '../support/wait-for';
import { duplicateUuids, eligibleUuids } from '../support/tickets';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'dwid-bms.mjs');

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('crash between POST and ledger commit', () => {
  it('creates no duplicate after SIGKILL and restart', async () => {
    const h = await startHarness({ compromises: 150 });
    harness = h;
    const child = spawn(
      process.execPath,
      [CLI, 'sync', '--once', '--data-dir', h.dataDir],
      { stdio: 'ignore' },
    );
    const exited = new Promise(resolve => child.once('exit', resolve));

    await waitFor(() => h.bms.tickets.length >= 10, 'ten tickets');
    const before = h.bms.tickets.length;
    h.bms.faults.add({
      kind: 'hang-after-store',
      path: '/v2/servicedesk/tickets',
      method: 'POST',
    });
    // The hung POST's ticket is stored. The child waits for a response that
    // never comes, and dies before it can record the ticket.
    await waitFor(() => h.bms.faults.pending.length === 0, 'the hung POST');
    await waitFor(() => h.bms.tickets.length > before, 'the stored ticket');
    child.kill('SIGKILL');
    await exited;

    const service = h.reopen();
    const counts = service.store.deliveries.counts(1);
    expect(counts.sending).toBeGreaterThanOrEqual(1);

    const report = await service.sync();
    expect(report.integrations[0]?.recovered).toBeGreaterThanOrEqual(1);
    expect(report.integrations[0]?.pending).toBe(0);
    expect(h.bms.tickets).toHaveLength(eligibleUuids(h).length);
    expect(duplicateUuids(h)).toEqual([]);
  });
});
