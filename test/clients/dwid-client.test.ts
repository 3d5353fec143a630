import { afterEach, describe, expect, it } from 'vitest';

import type { Compromise } from '../../shared/domain';
import {
  DwidClient,
  formatBeginDate,
} from '../../main/clients/dwid/dwid-client';
import type { CompromisePage } from '../../main/clients/dwid/dwid-client';
import { ConnectorError } from '../../main/errors';
import { FAST_RETRIES, wireCompromise } from './dwid-fixtures';
import { closedPortUrl, startFakeServer } from './fake-server';
import type { FakeHandler, FakeServer } from './fake-server';

const PASSWORD = 'dwid-canary-Pa55';

let server: FakeServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

async function startDwid(handler: FakeHandler): Promise<DwidClient> {
  server = await startFakeServer(handler);
  return new DwidClient({
    url: `${server.url}/`,
    username: 'api@example.com',
    password: PASSWORD,
    ...FAST_RETRIES,
  });
}

function envelope(base: string, page: number, last: number, list: unknown[]) {
  const link = (n: number) => `${base}?page=${n}&limit=200`;
  return { self: link(page), first: link(0), last: link(last), list };
}

/** Serves `list` as page 0 and an empty list after it. */
function firstPageOnly(list: unknown[]): FakeHandler {
  return request => ({
    body: { list: request.query.get('page') === '0' ? list : [] },
  });
}

async function collect(
  client: DwidClient,
  options: { since?: Date; overlapMs?: number } = {},
) {
  const pages: CompromisePage[] = [];
  const totals = await client.walkCompromises(options, page => {
    pages.push(page);
  });
  return { pages, totals };
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

describe('DwidClient.walkCompromises', () => {
  it('follows pages until the last link', async () => {
    const client = await startDwid(request => {
      const page = Number(request.query.get('page'));
      const url = `${server?.url}/services/compromise.json`;
      return { body: envelope(url, page, 2, [wireCompromise(`c${page}`)]) };
    });
    const { pages, totals } = await collect(client);
    expect(totals).toEqual({ pages: 3, compromises: 3, invalid: 0 });
    expect(pages.map(page => page.compromises[0]?.uuid)).toEqual([
      'c0',
      'c1',
      'c2',
    ]);
    const requests = server?.requests ?? [];
    expect(requests.map(r => r.query.get('page'))).toEqual(['0', '1', '2']);
    expect(requests[0]?.path).toBe('/services/compromise.json');
    expect(requests[0]?.query.get('limit')).toBe('200');
    expect(requests[0]?.query.has('beginDate')).toBe(false);
    expect(requests[0]?.headers.accept).toBe('application/json');
    const basic = Buffer.from(`api@example.com:${PASSWORD}`).toString('base64');
    expect(requests[0]?.headers.authorization).toBe(`Basic ${basic}`);
  });

  it('ends at a 404 past the last page', async () => {
    const client = await startDwid(request => {
      const page = Number(request.query.get('page'));
      if (page >= 2) return { status: 404, body: 'Not found' };
      return { body: { list: [wireCompromise(`c${page}`)] } };
    });
    const { totals } = await collect(client);
    expect(totals).toEqual({ pages: 2, compromises: 2, invalid: 0 });
    expect(server?.requests.length).toBe(3);
  });

  it('ends at an empty list', async () => {
    const client = await startDwid(request => {
      const page = Number(request.query.get('page'));
      return { body: { list: page === 0 ? [wireCompromise('c0')] : [] } };
    });
    const { totals } = await collect(client);
    expect(totals.pages).toBe(1);
    expect(server?.requests.length).toBe(2);
  });

  it('stops when a page repeats the previous one', async () => {
    const client = await startDwid(() => ({
      body: { list: [wireCompromise('same')] },
    }));
    const { totals } = await collect(client);
    expect(totals).toEqual({ pages: 1, compromises: 1, invalid: 0 });
    expect(server?.requests.length).toBe(2);
  });

  it('treats 404 on page 0 as a wrong URL', async () => {
    const client = await startDwid(() => ({ status: 404, body: 'Not found' }));
    const error = await caught(collect(client));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('/services/compromise.json');
    expect(error.message).toContain('Check the Dark Web ID URL');
  });

  it('formats beginDate as since minus overlap in UTC', async () => {
    const client = await startDwid(() => ({ body: { list: [] } }));
    const since = new Date('2024-05-01T12:30:15.900Z');
    await collect(client, { since });
    await collect(client, { since, overlapMs: 0 });
    await collect(client, { since, overlapMs: 13 * 60 * 60 * 1000 });
    const beginDates = server?.requests.map(r => r.query.get('beginDate'));
    expect(beginDates).toEqual([
      '2024-05-01 10:30:15',
      '2024-05-01 12:30:15',
      '2024-04-30 23:30:15',
    ]);
  });

  it('normalises records and ignores unknown fields', async () => {
    const records = [
      wireCompromise('a', { unknown_field: { nested: true }, password: '' }),
      wireCompromise('b', { record_type: 'DOMAIN', password_criteria: false }),
      wireCompromise('c', { record_type: 'ip', password_criteria: null }),
      wireCompromise('d', { password_criteria: "Doesn't Match" }),
      wireCompromise('e', { password_criteria: 'N/A', password: null }),
    ];
    const client = await startDwid(firstPageOnly(records));

    const { pages } = await collect(client);

    const byUuid = new Map(pages[0]?.compromises.map(c => [c.uuid, c]));
    const first = byUuid.get('a') as Compromise;
    expect(first).toEqual({
      uuid: 'a',
      organizationUuid: 'org-1',
      recordType: 'Email',
      searchValue: 'a@example.com',
      password: null,
      passwordCriteria: 'Matches',
      source: 'Example dump',
      origin: 'shop.example.com',
      compromise: 'Breach',
      dateAdded: '2024-06-01T08:15:30.000Z',
      dateFound: '2024-06-01T00:00:00.000Z',
      pii: [],
    });

    expect(byUuid.get('b')?.recordType).toBe('Domain');
    expect(byUuid.get('b')?.passwordCriteria).toBe("Doesn't Match");
    expect(byUuid.get('b')?.password).toBe('hunter2');
    expect(byUuid.get('c')?.recordType).toBe('IP');
    expect(byUuid.get('c')?.passwordCriteria).toBe('N/A');
    expect(byUuid.get('d')?.passwordCriteria).toBe("Doesn't Match");
    expect(byUuid.get('e')?.passwordCriteria).toBe('N/A');
    expect(byUuid.get('e')?.password).toBeNull();
  });

  it('reads pii_hit as object or list', async () => {
    const alice = {
      namefirst: 'Alice',
      namelast: 'Example',
      addr1: '1 Example Way',
      addrcity: 'Exampletown',
      addrzip: '00001',
      attribution: ['x'],
    };
    const records = [
      wireCompromise('object', { pii_hit: alice }),
      wireCompromise('list', {
        pii_hit: [alice, { namefirst: 'Bob', addrzip: 12345 }, {}],
      }),
    ];
    const client = await startDwid(firstPageOnly(records));
    const { pages } = await collect(client);
    const [object, list] = pages[0]?.compromises ?? [];
    const aliceHit = {
      firstName: 'Alice',
      lastName: 'Example',
      address: '1 Example Way',
      city: 'Exampletown',
      zip: '00001',
    };
    expect(object?.pii).toEqual([aliceHit]);
    expect(list?.pii).toEqual([aliceHit, { firstName: 'Bob', zip: '12345' }]);
  });

  it('reports malformed records and continues', async () => {
    const records = [
      wireCompromise('good-1'),
      wireCompromise('bad-detected', { detected: 'yesterday' }),
      wireCompromise('bad-type', { record_type: 'Phone' }),
      wireCompromise('bad-date', { date_added: '2024-02-30 10:00:00' }),
      'not an object',
      { search_value: 'x@example.com' },
      wireCompromise('good-2'),
    ];
    const client = await startDwid(firstPageOnly(records));
    const { pages, totals } = await collect(client);
    expect(totals).toEqual({ pages: 1, compromises: 2, invalid: 5 });
    const page = pages[0] as CompromisePage;
    expect(page.compromises.map(c => c.uuid)).toEqual(['good-1', 'good-2']);
    const [detected, type, date, text, noUuid] = page.invalid;
    expect(detected?.uuid).toBe('bad-detected');
    expect(detected?.reason).toMatch(/^detected: /);
    expect(type?.uuid).toBe('bad-type');
    expect(type?.reason).toContain('record_type: expected Email, Domain or IP');
    expect(date?.uuid).toBe('bad-date');
    expect(date?.reason).toContain('date_added');
    expect(text?.uuid).toBeNull();
    expect(text?.reason).toMatch(/^\(record\): /);
    expect(noUuid?.uuid).toBeNull();
    expect(noUuid?.reason).toContain('uuid');
  });

  it('rejects an HTML page with status 200', async () => {
    const html = '<!DOCTYPE html><html><body>Please log in</body></html>';
    const client = await startDwid(() => ({
      body: html,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    }));
    const error = await caught(collect(client));
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain('an HTML page');
    expect(error.message).toContain(
      'wrong Dark Web ID URL or wrong credentials',
    );
  });

  it('rejects a body that is not JSON', async () => {
    const client = await startDwid(() => ({ body: 'OK then' }));
    const error = await caught(collect(client));
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain('not JSON');
    expect(error.message).toContain('OK then');
  });

  it('rejects an envelope without a list array', async () => {
    const client = await startDwid(() => ({ body: { list: 'nothing' } }));
    const error = await caught(collect(client));
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain('"list" array');
  });

  it('explains 401 and 403', async () => {
    let status = 401;
    const client = await startDwid(() => ({ status, body: 'denied' }));
    const unauthorized = await caught(collect(client));
    status = 403;
    const forbidden = await caught(client.listOrganizations());
    expect(unauthorized.code).toBe('auth-failed');
    expect(forbidden.code).toBe('permission-denied');
    for (const error of [unauthorized, forbidden]) {
      expect(error.message).toContain('api@example.com');
      expect(error.message).toContain('Permit access to web services');
      expect(error.message).toContain('public IPv4 address');
      expect(error.message).toContain('KaseyaOne sign-in is enforced');
      expect(String(error)).not.toContain(PASSWORD);
    }
  });
});

describe('DwidClient.listOrganizations', () => {
  it('reads all pages and the status', async () => {
    const client = await startDwid(request => {
      const page = Number(request.query.get('page'));
      const url = `${server?.url}/services/organization.json`;
      const list =
        page === 0
          ? [
              { uuid: 'o1', title: 'Acme', status: 'Enabled', extra: 1 },
              { uuid: 'o2', title: 'Beta', status: 'Disabled' },
            ]
          : [{ uuid: 'o3', title: 'Gamma' }, { title: 'no uuid' }];
      return { body: envelope(url, page, 1, list) };
    });
    const organizations = await client.listOrganizations();
    expect(organizations).toEqual([
      { uuid: 'o1', title: 'Acme', isEnabled: true },
      { uuid: 'o2', title: 'Beta', isEnabled: false },
      { uuid: 'o3', title: 'Gamma', isEnabled: true },
    ]);
    expect(server?.requests[0]?.path).toBe('/services/organization.json');
  });
});

describe('DwidClient transport errors', () => {
  it('maps a refused connection to network', async () => {
    const client = new DwidClient({
      url: await closedPortUrl(),
      username: 'api@example.com',
      password: PASSWORD,
      ...FAST_RETRIES,
    });
    const error = await caught(client.listOrganizations());
    expect(error.code).toBe('network');
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('maps a slow answer to timeout', async () => {
    server = await startFakeServer(() => ({
      body: { list: [] },
      delayMs: 300,
    }));
    const client = new DwidClient({
      url: server.url,
      username: 'api@example.com',
      password: PASSWORD,
      timeoutMs: 50,
      ...FAST_RETRIES,
      maxTransientRetries: 0,
    });
    const error = await caught(client.listOrganizations());
    expect(error.code).toBe('timeout');
    expect(error.isRetryable).toBe(true);
  });

  it('retries a 5xx and then succeeds', async () => {
    let calls = 0;
    const pages = firstPageOnly([{ uuid: 'o1', title: 'Acme' }]);
    const client = await startDwid(request => {
      calls += 1;
      return calls === 1
        ? { status: 502, body: 'Bad gateway' }
        : pages(request);
    });
    const organizations = await client.listOrganizations();
    expect(organizations.map(o => o.uuid)).toEqual(['o1']);
    expect(server?.requests.map(r => r.query.get('page'))).toEqual([
      '0',
      '0',
      '1',
    ]);
  });

  it('raises a retryable error after repeated 5xx', async () => {
    const client = await startDwid(() => ({ status: 503, body: 'Down' }));
    const error = await caught(client.listOrganizations());
    expect(error.code).toBe('remote-rejected');
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('HTTP 503');
    expect(server?.requests.length).toBe(2);
  });
});

describe('DwidClient options', () => {
  it('rejects plain http to a remote host', () => {
    const create = () =>
      new DwidClient({
        url: 'http://secure.darkwebid.com',
        username: 'u',
        password: PASSWORD,
      });
    expect(create).toThrow(/unencrypted/);
  });

  it('rejects a page limit above 200', () => {
    const create = () =>
      new DwidClient({
        url: 'http://127.0.0.1:1',
        username: 'u',
        password: PASSWORD,
        pageLimit: 201,
      });
    expect(create).toThrow(/1 to 200/);
  });

  it('formats beginDate without milliseconds', () => {
    const text = formatBeginDate(new Date('2024-12-31T23:59:59.999Z'));
    expect(text).toBe('2024-12-31 23:59:59');
  });
});
