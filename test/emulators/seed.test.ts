import { describe, expect, it } from 'vitest';
import { buildDemoSeed, DEMO_TICKET_IDS } from '../../main/emulators/seed';

const DOCUMENTATION_IPV4 = /^(192\.0\.2|198\.51\.100|203\.0\.113)\.(\d{1,3})$/;

describe('buildDemoSeed', () => {
  const seed = buildDemoSeed();
  const { organizations, compromises } = seed.dwid;
  const { accounts, locations } = seed.bms;

  it('has the default counts', () => {
    expect(organizations).toHaveLength(30);
    expect(compromises).toHaveLength(1200);
    expect(new Set(compromises.map(record => record.uuid)).size).toBe(1200);
  });

  it('is deterministic for one seed', () => {
    expect(buildDemoSeed()).toEqual(seed);
    expect(buildDemoSeed({ seed: 43 }).dwid.compromises).not.toEqual(
      compromises,
    );
  });

  it('names accounts that differ only by case', () => {
    const caseOnly = organizations.filter(organization =>
      accounts.some(
        account =>
          account.name !== organization.title &&
          account.name.toLowerCase() === organization.title.toLowerCase(),
      ),
    );
    expect(caseOnly.length).toBeGreaterThanOrEqual(2);
  });

  it('names an account with a trailing space', () => {
    const spaced = accounts.filter(account => account.name.endsWith(' '));
    expect(spaced.length).toBeGreaterThanOrEqual(1);
    expect(
      organizations.some(
        organization => organization.title === spaced[0]?.name.trim(),
      ),
    ).toBe(true);
  });

  it('leaves an organization without an account', () => {
    const unmatched = organizations.filter(
      organization =>
        !accounts.some(
          account =>
            account.name.trim().toLowerCase() ===
            organization.title.toLowerCase(),
        ),
    );
    expect(unmatched.length).toBeGreaterThanOrEqual(1);
    const ids = new Set(unmatched.map(organization => organization.uuid));
    expect(compromises.some(record => ids.has(record.organization))).toBe(true);
  });

  it('has accounts without an organization', () => {
    const orphans = accounts.filter(
      account =>
        !organizations.some(
          organization =>
            organization.title.toLowerCase() ===
            account.name.trim().toLowerCase(),
        ),
    );
    expect(orphans.map(account => account.name)).toContain(
      'Unassigned Dark Web ID',
    );
    expect(orphans.length).toBeGreaterThanOrEqual(3);
  });

  it('matches DEMO_TICKET_IDS to seeded records', () => {
    const catchall = accounts.find(
      account => account.id === DEMO_TICKET_IDS.catchallAccountId,
    );
    expect(catchall?.name).toBe('Unassigned Dark Web ID');
    const location = locations.find(
      candidate => candidate.id === DEMO_TICKET_IDS.catchallLocationId,
    );
    expect(location?.accountId).toBe(DEMO_TICKET_IDS.catchallAccountId);
    expect(seed.bms.statuses.map(status => status.id)).toContain(
      DEMO_TICKET_IDS.statusId,
    );
    expect(seed.bms.priorities.map(priority => priority.id)).toContain(
      DEMO_TICKET_IDS.priorityId,
    );
    expect(seed.bms.queues.map(queue => queue.id)).toContain(
      DEMO_TICKET_IDS.queueId,
    );
  });

  it('gives every account one main location', () => {
    for (const account of accounts) {
      const own = locations.filter(
        location => location.accountId === account.id,
      );
      expect(own.filter(location => location.isMain)).toHaveLength(1);
    }
    expect(new Set(locations.map(location => location.id)).size).toBe(
      locations.length,
    );
    expect(locations.some(location => !location.isMain)).toBe(true);
  });

  it('has disabled organizations', () => {
    const disabled = organizations.filter(
      organization => organization.status === 'Disabled',
    );
    expect(disabled.length).toBeGreaterThanOrEqual(2);
  });

  it('makes IP records without password in documentation ranges', () => {
    const ips = compromises.filter(record => record.record_type === 'IP');
    expect(ips.length).toBeGreaterThan(0);
    for (const record of ips) {
      const match = DOCUMENTATION_IPV4.exec(record.search_value);
      expect(match).not.toBeNull();
      expect(Number(match?.[2])).toBeLessThanOrEqual(255);
      expect(record.password).toBeNull();
      expect(record.password_status_name).toBe('None');
    }
  });

  it('uses only example domains', () => {
    for (const record of compromises) {
      if (record.record_type === 'IP') continue;
      const domain = record.search_value.split('@').at(-1) ?? '';
      expect(domain).toMatch(/(\.example|^example\.(com|org))$/);
    }
    expect(compromises.some(record => record.record_type === 'Domain')).toBe(
      true,
    );
  });

  it('mixes passwords, pii shapes and dates', () => {
    expect(compromises.some(record => record.password === null)).toBe(true);
    expect(
      compromises.some(record => record.password_status_name === 'Hashed'),
    ).toBe(true);
    expect(
      compromises.some(
        record => record.pii_hit !== null && !Array.isArray(record.pii_hit),
      ),
    ).toBe(true);
    expect(compromises.some(record => Array.isArray(record.pii_hit))).toBe(
      true,
    );
    const dates = compromises.map(record => record.date_added).sort();
    expect(dates[0]! >= '2026-09-02 00:00:00').toBe(true);
    expect(dates.at(-1)! < '2026-12-01 00:00:00').toBe(true);
    for (const record of compromises.slice(0, 50)) {
      expect(Number.isInteger(record.detected)).toBe(true);
      expect(record.occurred).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('keeps the guarantees in a small seed', () => {
    const small = buildDemoSeed({
      seed: 7,
      organizations: 12,
      compromises: 120,
    });
    const records = small.dwid.compromises;
    expect(small.dwid.organizations).toHaveLength(12);
    expect(records.some(record => record.record_type === 'IP')).toBe(true);
    expect(records.some(record => record.record_type === 'Domain')).toBe(true);
    expect(records.some(record => Array.isArray(record.pii_hit))).toBe(true);
    const used = new Set(records.map(record => record.organization));
    expect(used.size).toBe(12);
  });
});
