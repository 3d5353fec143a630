import { afterEach, describe, expect, it } from 'vitest';

import {
  startBmsEmulator,
  type BmsEmulator,
} from '../../main/emulators/bms/bms-emulator';
import { BMS_OPTIONS, logIn, type Envelope } from './emulator-fixtures';

let emulator: BmsEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(): Promise<{ bms: BmsEmulator; token: string }> {
  emulator = await startBmsEmulator(BMS_OPTIONS);
  return { bms: emulator, token: await logIn(emulator.url) };
}

const JSON_PATCH = 'application/json-patch+json';

async function patchAccount(
  bms: BmsEmulator,
  token: string | null,
  accountId: number,
  body: unknown,
  contentType = JSON_PATCH,
): Promise<{ status: number; body: Envelope | null }> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${bms.url}/v2/crm/accounts/${accountId}`, {
    method: 'PATCH',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? null : (JSON.parse(text) as Envelope),
  };
}

function renameTo(name: unknown): unknown[] {
  return [{ op: 'replace', path: '/AccountName', value: name }];
}

async function lookupNames(bms: BmsEmulator, token: string) {
  const response = await fetch(`${bms.url}/v2/crm/accounts/lookup`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as Envelope;
  return body.result as { id: number; name: string }[];
}

describe('BMS emulator PATCH account', () => {
  it('renames the account in later lookups', async () => {
    const { bms, token } = await start();
    const reply = await patchAccount(bms, token, 2002, renameTo('Fabrikam'));

    expect(reply.status).toBe(200);
    expect(reply.body?.success).toBe(true);
    expect(reply.body?.result).toMatchObject({
      id: 2002,
      accountName: 'Fabrikam',
      isActive: true,
      tenantName: 'Example MSP',
    });
    const names = await lookupNames(bms, token);
    expect(names.find(account => account.id === 2002)?.name).toBe('Fabrikam');
    expect(bms.accounts.find(account => account.id === 2002)?.name).toBe(
      'Fabrikam',
    );
  });

  it('accepts application/json as the vendor lists it', async () => {
    const { bms, token } = await start();
    const reply = await patchAccount(
      bms,
      token,
      2001,
      renameTo('Contoso'),
      'application/json; charset=utf-8',
    );
    expect(reply.status).toBe(200);
  });

  it.each([
    ['an object instead of an array', { op: 'replace' }, 'body'],
    [
      'an unknown property',
      [{ op: 'replace', path: '/AccountName', value: 'X', extra: 1 }],
      '0.extra: is not a known property',
    ],
    ['a numeric op', [{ op: 7, path: '/AccountName', value: 'X' }], '0.op'],
    ['a bad OperationType', [{ OperationType: 9 }], '0.OperationType'],
  ])('rejects %s with 400', async (_label, body, expected) => {
    const { bms, token } = await start();
    const reply = await patchAccount(bms, token, 2002, body);

    expect(reply.status).toBe(400);
    expect(reply.body?.success).toBe(false);
    expect(reply.body?.error?.details).toContain(expected);
    expect(bms.requests.at(-1)?.bodyValid).toBe(false);
    expect(bms.accounts.find(account => account.id === 2002)?.name).toBe(
      'Fabrikam Inc',
    );
  });

  it('rejects body that is not JSON', async () => {
    const { bms, token } = await start();
    const reply = await patchAccount(bms, token, 2002, '[{"op":');
    expect(reply.status).toBe(400);
    expect(reply.body?.error?.details).toContain('not valid JSON');
  });

  it('rejects operations it cannot apply', async () => {
    const { bms, token } = await start();
    const wrongPath = await patchAccount(bms, token, 2002, [
      { op: 'replace', path: '/Website', value: 'x' },
    ]);
    const blankName = await patchAccount(bms, token, 2002, renameTo('  '));
    const numberName = await patchAccount(bms, token, 2002, renameTo(5));

    expect(wrongPath.status).toBe(400);
    expect(wrongPath.body?.error?.details).toContain('/Website');
    expect(blankName.status).toBe(400);
    expect(numberName.status).toBe(400);
  });

  it('rejects an unsupported content type with 415', async () => {
    const { bms, token } = await start();
    const reply = await patchAccount(
      bms,
      token,
      2002,
      renameTo('X'),
      'text/plain',
    );
    expect(reply.status).toBe(415);
  });

  it('answers 404 for an unknown account', async () => {
    const { bms, token } = await start();
    const reply = await patchAccount(bms, token, 9999, renameTo('Nobody'));
    expect(reply.status).toBe(404);
    expect(reply.body?.error?.message).toBe('Account 9999 not found');
  });

  it('answers 401 without a token', async () => {
    const { bms } = await start();
    const reply = await patchAccount(bms, null, 2002, renameTo('X'));
    expect(reply.status).toBe(401);
  });

  it('fires a server-error fault on PATCH', async () => {
    const { bms, token } = await start();
    bms.faults.add({ kind: 'server-error', method: 'PATCH', status: 502 });

    const failed = await patchAccount(bms, token, 2002, renameTo('A'));
    const next = await patchAccount(bms, token, 2002, renameTo('B'));

    expect(failed.status).toBe(502);
    expect(next.status).toBe(200);
    expect(bms.accounts.find(account => account.id === 2002)?.name).toBe('B');
  });

  it('keeps the rename when drop-after-store fires', async () => {
    const { bms, token } = await start();
    bms.faults.add({ kind: 'drop-after-store', method: 'PATCH' });

    await expect(
      patchAccount(bms, token, 2002, renameTo('Dropped')),
    ).rejects.toThrow();
    expect(bms.accounts.find(account => account.id === 2002)?.name).toBe(
      'Dropped',
    );
  });
});
