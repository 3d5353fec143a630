import { afterEach, describe, expect, it } from 'vitest';

import { isOfflineSync } from '../../main/service/sync-summary';
import { startHarness, type Harness } from '../support/harness';

describe('offline detection from a sync report', () => {
  let harness: Harness | undefined;

  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('reports network when Dark Web ID is unreachable', async () => {
    harness = await startHarness({ compromises: 20 });
    await harness.dwid.close();

    const report = await harness.service.sync();

    expect(report.source.errorCode).toBe('network');
    expect(isOfflineSync(report)).toBe(true);
  });

  it('is online when the pull succeeds', async () => {
    harness = await startHarness({ compromises: 20 });

    const report = await harness.service.sync();

    expect(report.source.errorCode).toBeUndefined();
    expect(isOfflineSync(report)).toBe(false);
  });

  it('is online when Dark Web ID answers with errors', async () => {
    harness = await startHarness({ compromises: 20 });
    harness.dwid.faults.add({ kind: 'html', times: 100 });

    const report = await harness.service.sync();

    expect(report.source.errorCode).not.toBe('network');
    expect(isOfflineSync(report)).toBe(false);
  });
});
