import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startBmsEmulator,
  type BmsEmulator,
  type BmsEmulatorOptions,
} from '../../main/emulators/bms/bms-emulator';
import {
  BMS_OPTIONS,
  BMS_PASSWORD,
  BMS_TENANT,
  BMS_USER,
  bmsRequest,
  logIn,
  type Envelope,
} from './emulator-fixtures';

let emulator: BmsEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(
  overrides: Partial<BmsEmulatorOptions> = {},
): Promise<BmsEmulator> {
  emulator = await startBmsEmulator({ ...BMS_OPTIONS, ...overrides });
  return emulator;
}

async function authenticate(
  bms: BmsEmulator,
  body: URLSearchParams | FormData,
): Promise<{ status: number; body: Envelope }> {
  const response = await fetch(`${bms.url}/v2/security/authenticate`, {
    method: 'POST',
    body,
  });
  return { status: response.status, body: (await response.json()) as Envelope };
}

const STATUSES_PATH = '/v2/system/statuses/lookup';

describe('BMS emulator authenticate', () => {
  it('accepts a urlencoded form', async () => {
    const bms = await start();
    const { status, body } = await authenticate(
      bms,
      new URLSearchParams({
        UserName: BMS_USER,
        Password: BMS_PASSWORD,
        Tenant: BMS_TENANT,
        GrantType: 'password',
      }),
    );
    const result = body.result as Record<string, string>;
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    expect(body.error).toBeNull();
    expect(result.accessToken).toMatch(/^[\w-]{40,}$/);
    expect(result.refreshToken).toMatch(/^[\w-]{40,}$/);
    expect(Date.parse(result.accessTokenExpireOn ?? '')).toBeGreaterThan(
      Date.now(),
    );
    expect(Date.parse(result.refreshTokenExpireOn ?? '')).toBeGreaterThan(
      Date.now(),
    );
  });

  it('accepts multipart with any field-name case', async () => {
    const bms = await start();
    const form = new FormData();
    form.set('username', BMS_USER);
    form.set('PASSWORD', BMS_PASSWORD);
    form.set('tenant', BMS_TENANT);
    form.set('grantType', 'password');
    const { status, body } = await authenticate(bms, form);
    expect(status).toBe(200);
    expect(body.success).toBe(true);
  });

  it('rejects an empty tenant with 400', async () => {
    const bms = await start();
    const { status, body } = await authenticate(
      bms,
      new URLSearchParams({
        UserName: BMS_USER,
        Password: BMS_PASSWORD,
        Tenant: '',
        GrantType: 'password',
      }),
    );
    expect(status).toBe(400);
    expect(body.success).toBe(false);
    expect(body.error?.message).toBe("Tenant can't be empty");
  });

  it('rejects a wrong password with 401', async () => {
    const bms = await start();
    const { status, body } = await authenticate(
      bms,
      new URLSearchParams({
        UserName: BMS_USER,
        Password: 'wrong',
        Tenant: BMS_TENANT,
        GrantType: 'password',
      }),
    );
    expect(status).toBe(401);
    expect(body.success).toBe(false);
    expect(body.error?.message).toBe('Invalid username, password or tenant');
  });

  it('rejects a JSON login body with 415', async () => {
    const bms = await start();
    const response = await fetch(`${bms.url}/v2/security/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ UserName: BMS_USER }),
    });
    expect(response.status).toBe(415);
  });
});

describe('BMS emulator bearer tokens', () => {
  it('rejects a missing token with Security Error', async () => {
    const bms = await start();
    const response = await fetch(`${bms.url}${STATUSES_PATH}`);
    const body = (await response.json()) as Envelope;
    expect(response.status).toBe(401);
    expect(body.success).toBe(false);
    expect(body.error?.code).toBe(978001);
    expect(body.error?.message).toBe('Security Error');
  });

  it('rejects an unknown token', async () => {
    const bms = await start();
    const { status } = await bmsRequest(bms.url, 'forged', STATUSES_PATH);
    expect(status).toBe(401);
  });

  it('expires tokens after tokenTtlMs', async () => {
    const bms = await start({ tokenTtlMs: 150 });
    const token = await logIn(bms.url);
    expect((await bmsRequest(bms.url, token, STATUSES_PATH)).status).toBe(200);
    await delay(200);
    const expired = await bmsRequest(bms.url, token, STATUSES_PATH);
    expect(expired.status).toBe(401);
    expect(expired.body.error?.code).toBe(978001);
  });

  it('invalidates tokens on the expire-token fault', async () => {
    const bms = await start();
    const token = await logIn(bms.url);
    bms.faults.add({ kind: 'expire-token', path: 'statuses' });
    expect((await bmsRequest(bms.url, token, STATUSES_PATH)).status).toBe(401);
    const fresh = await logIn(bms.url);
    expect((await bmsRequest(bms.url, fresh, STATUSES_PATH)).status).toBe(200);
  });

  it('invalidates tokens on expireTokens()', async () => {
    const bms = await start();
    const token = await logIn(bms.url);
    bms.expireTokens();
    expect((await bmsRequest(bms.url, token, STATUSES_PATH)).status).toBe(401);
  });
});
