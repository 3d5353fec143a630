import { afterEach, describe, expect, it } from 'vitest';

import {
  BmsClient,
  type RequestOutcome,
} from '../../main/clients/bms/bms-client';
import { DwidClient } from '../../main/clients/dwid/dwid-client';
import {
  startBmsEmulator,
  type BmsEmulator,
} from '../../main/emulators/bms/bms-emulator';
import {
  startDwidEmulator,
  type DwidEmulator,
} from '../../main/emulators/dwid/dwid-emulator';
import { ConnectorError } from '../../main/errors';
import {
  BMS_OPTIONS,
  BMS_PASSWORD,
  BMS_TENANT,
  BMS_USER,
  DWID_PASSWORD,
  DWID_USER,
  organization,
} from '../emulators/emulator-fixtures';

const FAST = { retryBaseMs: 1, retryMaxMs: 50, maxTransientRetries: 1 };

const running: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map(server => server.close()));
});

async function caught(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

async function startBms() {
  const bms: BmsEmulator = await startBmsEmulator(BMS_OPTIONS);
  running.push(bms);
  const outcomes: RequestOutcome[] = [];
  const client = new BmsClient({
    apiBaseUrl: bms.url,
    username: BMS_USER,
    password: BMS_PASSWORD,
    tenant: BMS_TENANT,
    budget: null,
    onRequestOutcome: outcome => outcomes.push(outcome),
    ...FAST,
  });
  const outcomeNames = () =>
    outcomes.map(outcome => `${outcome.operation}:${outcome.outcome}`);
  const patches = () =>
    bms.requests
      .filter(request => request.method === 'PATCH')
      .map(request => request.status);
  return { bms, client, outcomeNames, patches };
}

function nameOf(bms: BmsEmulator, accountId: number): string | undefined {
  return bms.accounts.find(account => account.id === accountId)?.name;
}

describe('BmsClient.renameAccount', () => {
  it('renames the account in BMS', async () => {
    const { bms, client, outcomeNames } = await startBms();
    const renamed = await client.renameAccount(2002, 'Fabrikam ');

    expect(renamed).toEqual({ id: 2002, name: 'Fabrikam ' });
    expect(nameOf(bms, 2002)).toBe('Fabrikam ');
    const listed = await client.listAccounts();
    expect(listed.find(account => account.id === 2002)?.name).toBe('Fabrikam ');
    expect(outcomeNames()[0]).toBe('renameAccount:success');
  });

  it('signs in again after a 401', async () => {
    const { bms, client, patches } = await startBms();
    await client.listQueues();
    bms.expireTokens();

    await client.renameAccount(2001, 'Contoso');

    expect(patches()).toEqual([401, 200]);
    expect(nameOf(bms, 2001)).toBe('Contoso');
  });

  it('waits out a 429 on PATCH', async () => {
    const { bms, client, outcomeNames, patches } = await startBms();
    bms.faults.add({
      kind: 'rate-limit',
      method: 'PATCH',
      retryAfterSeconds: 0,
    });

    await client.renameAccount(2001, 'Contoso');

    expect(patches()).toEqual([429, 200]);
    expect(outcomeNames()).toEqual([
      'renameAccount:throttled',
      'renameAccount:success',
    ]);
    expect(nameOf(bms, 2001)).toBe('Contoso');
  });

  it('raises rate-limited when Retry-After is too long', async () => {
    const { bms, client, outcomeNames } = await startBms();
    bms.faults.add({
      kind: 'rate-limit',
      method: 'PATCH',
      retryAfterSeconds: 600,
    });

    const error = await caught(client.renameAccount(2001, 'Contoso'));

    expect(error.code).toBe('rate-limited');
    expect(outcomeNames()).toEqual(['renameAccount:throttled']);
    expect(nameOf(bms, 2001)).toBe('Contoso Ltd');
  });

  it('retries a 5xx once', async () => {
    const { bms, client, patches } = await startBms();
    bms.faults.add({ kind: 'server-error', method: 'PATCH' });

    await client.renameAccount(2001, 'Contoso');

    expect(patches()).toEqual([503, 200]);
  });

  it('reports not-found for an unknown account', async () => {
    const { client, outcomeNames } = await startBms();
    const error = await caught(client.renameAccount(9999, 'Nobody'));

    expect(error.code).toBe('not-found');
    expect(error.message).toContain('/v2/crm/accounts/9999');
    expect(outcomeNames()).toEqual(['renameAccount:failure']);
  });

  it('rejects an invalid account id before sending', async () => {
    const { client, patches } = await startBms();
    const error = await caught(client.renameAccount(0, 'Zero'));

    expect(error.code).toBe('validation');
    expect(patches()).toEqual([]);
  });
});

async function startDwid(password = DWID_PASSWORD) {
  const dwid: DwidEmulator = await startDwidEmulator({
    organizations: [organization(1), organization(2)],
    username: DWID_USER,
    password: DWID_PASSWORD,
  });
  running.push(dwid);
  const client = new DwidClient({
    url: dwid.url,
    username: DWID_USER,
    password,
    ...FAST,
  });
  const patches = () =>
    dwid.requests
      .filter(request => request.method === 'PATCH')
      .map(request => request.status);
  return { dwid, client, patches };
}

describe('DwidClient.renameOrganization', () => {
  it('renames the organization in later listings', async () => {
    const { client } = await startDwid();
    await client.renameOrganization(organization(1).uuid, 'First Org');

    const titles = (await client.listOrganizations()).map(org => org.title);
    expect(titles).toEqual(['First Org', 'Organization 2']);
  });

  it('reports auth-failed for a wrong password', async () => {
    const { client } = await startDwid('wrong password');
    const error = await caught(
      client.renameOrganization(organization(1).uuid, 'X'),
    );
    expect(error.code).toBe('auth-failed');
  });

  it('reports not-found for an unknown uuid', async () => {
    const { client } = await startDwid();
    const error = await caught(client.renameOrganization('missing', 'X'));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('missing');
  });

  it('waits out a 429 and retries a 5xx', async () => {
    const { dwid, client, patches } = await startDwid();
    dwid.faults.add({
      kind: 'rate-limit',
      method: 'PATCH',
      retryAfterSeconds: 0,
    });
    dwid.faults.add({ kind: 'server-error', method: 'PATCH' });

    await client.renameOrganization(organization(2).uuid, 'Second');

    expect(patches()).toEqual([429, 503, 200]);
    expect(dwid.state.organizations[1]?.title).toBe('Second');
  });

  it('reports remote-rejected for a 400', async () => {
    const { client } = await startDwid();
    const error = await caught(
      client.renameOrganization(organization(1).uuid, '   '),
    );
    expect(error.code).toBe('remote-rejected');
    expect(error.message).toContain('HTTP 400');
  });
});
