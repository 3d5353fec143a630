import { afterEach, describe, expect, it } from 'vitest';
import {
  startDwidEmulator,
  type DwidEmulator,
} from '../../main/emulators/dwid/dwid-emulator';
import type {
  DwidCompromise,
  DwidPage,
} from '../../main/emulators/dwid/dwid-types';
import {
  basicAuth,
  compromise,
  DWID_HEADERS,
  DWID_PASSWORD,
  DWID_USER,
  organization,
} from './emulator-fixtures';

let emulator: DwidEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(count: number): Promise<DwidEmulator> {
  emulator = await startDwidEmulator({
    organizations: [organization(1), organization(2)],
    compromises: Array.from({ length: count }, (_, index) => compromise(index)),
    username: DWID_USER,
    password: DWID_PASSWORD,
  });
  return emulator;
}

async function getPage(
  dwid: DwidEmulator,
  query: string,
): Promise<{ status: number; page: DwidPage<DwidCompromise> }> {
  const response = await fetch(`${dwid.url}/services/compromise.json${query}`, {
    headers: DWID_HEADERS,
  });
  return {
    status: response.status,
    page: (await response.json()) as DwidPage<DwidCompromise>,
  };
}

describe('DWID emulator authentication', () => {
  it('rejects a missing Authorization header', async () => {
    const dwid = await start(1);
    const response = await fetch(`${dwid.url}/services/organization.json`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(dwid.requests.at(-1)?.status).toBe(401);
  });

  it('rejects a wrong password', async () => {
    const dwid = await start(1);
    const response = await fetch(`${dwid.url}/services/organization.json`, {
      headers: { authorization: basicAuth(DWID_USER, 'wrong') },
    });
    expect(response.status).toBe(401);
  });

  it('lists organizations with valid credentials', async () => {
    const dwid = await start(0);
    const response = await fetch(`${dwid.url}/services/organization.json`, {
      headers: DWID_HEADERS,
    });
    const body = (await response.json()) as DwidPage<unknown>;
    expect(response.status).toBe(200);
    expect(body.list).toEqual([organization(1), organization(2)]);
  });
});

describe('DWID emulator paging', () => {
  it('builds envelope links with page and limit', async () => {
    const dwid = await start(5);
    const { status, page } = await getPage(dwid, '?page=1&limit=2');
    expect(status).toBe(200);
    expect(page.self).toBe(
      `${dwid.url}/services/compromise.json?page=1&limit=2`,
    );
    expect(page.first).toBe(
      `${dwid.url}/services/compromise.json?page=0&limit=2`,
    );
    expect(page.last).toBe(
      `${dwid.url}/services/compromise.json?page=2&limit=2`,
    );
    expect(page.list.map(record => record.uuid)).toEqual([
      compromise(2).uuid,
      compromise(3).uuid,
    ]);
  });

  it('keeps filters in the links', async () => {
    const dwid = await start(3);
    const { page } = await getPage(
      dwid,
      '?beginDate=2026-11-01%2000%3A00%3A00&page=0&limit=2',
    );
    expect(page.last).toBe(
      `${dwid.url}/services/compromise.json?beginDate=2026-11-01+00%3A00%3A00&page=1&limit=2`,
    );
  });

  it('defaults to page 0 and limit 200', async () => {
    const dwid = await start(201);
    const { page } = await getPage(dwid, '');
    expect(page.list).toHaveLength(200);
    expect(page.self).toBe(
      `${dwid.url}/services/compromise.json?page=0&limit=200`,
    );
    expect(page.last).toContain('page=1&limit=200');
  });

  it('returns 404 past the last page', async () => {
    const dwid = await start(4);
    const { status } = await getPage(dwid, '?page=2&limit=2');
    expect(status).toBe(404);
  });

  it('serves page 0 of an empty set', async () => {
    const dwid = await start(0);
    const { status, page } = await getPage(dwid, '?page=0');
    expect(status).toBe(200);
    expect(page.list).toEqual([]);
    expect(page.last).toContain('page=0&limit=200');
  });

  it('rejects a limit above 200', async () => {
    const dwid = await start(1);
    const response = await fetch(
      `${dwid.url}/services/compromise.json?limit=201`,
      { headers: DWID_HEADERS },
    );
    const body = (await response.json()) as { error: string };
    expect(response.status).toBe(400);
    expect(body.error).toContain('limit');
  });
});

describe('DWID emulator compromise filters', () => {
  it('filters by inclusive date_added range', async () => {
    const dwid = await start(10);
    const { page } = await getPage(
      dwid,
      '?beginDate=2026-11-01 00:02:00&endDate=2026-11-01 00:04:00',
    );
    expect(page.list.map(record => record.date_added)).toEqual([
      '2026-11-01 00:02:00',
      '2026-11-01 00:03:00',
      '2026-11-01 00:04:00',
    ]);
  });

  it('rejects a malformed beginDate', async () => {
    const dwid = await start(1);
    const { status } = await getPage(dwid, '?beginDate=2026-11-01T00:00:00Z');
    expect(status).toBe(400);
  });

  it('filters by repeated organization[]', async () => {
    const dwid = await start(0);
    dwid.addCompromises([
      compromise(1, organization(1)),
      compromise(2, organization(2)),
      compromise(3, organization(3)),
    ]);
    const { page } = await getPage(
      dwid,
      `?organization[]=${organization(1).uuid}&organization[]=${organization(3).uuid}`,
    );
    expect(page.list.map(record => record.uuid)).toEqual([
      compromise(1).uuid,
      compromise(3).uuid,
    ]);
  });

  it('orders by date_added then uuid', async () => {
    const dwid = await start(0);
    const late = compromise(5);
    const early = { ...compromise(9), date_added: '2026-10-01 00:00:00' };
    const tie = { ...compromise(1), date_added: late.date_added };
    dwid.addCompromises([late, early, tie]);
    const { page } = await getPage(dwid, '');
    expect(page.list.map(record => record.uuid)).toEqual([
      early.uuid,
      tie.uuid,
      late.uuid,
    ]);
  });

  it('exposes added records in state', async () => {
    const dwid = await start(1);
    dwid.addOrganizations([organization(3)]);
    expect(dwid.state.organizations).toHaveLength(3);
    expect(dwid.state.compromises).toHaveLength(1);
  });
});

describe('DWID emulator faults', () => {
  it('adds a malformed record to the next page', async () => {
    const dwid = await start(2);
    dwid.faults.add({ kind: 'bad-record', path: 'compromise' });
    const first = await getPage(dwid, '');
    const second = await getPage(dwid, '');
    expect(first.page.list).toHaveLength(3);
    const bad = first.page.list[2] as unknown as Record<string, unknown>;
    expect(typeof bad.uuid).toBe('string');
    expect(bad.search_value).toBeUndefined();
    expect(bad.organization).toBe(42);
    expect(second.page.list).toHaveLength(2);
  });

  it('repeats earlier records on redeliver', async () => {
    const dwid = await start(6);
    dwid.faults.add({ kind: 'redeliver' });
    const page0 = await getPage(dwid, '?page=0&limit=3');
    const page1 = await getPage(dwid, '?page=1&limit=3');
    expect(page0.page.list).toHaveLength(3);
    expect(page1.page.list.map(record => record.uuid)).toEqual([
      compromise(1).uuid,
      compromise(2).uuid,
      compromise(3).uuid,
      compromise(4).uuid,
      compromise(5).uuid,
    ]);
    expect(dwid.faults.pending).toEqual([]);
  });

  it('answers a server error the given times', async () => {
    const dwid = await start(1);
    dwid.faults.add({ kind: 'server-error', status: 502, times: 2 });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push((await getPage(dwid, '')).status);
    }
    expect(statuses).toEqual([502, 502, 200]);
  });

  it('rate-limits with Retry-After', async () => {
    const dwid = await start(1);
    dwid.faults.add({ kind: 'rate-limit', retryAfterSeconds: 7 });
    const response = await fetch(`${dwid.url}/services/compromise.json`, {
      headers: DWID_HEADERS,
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('sends truncated JSON on malformed-json', async () => {
    const dwid = await start(1);
    dwid.faults.add({ kind: 'malformed-json' });
    const response = await fetch(`${dwid.url}/services/compromise.json`, {
      headers: DWID_HEADERS,
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });

  it('sends an HTML login page on html', async () => {
    const dwid = await start(1);
    dwid.faults.add({ kind: 'html', path: 'organization' });
    const response = await fetch(`${dwid.url}/services/organization.json`, {
      headers: DWID_HEADERS,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<form');
  });

  it('delays the answer on slow', async () => {
    const dwid = await start(1);
    dwid.faults.add({ kind: 'slow', delayMs: 150 });
    const startedMs = performance.now();
    const { status } = await getPage(dwid, '');
    expect(status).toBe(200);
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(140);
  });

  it('fires only on a matching path', async () => {
    const dwid = await start(1);
    dwid.faults.add({ kind: 'server-error', path: 'organization' });
    expect((await getPage(dwid, '')).status).toBe(200);
    expect(dwid.faults.pending).toHaveLength(1);
  });

  it('rejects an unsupported kind', async () => {
    const dwid = await start(0);
    expect(() => dwid.faults.add({ kind: 'expire-token' as 'slow' })).toThrow(
      /Unsupported fault kind/,
    );
  });
});

describe('DWID emulator page faults', () => {
  it('keeps bad-record armed across a 404', async () => {
    const dwid = await start(1);
    dwid.faults.add({ kind: 'bad-record' });
    expect((await getPage(dwid, '?page=3')).status).toBe(404);
    expect(dwid.faults.pending).toHaveLength(1);
    const { page } = await getPage(dwid, '');
    expect(page.list).toHaveLength(2);
  });

  it('adds a malformed organization', async () => {
    const dwid = await start(0);
    dwid.faults.add({ kind: 'bad-record', path: 'organization' });
    const response = await fetch(`${dwid.url}/services/organization.json`, {
      headers: DWID_HEADERS,
    });
    const body = (await response.json()) as DwidPage<Record<string, unknown>>;
    expect(body.list).toHaveLength(3);
    expect(body.list[2]?.title).toBeNull();
    expect(body.list[2]?.status).toBe(1);
  });
});
