import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_TICKET_IDS } from '../../main/emulators/seed';
import {
  CliWorkspace,
  integrationEntry,
  parseJson,
  startEmulators,
  stderrLines,
  validConfig,
  type Emulators,
} from './cli-process';

type SyncOutput = {
  integrations: {
    name: string;
    created: number;
    failed: number;
    pending: number;
    catchall: number;
    skipped: Record<string, number>;
    health: string;
    consecutiveFailures: number;
  }[];
};

type DeliveryRow = {
  integration: string;
  compromiseUuid: string;
  state: string;
  ticketId: number | null;
  ticketNumber: string | null;
  accountId: number | null;
  reason: string | null;
};

type HealthItem = {
  name: string;
  health: string;
  consecutiveFailures: number;
  lastSyncAt: string | null;
  recentErrors: { operation: string; code: string; message: string }[];
};

const COMPROMISES = 40;
const INTEGRATION = 'Main BMS';

let emulators: Emulators;
let workspace: CliWorkspace;
let failing: CliWorkspace;

beforeAll(async () => {
  emulators = await startEmulators({
    dwidPassword: 'dwid-sync-Hf62kQ',
    bmsPassword: 'bms-sync-Tr49wN',
    compromises: COMPROMISES,
  });
  workspace = new CliWorkspace();
  failing = new CliWorkspace();
  const config = validConfig(emulators.dwid.url, emulators.bms.url);
  // Tickets of these organizations go to the Catchall Account, so a sync
  // sends ticket POSTs only, and no location lookup that succeeds between
  // two failed POSTs resets the failure count.
  const failingConfig = {
    ...config,
    integrations: [
      integrationEntry(INTEGRATION, emulators.bms.url, {
        organizations: catchallOrganizations(),
      }),
    ],
  };
  for (const [target, content] of [
    [workspace, config],
    [failing, failingConfig],
  ] as const) {
    const file = target.writeFile('config.json', content);
    const applied = await target.runWithData(['apply', file], {
      env: emulators.passwordEnv,
    });
    expect(applied.status).toBe(0);
  }
});

afterAll(async () => {
  await emulators.close();
  workspace.remove();
  failing.remove();
});

/** Organizations with no BMS account of the same name. */
function catchallOrganizations(): string[] {
  const accountNames = new Set(emulators.seed.bms.accounts.map(a => a.name));
  return emulators.seed.dwid.organizations
    .map(organization => organization.title)
    .filter(title => !accountNames.has(title));
}

function ipCompromiseCount(): number {
  return emulators.seed.dwid.compromises.filter(c => c.record_type === 'IP')
    .length;
}

describe('dwid-bms sync', () => {
  it('reports the tickets it created', async () => {
    const result = await workspace.runWithData(['sync', '--once', '--json']);

    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const output = parseJson<SyncOutput>(result);
    expect(output.integrations).toHaveLength(1);
    const [item] = output.integrations;
    const tickets = emulators.bms.tickets;
    const catchallTickets = tickets.filter(
      ticket => ticket.body.AccountId === DEMO_TICKET_IDS.catchallAccountId,
    );
    expect(item).toEqual({
      name: INTEGRATION,
      created: tickets.length,
      failed: 0,
      pending: 0,
      catchall: catchallTickets.length,
      recovered: 0,
      skipped: { 'ip-compromise': ipCompromiseCount() },
      health: 'healthy',
      consecutiveFailures: 0,
    });
    expect(item?.created).toBe(COMPROMISES - ipCompromiseCount());
  });

  it('creates nothing on a second run', async () => {
    const ticketsBefore = emulators.bms.tickets.length;

    const result = await workspace.runWithData(['sync', '--once', '--json']);

    expect(result.status).toBe(0);
    const [item] = parseJson<SyncOutput>(result).integrations;
    expect(item?.created).toBe(0);
    expect(item?.failed).toBe(0);
    expect(item?.skipped).toEqual({});
    expect(emulators.bms.tickets).toHaveLength(ticketsBefore);
  });

  it('prints a text summary without --json', async () => {
    const result = await workspace.runWithData(['sync', '--once']);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Integration "${INTEGRATION}": healthy`);
    expect(result.stdout).toMatch(/Tickets created +0\n/);
  });
});

describe('dwid-bms deliveries', () => {
  it('lists one row per compromise with the integration name', async () => {
    const result = await workspace.runWithData([
      'deliveries',
      '--json',
      '--limit',
      '1000',
    ]);

    expect(result.status).toBe(0);
    const rows = parseJson<DeliveryRow[]>(result);
    expect(rows).toHaveLength(COMPROMISES);
    const ticketNumbers = new Set(
      emulators.bms.tickets.map(ticket => ticket.ticketNumber),
    );
    for (const row of rows) {
      expect(row.integration).toBe(INTEGRATION);
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining([
          'integration',
          'compromiseUuid',
          'state',
          'ticketId',
          'ticketNumber',
          'accountId',
          'reason',
        ]),
      );
      if (row.state === 'sent') {
        expect(ticketNumbers.has(row.ticketNumber ?? '')).toBe(true);
        expect(row.accountId).not.toBeNull();
      } else {
        expect(row).toMatchObject({
          state: 'skipped',
          reason: 'ip-compromise',
          ticketNumber: null,
        });
      }
    }
    const uuids = new Set(rows.map(row => row.compromiseUuid));
    expect(uuids.size).toBe(COMPROMISES);
  });

  it('filters by state and limit', async () => {
    const [sent, limited] = await Promise.all([
      workspace.runWithData([
        'deliveries',
        '--state',
        'sent',
        '--json',
        '--limit',
        '1000',
      ]),
      workspace.runWithData([
        'deliveries',
        '--state',
        'skipped',
        '--limit',
        '1',
        '--json',
      ]),
    ]);

    expect(sent.status).toBe(0);
    const sentRows = parseJson<DeliveryRow[]>(sent);
    expect(sentRows).toHaveLength(COMPROMISES - ipCompromiseCount());
    expect(new Set(sentRows.map(row => row.state))).toEqual(new Set(['sent']));
    expect(limited.status).toBe(0);
    expect(parseJson<DeliveryRow[]>(limited)).toHaveLength(1);
  });

  it('rejects an invalid state, limit and integration', async () => {
    const [badState, badLimit, unknown] = await Promise.all([
      workspace.runWithData(['deliveries', '--state', 'bogus']),
      workspace.runWithData(['deliveries', '--limit', '0']),
      workspace.runWithData(['deliveries', '--integration', 'Nope']),
    ]);

    expect(badState.status).toBe(1);
    expect(stderrLines(badState)).toEqual([
      'dwid-bms: Invalid --state "bogus"; use one of: pending, sending, sent, skipped',
    ]);
    expect(badLimit.status).toBe(1);
    expect(stderrLines(badLimit)).toEqual([
      'dwid-bms: Invalid --limit "0"; use a whole number of at least 1',
    ]);
    expect(unknown.status).toBe(1);
    expect(stderrLines(unknown)).toEqual([
      'dwid-bms: No integration is named "Nope"; known: "Main BMS"',
    ]);
  });
});

describe('dwid-bms test-ticket', () => {
  it('creates a ticket in the Catchall Account', async () => {
    const result = await workspace.runWithData([
      'test-ticket',
      '--integration',
      INTEGRATION,
      '--json',
    ]);

    expect(result.status).toBe(0);
    const output = parseJson<{
      ticketId: number;
      ticketNumber: string;
      accountId: number;
    }>(result);
    const stored = emulators.bms.tickets.find(
      ticket => ticket.ticketNumber === output.ticketNumber,
    );
    expect(stored?.id).toBe(output.ticketId);
    expect(stored?.body.AccountId).toBe(DEMO_TICKET_IDS.catchallAccountId);
    expect(output.accountId).toBe(DEMO_TICKET_IDS.catchallAccountId);
  });

  it('lists the known integrations for an unknown name', async () => {
    const result = await workspace.runWithData([
      'test-ticket',
      '--integration',
      'Nope',
      '--json',
    ]);

    expect(result.status).toBe(1);
    expect(stderrLines(result)).toEqual([
      'dwid-bms: No integration is named "Nope"; known: "Main BMS"',
    ]);
    const output = parseJson<{ ok: boolean; error: { code: string } }>(result);
    expect(output).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('dwid-bms health', () => {
  it('shows a healthy integration', async () => {
    const result = await workspace.runWithData(['health', '--json']);

    expect(result.status).toBe(0);
    const items = parseJson<HealthItem[]>(result);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      name: INTEGRATION,
      health: 'healthy',
      consecutiveFailures: 0,
      recentErrors: [],
    });
    expect(items[0]?.lastSyncAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('reports failed ticket requests as unhealthy', async () => {
    // Every ticket POST fails while lookups and sign-in still work.
    emulators.bms.faults.add({
      kind: 'server-error',
      method: 'POST',
      path: '/v2/servicedesk/tickets',
      times: 50,
    });
    const synced = await failing.runWithData(['sync', '--once', '--json']);
    emulators.bms.faults.clear();
    const health = await failing.runWithData(['health', '--json']);

    expect(synced.status).toBe(1);
    const lines = stderrLines(synced);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^dwid-bms: The sync did not complete: /);
    const [item] = parseJson<SyncOutput>(synced).integrations;
    expect(item?.health).toBe('unhealthy');
    expect(item?.created).toBe(0);
    expect(item?.consecutiveFailures).toBeGreaterThanOrEqual(5);

    expect(health.status).toBe(0);
    const [report] = parseJson<HealthItem[]>(health);
    expect(report?.health).toBe('unhealthy');
    expect(report?.recentErrors.length).toBeGreaterThanOrEqual(5);
    const ticketErrors = report?.recentErrors.filter(
      error => error.operation === 'createTicket',
    );
    expect(ticketErrors?.length).toBeGreaterThanOrEqual(5);
    expect(ticketErrors?.[0]?.message).toContain('503');
  });

  it('becomes healthy again after a good sync', async () => {
    const synced = await failing.runWithData(['sync', '--once', '--json']);
    const health = await failing.runWithData(['health', '--json']);

    expect(synced.status).toBe(0);
    const [item] = parseJson<SyncOutput>(synced).integrations;
    expect(item?.health).toBe('healthy');
    expect(item?.pending).toBe(0);
    const [report] = parseJson<HealthItem[]>(health);
    expect(report?.health).toBe('healthy');
    expect(report?.consecutiveFailures).toBe(0);
  });
});
