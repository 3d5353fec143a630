import { afterEach, describe, expect, it } from 'vitest';

import { DEMO_TICKET_IDS } from '../../main/emulators/seed';
import type { EngineEvent } from '../../main/engine/sync/events';
import { startHarness, type Harness } from '../support/harness';
import { duplicateUuids, eligibleUuids, ticketUuids } from '../support/tickets';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: Parameters<typeof startHarness>[0] = {}) {
  harness = await startHarness(options);
  return harness;
}

describe('company resolution', () => {
  it('sends exact names to their account, others to the catch-all', async () => {
    const h = await start({ organizations: 12, compromises: 200 });
    await h.service.sync();

    const accountByName = new Map(
      h.seed.bms.accounts
        .filter(account => account.isActive)
        .map(account => [account.name, account.id]),
    );
    const titleByOrg = new Map(
      h.seed.dwid.organizations.map(org => [org.uuid, org.title]),
    );
    const orgByCompromise = new Map(
      h.seed.dwid.compromises.map(c => [c.uuid, c.organization]),
    );
    const uuids = ticketUuids(h);
    const catchallTitles = new Set<string>();
    h.bms.tickets.forEach((ticket, index) => {
      const title = titleByOrg.get(
        orgByCompromise.get(uuids[index] ?? '') ?? '',
      );
      const expected =
        accountByName.get(title ?? '') ?? DEMO_TICKET_IDS.catchallAccountId;
      expect(ticket.body.AccountId).toBe(expected);
      if (expected === DEMO_TICKET_IDS.catchallAccountId) {
        expect(ticket.body.LocationId).toBe(DEMO_TICKET_IDS.catchallLocationId);
        catchallTitles.add(title ?? '');
      }
    });

    // The seed has names differing only by case or by a trailing space, and
    // an organization with no account: each must have gone to the catch-all.
    const lowerNames = new Set(
      [...accountByName.keys()].map(n => n.toLowerCase()),
    );
    const trimmedNames = new Set([...accountByName.keys()].map(n => n.trim()));
    const titles = [...catchallTitles];
    expect(titles.some(t => lowerNames.has(t.toLowerCase()))).toBe(true);
    expect(titles.some(t => trimmedNames.has(t.trim()))).toBe(true);
    expect(titles.some(t => !lowerNames.has(t.trim().toLowerCase()))).toBe(
      true,
    );
  });

  it('uses an explicit company link', async () => {
    const h = await start();
    const org = h.seed.dwid.organizations.find(
      o => !h.seed.bms.accounts.some(a => a.name === o.title),
    );
    const account = h.seed.bms.accounts.find(
      a => a.isActive && a.id !== DEMO_TICKET_IDS.catchallAccountId,
    );
    expect(org).toBeDefined();
    expect(account).toBeDefined();
    h.service.store.companyLinks.replace(
      h.service.requireIntegration('Main BMS').id,
      [
        {
          organizationTitle: org?.title ?? '',
          accountName: account?.name ?? '',
          madeBy: 'manual',
        },
      ],
    );
    await h.service.sync();
    const orgCompromises = new Set(
      h.seed.dwid.compromises
        .filter(c => c.organization === org?.uuid && c.record_type !== 'IP')
        .map(c => c.uuid),
    );
    const uuids = ticketUuids(h);
    const linkedTickets = h.bms.tickets.filter((_, i) =>
      orgCompromises.has(uuids[i] ?? ''),
    );
    expect(linkedTickets.length).toBe(orgCompromises.size);
    for (const ticket of linkedTickets) {
      expect(ticket.body.AccountId).toBe(account?.id);
    }
  });
});

describe('one ticket per compromise', () => {
  it('creates nothing new on a second run', async () => {
    const h = await start();
    const first = await h.service.sync();
    const second = await h.service.sync();
    expect(first.integrations[0]?.created).toBe(eligibleUuids(h).length);
    expect(second.integrations[0]?.created).toBe(0);
    expect(h.bms.tickets).toHaveLength(eligibleUuids(h).length);
    expect(duplicateUuids(h)).toEqual([]);
  });

  it('ignores a compromise delivered twice by the source', async () => {
    const h = await start({ compromises: 450 });
    const again = h.seed.dwid.compromises.slice(0, 5);
    h.dwid.addCompromises(again);
    h.dwid.faults.add({ kind: 'redeliver', path: 'compromise.json' });
    await h.service.sync();
    expect(h.dwid.state.compromises.length).toBe(455);
    expect(h.bms.tickets).toHaveLength(new Set(eligibleUuids(h)).size);
    expect(duplicateUuids(h)).toEqual([]);
  });

  it('recovers a ticket whose response was dropped', async () => {
    const h = await start();
    h.bms.faults.add({
      kind: 'drop-after-store',
      path: '/v2/servicedesk/tickets',
      method: 'POST',
    });
    const first = await h.service.sync();
    expect(first.integrations[0]?.failed).toBe(1);
    expect(first.integrations[0]?.pending).toBe(1);
    expect(h.service.store.deliveries.counts(1).sending).toBe(1);

    const second = await h.service.sync();
    expect(second.integrations[0]?.recovered).toBe(1);
    expect(second.integrations[0]?.created).toBe(0);
    expect(second.integrations[0]?.pending).toBe(0);
    expect(h.bms.tickets).toHaveLength(eligibleUuids(h).length);
    expect(duplicateUuids(h)).toEqual([]);
  });

  it('survives a restart between the POST and the ledger commit', async () => {
    const h = await start();
    // A POST that BMS stores but never responds to: the client times out, which
    // leaves the same state as a crash after the POST.
    h.bms.faults.add({
      kind: 'hang-after-store',
      path: '/v2/servicedesk/tickets',
      method: 'POST',
    });
    await h.service.sync();
    expect(h.service.store.deliveries.counts(1).sending).toBe(1);

    const service = h.reopen();
    const report = await service.sync();
    expect(report.integrations[0]?.recovered).toBe(1);
    expect(h.bms.tickets).toHaveLength(eligibleUuids(h).length);
    expect(duplicateUuids(h)).toEqual([]);
  });
});

describe('failures and health', () => {
  it('re-authenticates when the token expires mid-run', async () => {
    const h = await start();
    h.bms.faults.add({
      kind: 'expire-token',
      path: '/v2/servicedesk/tickets',
      method: 'POST',
    });
    const report = await h.service.sync();
    const logins = h.bms.requests.filter(
      r => r.path === '/v2/security/authenticate',
    );
    const unauthorized = h.bms.requests.filter(r => r.status === 401);
    expect(logins.length).toBe(2);
    expect(unauthorized.length).toBeGreaterThanOrEqual(1);
    expect(report.integrations[0]?.created).toBe(eligibleUuids(h).length);
    expect(report.integrations[0]?.health).toBe('healthy');
  });

  it.each([
    ['with Retry-After', 1],
    ['without Retry-After', undefined],
  ])(
    'waits out 429 %s without counting failures',
    async (_label, retryAfterSeconds) => {
      // Retry-After is in seconds, so the client may wait up to 2 s here.
      const h = await start({ clientTuning: { retryMaxMs: 2_000 } });
      h.bms.faults.add({
        kind: 'rate-limit',
        path: '/v2/servicedesk/tickets',
        method: 'POST',
        times: 3,
        retryAfterSeconds,
      });
      const report = await h.service.sync();
      expect(h.bms.requests.filter(r => r.status === 429)).toHaveLength(3);
      expect(report.integrations[0]?.created).toBe(eligibleUuids(h).length);
      expect(report.integrations[0]?.failed).toBe(0);
      expect(report.integrations[0]?.consecutiveFailures).toBe(0);
      expect(h.service.store.health.get(1).lastFailureAt).toBeNull();
    },
  );

  it('turns unhealthy on the fifth failure and recovers', async () => {
    const h = await start();
    const events: EngineEvent[] = [];
    h.bms.faults.add({
      kind: 'server-error',
      path: '/v2/servicedesk/tickets',
      method: 'POST',
      times: 1000,
    });
    const failing = await h.service.sync({ onEvent: e => events.push(e) });
    const item = failing.integrations[0];
    expect(item?.health).toBe('unhealthy');
    expect(item?.consecutiveFailures).toBeGreaterThanOrEqual(5);
    expect(item?.created).toBe(0);
    // The run stops at the fifth failure instead of failing every pending
    // delivery. With four POSTs in flight, at most three more fail after it.
    expect(item?.failed).toBeGreaterThanOrEqual(5);
    expect(item?.failed).toBeLessThanOrEqual(8);
    expect(item?.pending).toBe(eligibleUuids(h).length);
    const errors = h.service.store.errors.list(1, 50);
    expect(errors.length).toBeGreaterThanOrEqual(5);
    expect(errors[0]?.operation).toBeTruthy();
    expect(errors[0]?.message).toMatch(/503|server/i);

    h.bms.faults.clear();
    const recovered = await h.service.sync({ onEvent: e => events.push(e) });
    expect(recovered.integrations[0]?.health).toBe('healthy');
    expect(recovered.integrations[0]?.consecutiveFailures).toBe(0);
    expect(h.bms.tickets).toHaveLength(eligibleUuids(h).length);
    expect(duplicateUuids(h)).toEqual([]);

    const transitions = events.filter(e => e.type === 'health-changed');
    expect(
      transitions.map(e => e.type === 'health-changed' && e.isHealthy),
    ).toEqual([false, true]);
  });

  it('stays healthy through four failures', async () => {
    const h = await start();
    h.bms.faults.add({
      kind: 'server-error',
      path: '/v2/crm/accounts/lookup',
      times: 3 * 4,
    });
    // Each account lookup is tried three times (two retries), so twelve
    // 5xx responses make four failed requests before the cache refresh.
    await h.service.sync();
    const health = h.service.store.health.get(1);
    expect(health.isHealthy).toBe(true);
  });
});

describe('rate budget', () => {
  it('stops when its own budget is used up', async () => {
    const h = await start({
      clientTuning: { bmsBudget: { limit: 10, windowMs: 60_000 } },
    });
    const report = await h.service.sync();
    const item = report.integrations[0];
    expect(item?.created).toBe(10);
    expect(item?.pending).toBe(eligibleUuids(h).length - 10);
    expect(item?.error).toMatch(/budget is used up/);
    // The rows the budget stopped wait for the next run; none failed.
    expect(item?.failed).toBe(0);
    expect(item?.health).toBe('healthy');
    expect(h.bms.requests.filter(r => r.status === 429)).toEqual([]);
  });

  it('drains a backlog across windows without a 429', async () => {
    const budget = { limit: 20, windowMs: 1_000 };
    const h = await start({
      compromises: 80,
      bmsOptions: { budget },
      clientTuning: { bmsBudget: budget, retryMaxMs: 2_000 },
    });
    const report = await h.service.sync();
    expect(h.bms.requests.filter(r => r.status === 429)).toEqual([]);
    expect(report.integrations[0]?.created).toBe(eligibleUuids(h).length);
    expect(eligibleUuids(h).length).toBeGreaterThan(2 * budget.limit);
  });

  it('stops the run when BMS keeps throttling', async () => {
    const h = await start();
    h.bms.faults.add({
      kind: 'rate-limit',
      path: '/v2/servicedesk/tickets',
      method: 'POST',
      times: 1000,
      retryAfterSeconds: 3600,
    });
    const report = await h.service.sync();
    const item = report.integrations[0];
    const throttled = h.bms.requests.filter(r => r.status === 429);
    // Only the POSTs already in flight hit the limit before the run stops.
    expect(throttled.length).toBeLessThanOrEqual(4);
    expect(item?.health).toBe('healthy');
    expect(item?.consecutiveFailures).toBe(0);
    expect(item?.pending).toBe(eligibleUuids(h).length);
    expect(h.bms.tickets).toHaveLength(0);
  });
});

describe('source records', () => {
  it('records a malformed record and continues', async () => {
    const h = await start();
    h.dwid.faults.add({ kind: 'bad-record', path: 'compromise.json' });
    const report = await h.service.sync();
    expect(report.source.invalidRecords).toBe(1);
    expect(report.integrations[0]?.created).toBe(eligibleUuids(h).length);
    const errors = h.service.store.errors.list(1, 10);
    expect(errors.some(e => e.operation === 'dwid.compromise')).toBe(true);
  });

  it('walks more than one page of both services', async () => {
    const h = await start({ compromises: 450, bmsOptions: { maxPageSize: 5 } });
    const report = await h.service.sync();
    const dwidPages = h.dwid.requests.filter(
      r => r.path === '/services/compromise.json',
    );
    const accountPages = h.bms.requests.filter(
      r => r.path === '/v2/crm/accounts/lookup',
    );
    expect(dwidPages.length).toBeGreaterThanOrEqual(3);
    expect(accountPages.length).toBeGreaterThan(2);
    expect(report.source.compromises).toBe(450);
    expect(report.integrations[0]?.created).toBe(eligibleUuids(h).length);
  });
});

describe('ticket bodies', () => {
  it('validate against the vendor document', async () => {
    const h = await start({ compromises: 300 });
    await h.service.sync();
    const posts = h.bms.requests.filter(
      r => r.method === 'POST' && r.path === '/v2/servicedesk/tickets',
    );
    expect(posts.length).toBe(eligibleUuids(h).length);
    expect(posts.every(r => r.bodyValid === true)).toBe(true);
    expect(h.bms.rejected).toEqual([]);
    for (const ticket of h.bms.tickets) {
      expect(String(ticket.body.OpenDate)).toMatch(
        /^\d{4}-\d\d-\d\dT[\d:.]+Z$/,
      );
      expect(ticket.body.QueueId).toBe(DEMO_TICKET_IDS.queueId);
    }
  });
});
