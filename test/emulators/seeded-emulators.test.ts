import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

import { startSeededEmulators } from '../../main/emulators/seeded-emulators';

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers
      .splice(0)
      .map(server => new Promise(resolve => server.close(resolve))),
  );
});

/** Listens on `port` of 127.0.0.1 (0 for any free port), returns the port. */
async function listen(port: number): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

/** Finds a free port by listening on one and closing it again. */
async function freePort(): Promise<number> {
  const port = await listen(0);
  const server = servers.pop();
  await new Promise(resolve => server?.close(resolve));
  return port;
}

describe('startSeededEmulators', () => {
  it('closes Dark Web ID when BMS fails to start', async () => {
    const bmsPort = await listen(0);
    const dwidPort = await freePort();

    await expect(
      startSeededEmulators({ dwidPort, bms: { port: bmsPort } }),
    ).rejects.toThrow(/EADDRINUSE/);

    // Listening on the Dark Web ID port again fails while it is still open.
    await expect(listen(dwidPort)).resolves.toBe(dwidPort);
  });
});
