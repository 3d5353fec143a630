import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startBmsEmulator,
  type BmsEmulator,
  type BmsEmulatorOptions,
} from '../../main/emulators/bms/bms-emulator';
import { BMS_OPTIONS, bmsRequest, logIn } from './emulator-fixtures';

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

const QUEUES = '/v2/system/queues/lookup';
const STATUSES = '/v2/system/statuses/lookup';

async function getQueues(
  bms: BmsEmulator,
  token: string,
  path = QUEUES,
): Promise<Response> {
  return fetch(`${bms.url}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

describe('BMS emulator request budget', () => {
  it('answers 429 with Retry-After over the limit', async () => {
    const { bms, token } = await start({
      budget: { limit: 2, windowMs: 60_000 },
    });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await getQueues(bms, token);
      statuses.push(response.status);
      retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(59);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  });

  it('counts each endpoint separately', async () => {
    const { bms, token } = await start({
      budget: { limit: 1, windowMs: 60_000 },
    });
    expect((await getQueues(bms, token)).status).toBe(200);
    expect((await getQueues(bms, token, STATUSES)).status).toBe(200);
    expect((await getQueues(bms, token)).status).toBe(429);
  });

  it('counts route templates, not concrete paths', async () => {
    const { bms, token } = await start({
      budget: { limit: 1, windowMs: 60_000 },
    });
    const first = '/v2/crm/accounts/2001/locations/lookup';
    const second = '/v2/crm/accounts/2002/locations/lookup';
    expect((await getQueues(bms, token, first)).status).toBe(200);
    expect((await getQueues(bms, token, second)).status).toBe(429);
  });

  it('resets after the window', async () => {
    const { bms, token } = await start({
      budget: { limit: 1, windowMs: 100 },
    });
    expect((await getQueues(bms, token)).status).toBe(200);
    const limited = await getQueues(bms, token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    await delay(120);
    expect((await getQueues(bms, token)).status).toBe(200);
  });
});

describe('BMS emulator faults', () => {
  it('answers server-error with 503 by default', async () => {
    const { bms, token } = await start();
    bms.faults.add({ kind: 'server-error' });
    expect((await getQueues(bms, token)).status).toBe(503);
    expect((await getQueues(bms, token)).status).toBe(200);
  });

  it('rate-limits with and without Retry-After', async () => {
    const { bms, token } = await start();
    bms.faults.add({ kind: 'rate-limit', retryAfterSeconds: 3 });
    bms.faults.add({ kind: 'rate-limit' });
    const first = await getQueues(bms, token);
    const second = await getQueues(bms, token);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBeNull();
  });

  it('matches on method', async () => {
    const { bms, token } = await start();
    bms.faults.add({ kind: 'server-error', method: 'POST' });
    expect((await getQueues(bms, token)).status).toBe(200);
    const { status } = await bmsRequest(
      bms.url,
      token,
      '/v2/servicedesk/tickets',
      {
        method: 'POST',
        json: {},
      },
    );
    expect(status).toBe(503);
  });

  it('sends truncated JSON on malformed-json', async () => {
    const { bms, token } = await start();
    bms.faults.add({ kind: 'malformed-json', path: 'queues' });
    const response = await getQueues(bms, token);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });

  it('sends an HTML page on html', async () => {
    const { bms, token } = await start();
    bms.faults.add({ kind: 'html' });
    const response = await getQueues(bms, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('delays the answer on slow', async () => {
    const { bms, token } = await start();
    bms.faults.add({ kind: 'slow', delayMs: 150 });
    const startedMs = performance.now();
    const response = await getQueues(bms, token);
    expect(response.status).toBe(200);
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(140);
  });

  it('logs every request with its status', async () => {
    const { bms, token } = await start();
    await getQueues(bms, token);
    expect(
      bms.requests.map(entry => [entry.method, entry.path, entry.status]),
    ).toEqual([
      ['POST', '/v2/security/authenticate', 200],
      ['GET', QUEUES, 200],
    ]);
  });
});
