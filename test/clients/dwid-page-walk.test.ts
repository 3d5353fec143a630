import { afterEach, describe, expect, it } from 'vitest';

import { DwidClient } from '../../main/clients/dwid/dwid-client';
import { startFakeServer, type FakeServer } from './fake-server';

let server: FakeServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

function record(uuid: string) {
  return {
    uuid,
    organization: 'org-1',
    search_value: `${uuid}@example.com`,
    search_record: 'feed-1',
    record_type: 'Email',
    password: 'hunter2',
    password_status_name: 'Plaintext',
    hash_type: null,
    password_criteria: true,
    source: 'Example dump',
    origin: 'shop.example.com',
    compromise: 'Breach',
    record_status: 'Unresolved',
    detected: 1717200000,
    date_added: '2024-06-01 08:15:30',
    occurred: null,
    pii_hit: null,
  };
}

function client(url: string): DwidClient {
  return new DwidClient({
    url,
    username: 'api@example.com',
    password: 'review-Pa55',
    retryBaseMs: 1,
    retryMaxMs: 5,
    maxTransientRetries: 1,
  });
}

describe('DwidClient page walk', () => {
  it('keeps pages stored before a failing one', async () => {
    server = await startFakeServer(request => {
      const page = Number(request.query.get('page'));
      if (page === 0) return { body: { list: [record('c0')] } };
      return { status: 500, body: 'down' };
    });
    const seen: string[] = [];
    const walk = client(server.url).walkCompromises({}, page => {
      for (const c of page.compromises) seen.push(c.uuid);
    });

    await expect(walk).rejects.toMatchObject({ code: 'remote-rejected' });
    expect(seen).toEqual(['c0']);
  });

  it('walks pages that share their ends', async () => {
    const pages = [
      [record('a'), record('b'), record('z')],
      [record('a'), record('c'), record('z')],
    ];
    server = await startFakeServer(request => {
      const page = Number(request.query.get('page'));
      return { body: { list: pages[page] ?? [] } };
    });
    const seen: string[] = [];
    await client(server.url).walkCompromises({}, page => {
      for (const c of page.compromises) seen.push(c.uuid);
    });

    expect(seen).toEqual(['a', 'b', 'z', 'a', 'c', 'z']);
  });
});
