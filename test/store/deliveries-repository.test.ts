import { describe, expect, it } from 'vitest';
import type { Store } from '../../main/store/open-store';
import {
  CLEAR_UNASSOCIATED_SQL,
  MARK_UNASSOCIATED_SQL,
  UNROUTED_COMPROMISES_SQL,
  type RoutingCandidate,
  type RoutingDecision,
} from '../../main/store/repositories/deliveries-repository';
import { catchConnectorError } from './catch-error';
import {
  compromise,
  integrationInput,
  openMemoryStore,
  organization,
} from './fixtures';

const ALWAYS_PENDING = (): RoutingDecision => ({ state: 'pending' });

/** Opens a store with integrations A and B: o1 is A's, o2 is B's, o3 has none. */
function seed(): { store: Store; a: number; b: number } {
  const store = openMemoryStore();
  const a = store.integrations.create(integrationInput({ name: 'A' })).id;
  const b = store.integrations.create(integrationInput({ name: 'B' })).id;
  store.organizations.upsertMany([
    organization('o1', 'One'),
    organization('o2', 'Two'),
    organization('o3', 'Three'),
  ]);
  store.associations.associate('o1', a);
  store.associations.associate('o2', b);
  store.compromises.upsertMany([
    compromise('c1', 'o1'),
    compromise('c2', 'o1', { password: null }),
    compromise('c3', 'o1', { recordType: 'IP' }),
    compromise('c4', 'o2'),
    compromise('c5', 'o3'),
  ]);
  return { store, a, b };
}

function decideLikeEngine(candidate: RoutingCandidate): RoutingDecision {
  if (candidate.recordType === 'IP') return { state: 'skipped', reason: 'ip' };
  if (!candidate.hasPassword) {
    return { state: 'skipped', reason: 'no-password' };
  }
  return { state: 'pending' };
}

describe('deliveries routeNew', () => {
  it('routes only the integration compromises', () => {
    const { store, a, b } = seed();
    const seen: RoutingCandidate[] = [];
    const outcome = store.deliveries.routeNew(a, candidate => {
      seen.push(candidate);
      return decideLikeEngine(candidate);
    });
    expect(outcome).toEqual({
      pending: 1,
      skipped: { ip: 1, 'no-password': 1 },
    });
    expect(seen.map(candidate => candidate.uuid).sort()).toEqual([
      'c1',
      'c2',
      'c3',
    ]);
    expect(seen.find(candidate => candidate.uuid === 'c2')).toEqual({
      uuid: 'c2',
      recordType: 'Email',
      hasPassword: false,
    });
    expect(store.deliveries.counts(a)).toEqual({
      pending: 1,
      sending: 0,
      sent: 0,
      skipped: 2,
    });
    expect(store.deliveries.skipReasonCounts(a)).toEqual({
      ip: 1,
      'no-password': 1,
    });
    expect(store.deliveries.counts(b).pending).toBe(0);
  });

  it('adds no rows when run twice', () => {
    const { store, a } = seed();
    store.deliveries.routeNew(a, ALWAYS_PENDING);
    let calls = 0;
    const second = store.deliveries.routeNew(a, () => {
      calls += 1;
      return { state: 'pending' };
    });
    expect(second).toEqual({ pending: 0, skipped: {} });
    expect(calls).toBe(0);
    const rows = store.db.prepare('SELECT COUNT(*) FROM deliveries').pluck();
    expect(rows.get()).toBe(3);
  });

  it('routes a compromise to each associated integration once', () => {
    const { store, a, b } = seed();
    store.deliveries.routeNew(a, ALWAYS_PENDING);
    store.compromises.upsertMany([
      compromise('c6', 'o1'),
      compromise('c1', 'o1'),
    ]);
    expect(store.deliveries.routeNew(a, ALWAYS_PENDING).pending).toBe(1);
    expect(store.deliveries.routeNew(b, ALWAYS_PENDING).pending).toBe(1);
  });

  it('rolls back every row when the decision throws', () => {
    const { store, a } = seed();
    expect(() =>
      store.deliveries.routeNew(a, candidate => {
        if (candidate.uuid === 'c3') throw new Error('template broken');
        return { state: 'pending' };
      }),
    ).toThrow('template broken');
    expect(store.deliveries.counts(a).pending).toBe(0);
  });

  it('uses indexes for the candidate query', () => {
    const { store } = seed();
    const plan = store.db
      .prepare<[{ integrationId: number }], { detail: string }>(
        `EXPLAIN QUERY PLAN ${UNROUTED_COMPROMISES_SQL}`,
      )
      .all({ integrationId: 1 })
      .map(row => row.detail);
    expect(plan).toContain(
      'SEARCH oi USING INDEX org_integration_by_integration (integration_id=?)',
    );
    expect(plan).toContain(
      'SEARCH c USING COVERING INDEX compromises_for_routing (organization_uuid=?)',
    );
    expect(
      plan.some(line =>
        /^SEARCH d USING .*INDEX sqlite_autoindex_deliveries_1/.test(line),
      ),
    ).toBe(true);
    expect(plan.some(line => line.startsWith('SCAN'))).toBe(false);
  });

  it('routes 100,000 compromises quickly', () => {
    const store = openMemoryStore();
    const { id } = store.integrations.create(integrationInput());
    const organizations = Array.from({ length: 50 }, (_, index) =>
      organization(`org-${index}`, `Org ${index}`),
    );
    store.organizations.upsertMany(organizations);
    for (const org of organizations) store.associations.associate(org.uuid, id);
    // Rows are written directly, because encrypting 100,000 passwords is
    // not what this test measures.
    const insert = store.db.prepare(
      `INSERT INTO compromises (uuid, organization_uuid, record_type,
         has_password, data_json, date_added, first_seen_at, updated_at)
       VALUES (?, ?, 'Email', 1, '{}', '2026-01-01', 't', 't')`,
    );
    store.transaction(() => {
      for (let index = 0; index < 100_000; index += 1) {
        insert.run(`c-${index}`, `org-${index % 50}`);
      }
    });

    const first = store.deliveries.routeNew(id, ALWAYS_PENDING);
    const second = store.deliveries.routeNew(id, ALWAYS_PENDING);

    expect(first.pending).toBe(100_000);
    expect(second.pending).toBe(0);
  });
});

describe('deliveries markUnassociated', () => {
  it('marks and clears no-association', () => {
    const { store } = seed();
    expect(store.deliveries.markUnassociated()).toEqual({
      marked: 1,
      cleared: 0,
    });
    expect(store.compromises.countBySkipReason()).toEqual({
      'no-association': 1,
    });
    expect(store.deliveries.markUnassociated()).toEqual({
      marked: 0,
      cleared: 0,
    });
    store.associations.clear('o2');
    store.associations.associate('o3', 1);
    expect(store.deliveries.markUnassociated()).toEqual({
      marked: 1,
      cleared: 1,
    });
    const reasons = store.db
      .prepare('SELECT uuid, skip_reason FROM compromises ORDER BY uuid')
      .all();
    expect(reasons).toEqual([
      { uuid: 'c1', skip_reason: null },
      { uuid: 'c2', skip_reason: null },
      { uuid: 'c3', skip_reason: null },
      { uuid: 'c4', skip_reason: 'no-association' },
      { uuid: 'c5', skip_reason: null },
    ]);
  });
});

describe('deliveries markUnassociated details', () => {
  function explain(store: Store, sql: string): string[] {
    return store.db
      .prepare<[{ reason: string }], { detail: string }>(
        `EXPLAIN QUERY PLAN ${sql}`,
      )
      .all({ reason: 'no-association' })
      .map(row => row.detail);
  }

  it('replaces another skip reason', () => {
    const { store } = seed();
    store.compromises.setSkipReason(['c5'], 'other');
    expect(store.deliveries.markUnassociated().marked).toBe(1);
    expect(store.compromises.countBySkipReason()).toEqual({
      'no-association': 1,
    });
  });

  it('leaves rows that already have the value', () => {
    const { store } = seed();
    store.deliveries.markUnassociated();
    const before = store.db
      .prepare<[], number>('SELECT total_changes()')
      .pluck()
      .get();
    expect(store.deliveries.markUnassociated()).toEqual({
      marked: 0,
      cleared: 0,
    });
    const after = store.db
      .prepare<[], number>('SELECT total_changes()')
      .pluck()
      .get();
    expect(after).toBe(before);
  });

  it('reads only the routing index', () => {
    const { store } = seed();
    for (const sql of [MARK_UNASSOCIATED_SQL, CLEAR_UNASSOCIATED_SQL]) {
      const plan = explain(store, sql);
      const compromiseSteps = plan.filter(line => /compromises/.test(line));
      expect(compromiseSteps.length, sql).toBeGreaterThan(0);
      for (const line of compromiseSteps) {
        expect(line, sql).toMatch(
          /USING COVERING INDEX compromises_for_routing/,
        );
      }
    }
  });
});

describe('deliveries listByStateAfter', () => {
  it('walks pending rows in pages by id', () => {
    const { store, a, b } = seed();
    store.deliveries.routeNew(a, ALWAYS_PENDING);
    store.deliveries.routeNew(b, ALWAYS_PENDING);
    const all = store.deliveries.listByState(a, 'pending', 100);
    expect(all).toHaveLength(3);

    const seen: number[] = [];
    let afterId = 0;
    for (;;) {
      const page = store.deliveries.listByStateAfter(a, 'pending', afterId, 2);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page.map(row => row.id));
      afterId = page[page.length - 1]?.id ?? afterId;
    }
    expect(seen).toEqual(all.map(row => row.id));
  });

  it('leaves out other states', () => {
    const { store, a } = seed();
    store.deliveries.routeNew(a, ALWAYS_PENDING);
    const [first, ...rest] = store.deliveries.listByState(a, 'pending', 100);
    if (first === undefined) throw new Error('no pending row');
    store.deliveries.markSending(first.id);
    const page = store.deliveries.listByStateAfter(a, 'pending', 0, 100);
    expect(page.map(row => row.id)).toEqual(rest.map(row => row.id));
  });

  it('rejects an unknown state', () => {
    const { store, a } = seed();
    const error = catchConnectorError(() =>
      store.deliveries.listByStateAfter(a, 'lost' as 'pending', 0, 10),
    );
    expect(error.code).toBe('validation');
  });
});

describe('deliveries state changes', () => {
  function routedRow(): { store: Store; a: number; id: number } {
    const { store, a } = seed();
    store.deliveries.routeNew(a, ALWAYS_PENDING);
    const row = store.deliveries.listByState(a, 'pending', 1)[0];
    if (row === undefined) throw new Error('no pending row');
    return { store, a, id: row.id };
  }

  it('sends a pending row once', () => {
    const { store, a, id } = routedRow();
    expect(store.deliveries.markSending(id)).toBe(true);
    expect(store.deliveries.markSending(id)).toBe(false);
    const sending = store.deliveries.getById(id);
    expect(sending?.state).toBe('sending');
    expect(sending?.attempts).toBe(1);
    expect(store.deliveries.listByState(a, 'sending', 10)).toHaveLength(1);

    expect(
      store.deliveries.markSent(id, {
        ticketId: 9001,
        ticketNumber: 'T20260101.0001',
        accountId: 12,
        locationId: 34,
        isCatchall: false,
      }),
    ).toBe(true);
    const sent = store.deliveries.getById(id);
    expect(sent).toMatchObject({
      state: 'sent',
      reason: null,
      ticketId: 9001,
      ticketNumber: 'T20260101.0001',
      accountId: 12,
      locationId: 34,
      isCatchall: false,
      attempts: 1,
    });
    expect(sent?.sentAt).toMatch(/^2026-/);
    expect(store.deliveries.markPending(id, 'late error')).toBe(false);
    expect(store.deliveries.markSkipped(id, 'late skip')).toBe(false);
    expect(store.deliveries.markSending(id)).toBe(false);
  });

  it('releases a sending row that was not posted', () => {
    const { store, id } = routedRow();
    expect(store.deliveries.releaseSending(id)).toBe(false);
    store.deliveries.markSending(id);
    expect(store.deliveries.releaseSending(id)).toBe(true);
    const released = store.deliveries.getById(id);
    expect(released?.state).toBe('pending');
    expect(released?.attempts).toBe(0);
    expect(store.deliveries.releaseSending(id)).toBe(false);
  });

  it('records a reconciled ticket with unknown details', () => {
    const { store, id } = routedRow();
    store.deliveries.markSending(id);
    const ticket = {
      ticketId: 5,
      ticketNumber: 'T5',
      accountId: 1,
      locationId: null,
      isCatchall: null,
    };
    expect(store.deliveries.markSent(id, ticket)).toBe(true);
    expect(store.deliveries.getById(id)?.isCatchall).toBeNull();
  });

  it('returns a failed row to pending with its error', () => {
    const { store, id } = routedRow();
    store.deliveries.markSending(id);
    expect(store.deliveries.setReason(id, 'timed out')).toBe(true);
    expect(store.deliveries.getById(id)?.state).toBe('sending');
    expect(store.deliveries.markPending(id, 'HTTP 500')).toBe(true);
    const row = store.deliveries.getById(id);
    expect(row?.state).toBe('pending');
    expect(row?.reason).toBe('HTTP 500');
    expect(store.deliveries.markSending(id)).toBe(true);
    expect(store.deliveries.getById(id)?.attempts).toBe(2);
  });

  it('skips an unsent row', () => {
    const { store, a, id } = routedRow();
    expect(store.deliveries.markSkipped(id, 'no-account')).toBe(true);
    expect(store.deliveries.getById(id)?.state).toBe('skipped');
    expect(store.deliveries.skipReasonCounts(a)).toEqual({ 'no-account': 1 });
  });

  it('lists with filters, paging and integration name', () => {
    const { store, a, b } = seed();
    store.deliveries.routeNew(a, decideLikeEngine);
    store.deliveries.routeNew(b, ALWAYS_PENDING);

    const all = store.deliveries.list();
    expect(all).toHaveLength(4);
    expect(all.map(row => row.id)).toEqual([4, 3, 2, 1]);
    expect(all[0]?.integrationName).toBe('B');

    const skipped = store.deliveries.list({
      integrationId: a,
      state: 'skipped',
    });
    expect(skipped.map(row => row.compromiseUuid).sort()).toEqual(['c2', 'c3']);
    expect(skipped.every(row => row.integrationName === 'A')).toBe(true);

    const page = store.deliveries.list({ limit: 2, offset: 1 });
    expect(page.map(row => row.id)).toEqual([3, 2]);
    expect(store.deliveries.list({ state: 'sent' })).toEqual([]);
  });

  it('rejects an unknown state', () => {
    const { store, a } = seed();
    const error = catchConnectorError(() =>
      store.deliveries.list({
        integrationId: a,
        state: 'done' as unknown as 'sent',
      }),
    );
    expect(error.code).toBe('validation');
    expect(error.message).toContain('"done"');
  });

  it('schema rejects a second row', () => {
    const { store, a } = seed();
    store.deliveries.routeNew(a, ALWAYS_PENDING);
    const insert = store.db.prepare(
      `INSERT INTO deliveries (integration_id, compromise_uuid, state,
         created_at, updated_at) VALUES (?, 'c1', 'pending', 't', 't')`,
    );
    expect(() => insert.run(a)).toThrow(/UNIQUE constraint failed/);
  });
});
