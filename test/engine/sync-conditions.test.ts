import { afterEach, describe, expect, it } from 'vitest';

import { startHarness, INTEGRATION, type Harness } from '../support/harness';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

type Expectation = {
  skipWithoutPassword: boolean;
  includeIpCompromises: boolean;
};

/** Counts seeded compromises of associated organizations by kind. */
function seedCounts(h: Harness) {
  const records = h.dwid.state.compromises;
  const isIp = (r: (typeof records)[number]) => r.record_type === 'IP';
  const hasPassword = (r: (typeof records)[number]) =>
    typeof r.password === 'string' && r.password !== '';
  return {
    total: records.length,
    ip: records.filter(isIp).length,
    nonIpWithoutPassword: records.filter(r => !isIp(r) && !hasPassword(r))
      .length,
  };
}

describe('ticket conditions', () => {
  const combinations: Expectation[] = [
    { skipWithoutPassword: false, includeIpCompromises: false },
    { skipWithoutPassword: true, includeIpCompromises: false },
    { skipWithoutPassword: false, includeIpCompromises: true },
    { skipWithoutPassword: true, includeIpCompromises: true },
  ];

  it.each(combinations)(
    'skip=$skipWithoutPassword ip=$includeIpCompromises',
    async conditions => {
      harness = await startHarness({ conditions, compromises: 150 });
      const counts = seedCounts(harness);
      expect(counts.ip).toBeGreaterThan(0);
      expect(counts.nonIpWithoutPassword).toBeGreaterThan(0);

      const report = await harness.service.sync();
      const item = report.integrations[0];

      // IP records never carry a password, so with both conditions on they
      // count once, under ip-compromise when IP processing is off.
      const expectedIpSkips = conditions.includeIpCompromises ? 0 : counts.ip;
      const expectedNoPassword = conditions.skipWithoutPassword
        ? counts.nonIpWithoutPassword +
          (conditions.includeIpCompromises ? counts.ip : 0)
        : 0;
      expect(item?.name).toBe(INTEGRATION);
      expect(item?.skipped['ip-compromise'] ?? 0).toBe(expectedIpSkips);
      expect(item?.skipped['no-password'] ?? 0).toBe(expectedNoPassword);
      expect(item?.created).toBe(
        counts.total - expectedIpSkips - expectedNoPassword,
      );
      expect(harness.bms.tickets).toHaveLength(item?.created ?? -1);
      expect(item?.failed).toBe(0);
      expect(item?.pending).toBe(0);
    },
  );
});
