import { describe, expect, it } from 'vitest';

import type { ConnectorService } from '../../main/service/connector-service';
import { compromise } from '../store/fixtures';
import {
  call,
  callError,
  integrationInput,
  openService,
} from './service-fixtures';

type LedgerRow = {
  readonly integrationId: number;
  readonly uuid: string;
  readonly state: 'pending' | 'sending' | 'sent' | 'skipped';
  readonly ticketNumber?: string;
  readonly accountId?: number;
  readonly reason?: string;
  readonly updatedAt: string;
};

/**
 * Stores two integrations, three organizations, five compromises and their
 * ledger rows with fixed update times, newest last in `rows`.
 */
async function setUpLedger(service: ConnectorService) {
  const { store } = service;
  const a = (await call(service, 'integrations:save', integrationInput())).id;
  const b = (
    await call(
      service,
      'integrations:save',
      integrationInput({ name: 'Second BMS' }),
    )
  ).id;
  store.organizations.upsertMany([
    { uuid: 'org-n', title: 'Northwind Traders', isEnabled: true },
    { uuid: 'org-c', title: 'Contoso', isEnabled: true },
    { uuid: 'org-q', title: 'Quote "Co"\nSecond line', isEnabled: true },
  ]);
  store.compromises.upsertMany([
    compromise('c-1', 'org-n', { searchValue: 'ada@northwind.example' }),
    compromise('c-2', 'org-c', { searchValue: 'bob@contoso.example' }),
    compromise('c-3', 'org-c', { searchValue: '=HYPERLINK("http://x")' }),
    compromise('c-4', 'org-q', { searchValue: '+1 555 0100' }),
    compromise('c-5', 'org-n', { searchValue: 'eve@northwind.example' }),
  ]);
  store.bmsCache.replaceAccounts(a, [
    { id: 41, name: 'Northwind Traders', isActive: true },
  ]);
  const rows: LedgerRow[] = [
    {
      integrationId: a,
      uuid: 'c-1',
      state: 'sent',
      ticketNumber: 'T20261204.0001',
      accountId: 41,
      updatedAt: '2026-12-01T00:00:01.000Z',
    },
    {
      integrationId: a,
      uuid: 'c-2',
      state: 'skipped',
      reason: 'no-password',
      updatedAt: '2026-12-01T00:00:02.000Z',
    },
    {
      integrationId: a,
      uuid: 'c-3',
      state: 'pending',
      reason: '@SUM(A1) -- failed',
      updatedAt: '2026-12-01T00:00:03.000Z',
    },
    {
      integrationId: b,
      uuid: 'c-4',
      state: 'sending',
      reason: '\tTab\r',
      updatedAt: '2026-12-01T00:00:03.000Z',
    },
    {
      integrationId: b,
      uuid: 'c-5',
      state: 'sent',
      ticketNumber: 'T20261204.0002',
      accountId: 99,
      updatedAt: '2026-12-01T00:00:05.000Z',
    },
  ];
  const insert = store.db.prepare(
    `INSERT INTO deliveries (integration_id, compromise_uuid, state, reason,
       ticket_number, account_id, created_at, updated_at)
     VALUES (@integrationId, @uuid, @state, @reason, @ticketNumber,
       @accountId, @updatedAt, @updatedAt)`,
  );
  for (const row of rows) {
    insert.run({
      reason: null,
      ticketNumber: null,
      accountId: null,
      ...row,
    });
  }
  return { a, b };
}

async function listUuids(
  service: ConnectorService,
  input: Record<string, unknown>,
): Promise<{ total: number; uuids: string[] }> {
  const page = await call(service, 'deliveries:list', input);
  return {
    total: page.total,
    uuids: page.rows.map(row => row.compromiseUuid),
  };
}

describe('deliveries:list', () => {
  it('returns rows newest first with their joined names', async () => {
    const service = openService();
    const { a } = await setUpLedger(service);
    const page = await call(service, 'deliveries:list', {});
    expect(page.total).toBe(5);
    // c-3 and c-4 share an update time, so the higher id comes first.
    expect(page.rows.map(row => row.compromiseUuid)).toEqual([
      'c-5',
      'c-4',
      'c-3',
      'c-2',
      'c-1',
    ]);
    expect(page.rows[4]).toEqual({
      integrationId: a,
      integrationName: 'Main BMS',
      compromiseUuid: 'c-1',
      organizationName: 'Northwind Traders',
      searchValue: 'ada@northwind.example',
      recordType: 'Email',
      accountName: 'Northwind Traders',
      ticketNumber: 'T20261204.0001',
      state: 'sent',
      reason: null,
      updatedAt: '2026-12-01T00:00:01.000Z',
    });
    // Account 99 is not in the cache of its integration.
    expect(page.rows[0]?.accountName).toBeNull();
  });

  it('filters by integration and state', async () => {
    const service = openService();
    const { a, b } = await setUpLedger(service);
    expect(await listUuids(service, { integrationId: b })).toEqual({
      total: 2,
      uuids: ['c-5', 'c-4'],
    });
    expect(await listUuids(service, { state: 'sent' })).toEqual({
      total: 2,
      uuids: ['c-5', 'c-1'],
    });
    expect(
      await listUuids(service, { integrationId: a, state: 'sent' }),
    ).toEqual({ total: 1, uuids: ['c-1'] });
  });

  it('searches names, values, tickets and uuids ignoring case', async () => {
    const service = openService();
    await setUpLedger(service);
    const cases: [string, string[]][] = [
      ['NORTHWIND', ['c-5', 'c-1']],
      ['bob@CONTOSO', ['c-2']],
      ['contoso', ['c-3', 'c-2']],
      ['t20261204.0002', ['c-5']],
      ['c-4', ['c-4']],
      ['%', []],
      ['_', []],
    ];
    for (const [search, uuids] of cases) {
      const result = await listUuids(service, { search });
      expect(result.uuids, search).toEqual(uuids);
      expect(result.total, search).toBe(uuids.length);
    }
  });

  it('pages with offset and limit and keeps the total', async () => {
    const service = openService();
    await setUpLedger(service);
    expect(await listUuids(service, { offset: 1, limit: 2 })).toEqual({
      total: 5,
      uuids: ['c-4', 'c-3'],
    });
    expect(await listUuids(service, { offset: 4, limit: 2 })).toEqual({
      total: 5,
      uuids: ['c-1'],
    });
    expect(await listUuids(service, { offset: 10 })).toEqual({
      total: 5,
      uuids: [],
    });
  });

  it('rejects an invalid state naming the field', async () => {
    const service = openService();
    const error = await callError(service, 'deliveries:list', {
      state: 'lost',
      limit: 0,
    });
    expect(error.code).toBe('validation');
    expect(error.message).toContain('state');
    expect(error.message).toContain('limit');
  });
});

describe('deliveries:export', () => {
  it('writes quoted CSV with formulas neutralised', async () => {
    const service = openService();
    await setUpLedger(service);
    const { fileName, csv } = await call(service, 'deliveries:export', {});
    const today = new Date().toISOString().slice(0, 10);
    expect(fileName).toBe(`dwid-bms-activity-${today}.csv`);

    const header =
      '"Updated At","Integration","Organization","Search Value",' +
      '"Record Type","Account","Ticket Number","State","Reason",' +
      '"Compromise UUID"\r\n';
    expect(csv.startsWith(header)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain(
      '"2026-12-01T00:00:03.000Z","Main BMS","Contoso",' +
        '"\'=HYPERLINK(""http://x"")","Email","","","pending",' +
        '"\'@SUM(A1) -- failed","c-3"\r\n',
    );
    expect(csv).toContain(
      '"Second BMS","Quote ""Co""\nSecond line","\'+1 555 0100","Email",' +
        '"","","sending","\'\tTab\r","c-4"',
    );
  });

  it('applies the same filters as the list', async () => {
    const service = openService();
    await setUpLedger(service);
    const { csv } = await call(service, 'deliveries:export', {
      search: 'northwind',
      state: 'sent',
    });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"c-5"');
    expect(lines[2]).toContain('"c-1"');
  });
});
