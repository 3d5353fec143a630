import { afterEach, describe, expect, it } from 'vitest';

import { BmsClient } from '../../main/clients/bms/bms-client';
import type {
  BmsClientOptions,
  RequestOutcome,
} from '../../main/clients/bms/bms-client';
import { BmsRejectedError } from '../../main/clients/bms/bms-response';
import type { TicketInputDto } from '../../main/clients/bms/ticket-input-dto';
import { ConnectorError } from '../../main/errors';
import { ok, startFakeBms } from './fake-bms';
import type { FakeBms, FakeBmsOptions } from './fake-bms';
import type { FakeReply, RecordedRequest } from './fake-server';

const USER = 'api.bot@example.com';
const PASSWORD = 'Canary pw&a+b=c%20 d';
const TENANT = 'Example MSP & Co';
const FAST = { retryBaseMs: 1, retryMaxMs: 20, maxTransientRetries: 1 };

let bms: FakeBms | null = null;

afterEach(async () => {
  await bms?.close();
  bms = null;
});

type Setup = {
  readonly route?: FakeBmsOptions['route'];
  readonly bms?: Partial<FakeBmsOptions>;
  readonly client?: Partial<BmsClientOptions>;
};

async function setup(options: Setup = {}) {
  bms = await startFakeBms({
    username: USER,
    password: PASSWORD,
    tenant: TENANT,
    route: options.route ?? (() => undefined),
    ...options.bms,
  });
  const outcomes: RequestOutcome[] = [];
  const client = new BmsClient({
    apiBaseUrl: bms.url,
    username: USER,
    password: PASSWORD,
    tenant: TENANT,
    onRequestOutcome: outcome => outcomes.push(outcome),
    ...FAST,
    ...options.client,
  });
  return { client, outcomes, fake: bms };
}

function summary(outcomes: RequestOutcome[]): string[] {
  return outcomes.map(o => `${o.operation}:${o.outcome}`);
}

async function caught(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

const queues = [
  { id: 7, name: 'Service Desk', isActive: true },
  { id: 8, name: 'Security', isActive: false },
];

function routeQueues(request: RecordedRequest): FakeReply | undefined {
  return request.path === '/v2/system/queues/lookup' ? ok(queues) : undefined;
}

const ticket: TicketInputDto = {
  Title: 'Leaked password for alice@example.com',
  Details: 'Compromise 0b9f6c2e found on 2024-06-01.',
  AccountId: 2001,
  LocationId: 4101,
  StatusId: 1,
  PriorityId: 3,
  TypeId: 2,
  SourceId: 5,
  QueueId: 7,
  OpenDate: '2024-06-01T08:15:30.000Z',
};

describe('BmsClient sign-in', () => {
  it('encodes special characters in the form', async () => {
    const { client, fake } = await setup({ route: routeQueues });
    const result = await client.listQueues();
    expect(result.map(q => q.id)).toEqual([7, 8]);
    const signIn = fake.requests[0] as RecordedRequest;
    expect(signIn.method).toBe('POST');
    expect(signIn.headers['content-type']).toBe(
      'application/x-www-form-urlencoded',
    );
    const form = new URLSearchParams(signIn.body);
    expect(form.get('Password')).toBe(PASSWORD);
    expect(form.get('Tenant')).toBe(TENANT);
    expect(form.get('UserName')).toBe(USER);
    expect(form.get('GrantType')).toBe('password');
    expect(fake.requests[1]?.headers.authorization).toBe('Bearer token-1');
  });

  it('reuses one token for many calls', async () => {
    const { client, fake } = await setup({ route: routeQueues });
    // Concurrent first calls share one sign-in request.
    await Promise.all([client.listQueues(), client.listQueues()]);
    await client.listQueues();
    await client.listQueues();
    expect(fake.signIns()).toBe(1);
    const queueCalls = fake.requests.filter(r => r.path.includes('queues'));
    expect(queueCalls).toHaveLength(4);
  });

  it('signs in again near expiry', async () => {
    const expireMs = Date.parse('2025-01-01T13:00:00Z');
    let nowMs = expireMs - 61_000;
    const { client, fake } = await setup({
      route: routeQueues,
      // Zone-less, as BMS may send it; read as UTC.
      bms: { expireOn: '2025-01-01T13:00:00' },
      client: { now: () => nowMs },
    });
    await client.listQueues();
    await client.listQueues();
    expect(fake.signIns()).toBe(1);
    nowMs = expireMs - 59_000;
    await client.listQueues();
    expect(fake.signIns()).toBe(2);
    expect(fake.requests.at(-1)?.headers.authorization).toBe('Bearer token-2');
  });

  it('signs in again once after a 401', async () => {
    const { client, fake, outcomes } = await setup({ route: routeQueues });
    await client.listQueues();
    fake.revokeTokens();
    const result = await client.listQueues();
    expect(result).toHaveLength(2);
    expect(fake.signIns()).toBe(2);
    expect(summary(outcomes)).toEqual([
      'listQueues:success',
      'listQueues:success',
    ]);
  });

  it('fails after a second 401', async () => {
    const { client, fake, outcomes } = await setup({ route: routeQueues });
    fake.rejectAllTokens = true;
    const error = await caught(client.listQueues());
    expect(error.code).toBe('auth-failed');
    expect(error.message).toContain('HTTP 401 twice');
    expect(fake.signIns()).toBe(2);
    expect(fake.requests.filter(r => r.path.includes('queues'))).toHaveLength(
      2,
    );
    expect(summary(outcomes)).toEqual(['listQueues:failure']);
    expect(outcomes[0]?.error).toBe(error);
  });

  it('explains a rejected sign-in', async () => {
    const { client, outcomes } = await setup({
      route: routeQueues,
      bms: { password: 'another password' },
    });
    const error = await caught(client.listQueues());
    expect(error.code).toBe('auth-failed');
    expect(error.message).toContain(`user "${USER}"`);
    expect(error.message).toContain(`tenant "${TENANT}"`);
    expect(error.message).toContain('Invalid credentials');
    expect(error.message).toContain('company name shown in BMS');
    expect(error.message).toContain('Has API Access');
    expect(String(error)).not.toContain(PASSWORD);
    expect(summary(outcomes)).toEqual(['listQueues:failure']);
  });
});

describe('BmsClient responses', () => {
  const accounts = [
    { id: 2001, name: 'Example Client Ltd', tenantName: 'x', isActive: true },
    { id: 2002, name: 'Other Client', isActive: false },
  ];
  const locations = [
    { id: 4101, name: 'Head Office', accountId: 2001, isMain: false },
    { id: 4102, name: 'Warehouse', accountId: 2001, isMain: true },
  ];

  function route(request: RecordedRequest): FakeReply | undefined {
    const page = Number(request.query.get('PageNumber'));
    switch (request.path) {
      case '/v2/crm/accounts/lookup':
        return ok(page === 1 ? accounts : []);
      case '/v2/crm/accounts/2001/locations/lookup':
        return ok(locations);
      case '/v2/system/statuses/lookup':
        return ok([{ id: 1, name: 'New', color: '#fff', isActive: true }]);
      case '/v2/system/priorities/lookup':
        return ok([{ id: 3, name: 'Medium', isDefault: true }]);
      default:
        return routeQueues(request);
    }
  }

  it.each(['camel', 'pascal'] as const)('parses %s keys', async casing => {
    const { client } = await setup({ route, bms: { casing } });
    expect(await client.listAccounts()).toEqual([
      { id: 2001, name: 'Example Client Ltd', isActive: true },
      { id: 2002, name: 'Other Client', isActive: false },
    ]);
    expect(await client.listLocations(2001)).toEqual([
      { id: 4101, name: 'Head Office', accountId: 2001, isMain: false },
      { id: 4102, name: 'Warehouse', accountId: 2001, isMain: true },
    ]);
    expect(await client.mainLocationId(2001)).toBe(4102);
    expect(await client.listStatuses()).toEqual([
      { id: 1, name: 'New', isActive: true },
    ]);
    expect(await client.listPriorities()).toEqual([
      { id: 3, name: 'Medium', isDefault: true },
    ]);
    expect(await client.listQueues()).toEqual([
      { id: 7, name: 'Service Desk', isActive: true },
      { id: 8, name: 'Security', isActive: false },
    ]);
  });

  it('reads the unwrapped form', async () => {
    const { client } = await setup({
      route: request =>
        request.path === '/v2/system/queues/lookup'
          ? { body: queues }
          : undefined,
    });
    expect((await client.listQueues()).map(q => q.name)).toEqual([
      'Service Desk',
      'Security',
    ]);
  });

  it('picks the first location when none is main', async () => {
    const { client } = await setup({
      route: request =>
        request.path.endsWith('/locations/lookup')
          ? ok(locations.map(l => ({ ...l, isMain: false })))
          : undefined,
    });
    expect(await client.mainLocationId(2001)).toBe(4101);
  });

  it('fails when an account has no locations', async () => {
    const { client } = await setup({ route: () => ok([]) });
    const error = await caught(client.mainLocationId(2001));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('account 2001 has no locations');
  });

  it('reports success false with details', async () => {
    const rejection = {
      success: false,
      error: {
        code: 400,
        message: 'Validation failed',
        details: 'LocationId does not belong to AccountId',
        subErrors: [
          { field: 'LocationId', message: 'Invalid location' },
          'QueueId or AssigneeId is required',
        ],
      },
      result: null,
    };
    let status = 200;
    const { client, outcomes } = await setup({
      route: () => ({ status, body: rejection }),
    });
    const error = await caught(client.createTicket(ticket));
    status = 400;
    const badRequest = await caught(client.listQueues());
    for (const rejected of [error, badRequest]) {
      expect(rejected).toBeInstanceOf(BmsRejectedError);
      expect(rejected.code).toBe('remote-rejected');
      expect(rejected.isRetryable).toBe(false);
      expect(rejected.message).toContain('Validation failed');
      expect(rejected.message).toContain(
        'LocationId does not belong to AccountId',
      );
      expect(rejected.message).toContain('LocationId: Invalid location');
      expect(rejected.message).toContain('QueueId or AssigneeId is required');
    }
    expect(error.message).toContain('HTTP 200');
    expect(badRequest.message).toContain('HTTP 400');
    expect((error as BmsRejectedError).subErrors).toEqual([
      'LocationId: Invalid location',
      'QueueId or AssigneeId is required',
    ]);
    expect(summary(outcomes)).toEqual([
      'createTicket:failure',
      'listQueues:failure',
    ]);
  });

  it('rejects an HTML page with status 200', async () => {
    const { client } = await setup({
      route: () => ({
        body: '<html><body>Sign in</body></html>',
        headers: { 'content-type': 'text/html' },
      }),
    });
    const error = await caught(client.listQueues());
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain('wrong Kaseya BMS URL');
  });
});

describe('BmsClient paging', () => {
  it('continues after short pages', async () => {
    const all = Array.from({ length: 250 }, (_, i) => ({
      id: 1000 + i,
      name: `Account ${i}`,
      isActive: true,
    }));
    const serverCap = 30;
    const { client, fake } = await setup({
      route: request => {
        const size = Math.min(Number(request.query.get('PageSize')), serverCap);
        const page = Number(request.query.get('PageNumber'));
        // Pages overlap by one record to exercise de-duplication.
        const start = Math.max(0, (page - 1) * size - 1);
        return ok(all.slice(start, page * size));
      },
    });
    const accounts = await client.listAccounts();
    expect(accounts).toHaveLength(250);
    expect(new Set(accounts.map(a => a.id)).size).toBe(250);
    const pages = fake.requests
      .filter(r => r.path === '/v2/crm/accounts/lookup')
      .map(r => r.query.get('PageNumber'));
    expect(pages).toHaveLength(10);
    expect(pages[0]).toBe('1');
    expect(fake.requests[1]?.query.get('PageSize')).toBe('100');
  });

  it('stops when a server ignores PageNumber', async () => {
    const { client, fake } = await setup({
      route: () => ok([{ id: 1, name: 'Only', isActive: true }]),
    });
    expect(await client.listAccounts()).toHaveLength(1);
    expect(fake.requests).toHaveLength(3);
  });

  it('finds tickets across pages by totalRecords', async () => {
    const text = 'DWID compromise 0b9f6c2e & more+';
    const all = Array.from({ length: 120 }, (_, i) => ({
      id: i + 1,
      ticketNumber: `T${i + 1}`,
      title: `Ticket ${i + 1}`,
      details: `... ${text} ...`,
      accountId: i % 2 === 0 ? 2001 : null,
    }));
    const { client, fake } = await setup({
      route: request => {
        const size = Number(request.query.get('PageSize'));
        const page = Number(request.query.get('PageNumber'));
        const slice = all.slice((page - 1) * size, page * size);
        return ok(slice, { totalRecords: all.length });
      },
    });
    const tickets = await client.findTicketsByDetails(text);
    expect(tickets).toHaveLength(120);
    expect(tickets[1]).toEqual({
      id: 2,
      ticketNumber: 'T2',
      title: 'Ticket 2',
      details: `... ${text} ...`,
      accountId: null,
    });
    const searches = fake.requests.filter(r => r.path.endsWith('/tickets'));
    expect(searches).toHaveLength(3);
    expect(searches[0]?.query.get('Filter.Details')).toBe(text);
    expect(searches[0]?.query.get('PageSize')).toBe('50');
  });
});

describe('BmsClient createTicket', () => {
  it('posts the DTO and returns id and number', async () => {
    const { client, fake } = await setup({
      route: () => ok({ id: 91234, ticketNumber: 'SYN-0042' }),
    });
    const created = await client.createTicket(ticket);
    expect(created).toEqual({ id: 91234, ticketNumber: 'SYN-0042' });
    const post = fake.requests.at(-1) as RecordedRequest;
    expect(post.method).toBe('POST');
    expect(post.path).toBe('/v2/servicedesk/tickets');
    expect(post.headers['content-type']).toContain('application/json');
    expect(JSON.parse(post.body)).toEqual(ticket);
  });

  it('requires an id above zero', async () => {
    const { client, outcomes } = await setup({
      route: () => ok({ id: 0, ticketNumber: '' }),
    });
    const error = await caught(client.createTicket(ticket));
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain('ticket id 0');
    expect(summary(outcomes)).toEqual(['createTicket:failure']);
  });

  it('does not repeat the POST after a 5xx', async () => {
    const { client, fake, outcomes } = await setup({
      route: () => ({ status: 502, body: 'Bad gateway' }),
    });
    const error = await caught(client.createTicket(ticket));
    expect(error.code).toBe('remote-rejected');
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('may have been created');
    expect(
      fake.requests.filter(
        r => r.method === 'POST' && r.path.endsWith('/tickets'),
      ),
    ).toHaveLength(1);
    expect(summary(outcomes)).toEqual(['createTicket:failure']);
  });

  it('does not repeat the POST after a timeout', async () => {
    const { client, fake } = await setup({
      route: () => ({ ...ok({ id: 5, ticketNumber: 'T5' }), delayMs: 300 }),
      client: { timeoutMs: 100 },
    });
    const error = await caught(client.createTicket(ticket));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('may have been created');
    expect(fake.requests.filter(r => r.path.endsWith('/tickets'))).toHaveLength(
      1,
    );
  });

  it('repeats the POST once after a 401', async () => {
    let posts = 0;
    const { client, fake } = await setup({
      route: () => {
        posts += 1;
        return ok({ id: 77, ticketNumber: 'T77' });
      },
    });
    await client.listQueues().catch(() => undefined);
    fake.revokeTokens();
    const created = await client.createTicket(ticket);
    expect(created.id).toBe(77);
    expect(posts).toBe(2);
    expect(fake.signIns()).toBe(2);
  });
});

describe('BmsClient throttling', () => {
  function throttleThen(count: number, headers: Record<string, string>) {
    let calls = 0;
    return (request: RecordedRequest): FakeReply | undefined => {
      calls += 1;
      if (calls <= count) return { status: 429, headers, body: 'Slow down' };
      return routeQueues(request);
    };
  }

  it('waits Retry-After seconds', async () => {
    const { client, outcomes } = await setup({
      route: throttleThen(1, { 'retry-after': '1' }),
      client: { retryMaxMs: 5000 },
    });
    const started = Date.now();
    await client.listQueues();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(summary(outcomes)).toEqual([
      'listQueues:throttled',
      'listQueues:success',
    ]);
  });

  it('backs off without Retry-After', async () => {
    const { client, outcomes, fake } = await setup({
      route: throttleThen(3, {}),
    });
    expect(await client.listQueues()).toHaveLength(2);
    expect(fake.requests.filter(r => r.path.includes('queues'))).toHaveLength(
      4,
    );
    expect(summary(outcomes)).toEqual([
      'listQueues:throttled',
      'listQueues:throttled',
      'listQueues:throttled',
      'listQueues:success',
    ]);
  });

  it('raises rate-limited after the last wait', async () => {
    const { client, outcomes } = await setup({
      route: throttleThen(100, {}),
      client: { maxThrottleRetries: 2 },
    });
    const error = await caught(client.listQueues());
    expect(error.code).toBe('rate-limited');
    expect(error.isRetryable).toBe(true);
    // Running out of waits is still throttling, never a failure.
    expect(summary(outcomes)).toEqual([
      'listQueues:throttled',
      'listQueues:throttled',
      'listQueues:throttled',
    ]);
    expect(outcomes.at(-1)?.error?.code).toBe('rate-limited');
  });

  it('raises rate-limited when Retry-After exceeds the cap', async () => {
    const { client } = await setup({
      route: throttleThen(1, { 'retry-after': '3600' }),
    });
    const error = await caught(client.listQueues());
    expect(error.code).toBe('rate-limited');
    expect(error.message).toContain('3600 s');
  });

  it('reports a 5xx as failure', async () => {
    const { client, outcomes, fake } = await setup({
      route: () => ({ status: 503, body: 'Service unavailable' }),
    });
    const error = await caught(client.listQueues());
    expect(error.code).toBe('remote-rejected');
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('HTTP 503');
    expect(fake.requests.filter(r => r.path.includes('queues'))).toHaveLength(
      2,
    );
    expect(summary(outcomes)).toEqual(['listQueues:failure']);
  });
});

describe('BmsClient secrets', () => {
  const TOKEN_PREFIX = 'CANARY-TOKEN-5b1f';

  it('keeps password and token out of errors', async () => {
    let mode = 'echo-5xx';
    const { client, fake } = await setup({
      bms: { tokenPrefix: TOKEN_PREFIX },
      route: request => {
        const token = request.headers.authorization ?? '';
        const echo = `token=${token} password=${PASSWORD}`;
        if (mode === 'echo-5xx') return { status: 500, body: echo };
        if (mode === 'echo-html') return { body: `<html>${echo}</html>` };
        if (mode === 'echo-400') return { status: 400, body: echo };
        return ok({ id: 1, ticketNumber: 'T1' });
      },
    });
    const errors: ConnectorError[] = [];
    for (const next of ['echo-5xx', 'echo-html', 'echo-400']) {
      mode = next;
      errors.push(await caught(client.listQueues()));
      errors.push(await caught(client.createTicket(ticket)));
    }
    fake.rejectAllTokens = true;
    errors.push(await caught(client.listQueues()));
    expect(errors).toHaveLength(7);
    for (const error of errors) {
      for (const text of [String(error), error.message]) {
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain(TOKEN_PREFIX);
      }
    }
  });

  it('keeps the password out of a failed sign-in', async () => {
    const { client } = await setup({
      bms: { username: 'someone else' },
      route: routeQueues,
    });
    const error = await caught(client.listQueues());
    expect(String(error)).not.toContain(PASSWORD);
    expect(error.message).not.toContain(PASSWORD);
    expect(error.message).not.toContain(encodeURIComponent(PASSWORD));
  });
});
