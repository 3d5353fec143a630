import { afterEach, describe, expect, it } from 'vitest';

import { DwidClient } from '../../main/clients/dwid/dwid-client';
import { FAST_RETRIES, wireCompromise } from './dwid-fixtures';
import { startFakeServer, type FakeServer } from './fake-server';

let server: FakeServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

function client(url: string): DwidClient {
  return new DwidClient({
    url,
    username: 'api@example.com',
    password: 'dwid-walk-Pa55',
    ...FAST_RETRIES,
  });
}

describe('DwidClient page walk', () => {
  it('keeps pages stored before a failing one', async () => {
    server = await startFakeServer(request => {
      const page = Number(request.query.get('page'));
      if (page === 0) return { body: { list: [wireCompromise('c0')] } };
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
      [wireCompromise('a'), wireCompromise('b'), wireCompromise('z')],
      [wireCompromise('a'), wireCompromise('c'), wireCompromise('z')],
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
