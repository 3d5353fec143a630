import { afterEach, describe, expect, it } from 'vitest';
import {
  startBmsEmulator,
  type BmsEmulator,
  type BmsEmulatorOptions,
} from '../../main/emulators/bms/bms-emulator';
import {
  BMS_OPTIONS,
  bmsRequest,
  logIn,
  validTicket,
} from './emulator-fixtures';

let emulator: BmsEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(
  overrides: Partial<BmsEmulatorOptions> = {},
): Promise<{ bms: BmsEmulator; token: string }> {
  emulator = await startBmsEmulator({ ...BMS_OPTIONS, ...overrides });
  return { bms: emulator, token: await logIn(emulator.url) };
}

const TICKETS = '/v2/servicedesk/tickets';

describe('BMS emulator ticket schema', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['missing Title', { Title: undefined }, 'Title: is required'],
    ['AccountId 0', { AccountId: 0 }, 'AccountId: must be >= 1'],
    ['unknown property', { Colour: 'red' }, 'Colour: is not a known property'],
    [
      'OpenDate not a date',
      { OpenDate: 'yesterday' },
      'OpenDate: must match format "date-time"',
    ],
    [
      'id beyond int32',
      { StatusId: 2 ** 31 },
      'StatusId: must be <= 2147483647',
    ],
  ];

  for (const [name, overrides, message] of cases) {
    it(`rejects ${name} with 400`, async () => {
      const { bms, token } = await start();
      const { status, body } = await bmsRequest(bms.url, token, TICKETS, {
        method: 'POST',
        json: validTicket(overrides),
      });
      expect(status).toBe(400);
      expect(body.success).toBe(false);
      expect(body.error?.subErrors).toContain(message);
      expect(bms.tickets).toHaveLength(0);
      expect(bms.rejected[0]?.httpStatus).toBe(400);
      expect(bms.requests.at(-1)?.bodyValid).toBe(false);
    });
  }

  it('accepts null for nullable ids', async () => {
    const { bms, token } = await start();
    const { body } = await bmsRequest(bms.url, token, TICKETS, {
      method: 'POST',
      json: validTicket({ ContactId: null, DueDate: null }),
    });
    expect(body.success).toBe(true);
  });
});

describe('BMS emulator ticket creation', () => {
  it('stores a valid ticket and returns it', async () => {
    const { bms, token } = await start();
    const { status, body } = await bmsRequest(bms.url, token, TICKETS, {
      method: 'POST',
      json: validTicket(),
    });
    const result = body.result as Record<string, unknown>;
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    expect(result.id).toBe(90001);
    expect(result.ticketNumber).toMatch(/^T\d{8}\.0001$/);
    expect(result.title).toBe('Compromised credential: user1@example.com');
    expect(result.accountId).toBe(2001);
    expect(result.accountName).toBe('Contoso Ltd');
    expect(result.locationName).toBe('Main Office');
    expect(result.queueName).toBe('Security');
    expect(bms.tickets[0]?.body).toEqual(validTicket());
    expect(bms.requests.at(-1)?.bodyValid).toBe(true);
  });

  it('numbers tickets sequentially', async () => {
    const { bms, token } = await start();
    for (let index = 0; index < 2; index += 1) {
      await bmsRequest(bms.url, token, TICKETS, {
        method: 'POST',
        json: validTicket(),
      });
    }
    expect(bms.tickets.map(ticket => ticket.id)).toEqual([90001, 90002]);
    const { body } = await bmsRequest(bms.url, token, `${TICKETS}/90002`);
    expect((body.result as { id: number }).id).toBe(90002);
  });

  const ruleCases: [string, Record<string, unknown>, string][] = [
    [
      'no queue or assignee',
      { QueueId: undefined },
      'QueueId or AssigneeId must be set to route the ticket.',
    ],
    ['unknown account', { AccountId: 9999 }, 'AccountId 9999 not found.'],
    [
      'location of another account',
      { LocationId: 4003 },
      'LocationId 4003 does not belong to AccountId 2001.',
    ],
    ['unknown status', { StatusId: 99 }, 'StatusId 99 not found.'],
    ['unknown priority', { PriorityId: 99 }, 'PriorityId 99 not found.'],
    ['unknown queue', { QueueId: 99 }, 'QueueId 99 not found.'],
    [
      'OpenDate without zone',
      { OpenDate: '2026-12-01T10:00:00' },
      'OpenDate "2026-12-01T10:00:00" has no time zone; add Z or an offset such as +00:00.',
    ],
    [
      'Title too long',
      { Title: 'x'.repeat(256) },
      'Title is 256 characters long; the maximum is 255.',
    ],
  ];

  for (const [name, overrides, message] of ruleCases) {
    it(`rejects ${name} with success false`, async () => {
      const { bms, token } = await start();
      const { status, body } = await bmsRequest(bms.url, token, TICKETS, {
        method: 'POST',
        json: validTicket(overrides),
      });
      expect(status).toBe(200);
      expect(body.success).toBe(false);
      expect(body.error?.message).toBe(message);
      expect(bms.tickets).toHaveLength(0);
      expect(bms.rejected[0]?.reasons).toEqual([message]);
    });
  }

  it('accepts an assignee instead of a queue', async () => {
    const { bms, token } = await start();
    const { body } = await bmsRequest(bms.url, token, TICKETS, {
      method: 'POST',
      json: validTicket({ QueueId: undefined, AssigneeId: 12 }),
    });
    expect(body.success).toBe(true);
  });

  it('applies configured field maximum lengths', async () => {
    const { bms, token } = await start({ fieldMaxLengths: { Details: 10 } });
    const { body } = await bmsRequest(bms.url, token, TICKETS, {
      method: 'POST',
      json: validTicket({ Details: '12345678901' }),
    });
    expect(body.success).toBe(false);
    expect(body.error?.message).toBe(
      'Details is 11 characters long; the maximum is 10.',
    );
  });

  it('stores the ticket but drops the socket on drop-after-store', async () => {
    const { bms, token } = await start();
    bms.faults.add({ kind: 'drop-after-store', method: 'POST' });
    await expect(
      bmsRequest(bms.url, token, TICKETS, {
        method: 'POST',
        json: validTicket(),
      }),
    ).rejects.toThrow();
    expect(bms.tickets).toHaveLength(1);
    expect(bms.requests.at(-1)?.status).toBe(0);
  });
});

describe('BMS emulator ticket search', () => {
  async function startWithTickets(): Promise<{
    bms: BmsEmulator;
    token: string;
  }> {
    const started = await start({ maxPageSize: 2 });
    for (const uuid of ['aaa-1', 'bbb-2', 'aaa-3', 'aaa-4']) {
      await bmsRequest(started.bms.url, started.token, TICKETS, {
        method: 'POST',
        json: validTicket({ Details: `Compromise ${uuid.toUpperCase()}` }),
      });
    }
    return started;
  }

  it('filters by details substring with GET', async () => {
    const { bms, token } = await startWithTickets();
    const { body } = await bmsRequest(
      bms.url,
      token,
      `${TICKETS}?Filter.Details=aaa&PageSize=10&PageNumber=1`,
    );
    const rows = body.result as { id: number; details: string }[];
    expect(body.totalRecords).toBe(3);
    expect(rows.map(row => row.details)).toEqual([
      'Compromise AAA-1',
      'Compromise AAA-3',
    ]);
  });

  it('pages a POST search with totalRecords', async () => {
    const { bms, token } = await startWithTickets();
    const { status, body } = await bmsRequest(
      bms.url,
      token,
      `${TICKETS}/search`,
      {
        method: 'POST',
        json: { PageSize: 2, PageNumber: 2, Filter: { Details: 'AAA' } },
      },
    );
    const rows = body.result as { id: number; ticketNumber: string }[];
    expect(status).toBe(200);
    expect(body.totalRecords).toBe(3);
    expect(rows.map(row => row.id)).toEqual([90004]);
    expect(rows[0]?.ticketNumber).toMatch(/\.0004$/);
  });

  it('rejects an invalid search body', async () => {
    const { bms, token } = await start();
    const { status, body } = await bmsRequest(
      bms.url,
      token,
      `${TICKETS}/search`,
      { method: 'POST', json: { Filter: { Detail: 'x' } } },
    );
    expect(status).toBe(400);
    expect(body.error?.subErrors).toEqual([
      'Filter.Detail: is not a known property',
    ]);
  });
});

describe('BMS emulator request limits', () => {
  it('rejects a body over 1 MiB with 413', async () => {
    const { bms, token } = await start();
    const { status, body } = await bmsRequest(bms.url, token, TICKETS, {
      method: 'POST',
      json: validTicket({ Details: 'x'.repeat(1024 * 1024) }),
    });
    expect(status).toBe(413);
    expect(body.success).toBe(false);
    expect(bms.tickets).toHaveLength(0);
  });

  it('rejects a wrong method with 405', async () => {
    const { bms, token } = await start();
    const { status } = await bmsRequest(bms.url, token, `${TICKETS}/90001`, {
      method: 'POST',
      json: {},
    });
    expect(status).toBe(405);
  });
});
