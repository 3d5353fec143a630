import { afterEach, describe, expect, it } from 'vitest';

import {
  startDwidEmulator,
  type DwidEmulator,
} from '../../main/emulators/dwid/dwid-emulator';
import {
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

async function start(): Promise<DwidEmulator> {
  emulator = await startDwidEmulator({
    organizations: [organization(1), organization(2)],
    username: DWID_USER,
    password: DWID_PASSWORD,
  });
  return emulator;
}

async function patchOrganization(
  dwid: DwidEmulator,
  uuid: string,
  body: string,
  headers: Record<string, string> = DWID_HEADERS,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${dwid.url}/services/v2/organization/${uuid}`, {
    method: 'PATCH',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, body: await response.json() };
}

describe('Dark Web ID emulator PATCH organization', () => {
  it('renames the organization in later listings', async () => {
    const dwid = await start();
    const { uuid } = organization(2);
    const reply = await patchOrganization(
      dwid,
      uuid,
      JSON.stringify({ name: 'Renamed Two ' }),
    );

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ uuid, title: 'Renamed Two ' });
    const listing = await fetch(`${dwid.url}/services/organization.json`, {
      headers: DWID_HEADERS,
    });
    const page = (await listing.json()) as { list: { title: string }[] };
    expect(page.list.map(item => item.title)).toEqual([
      'Organization 1',
      'Renamed Two ',
    ]);
  });

  it('requires Basic auth', async () => {
    const dwid = await start();
    const reply = await patchOrganization(
      dwid,
      organization(1).uuid,
      JSON.stringify({ name: 'X' }),
      {},
    );
    expect(reply.status).toBe(401);
    expect(dwid.state.organizations[0]?.title).toBe('Organization 1');
  });

  it.each([
    ['not JSON', '{"name":'],
    ['an array', '["X"]'],
    ['a blank name', JSON.stringify({ name: '   ' })],
    ['a numeric name', JSON.stringify({ name: 5 })],
    ['a name over 255 characters', JSON.stringify({ name: 'x'.repeat(256) })],
  ])('rejects %s with 400', async (_label, body) => {
    const dwid = await start();
    const reply = await patchOrganization(dwid, organization(1).uuid, body);
    expect(reply.status).toBe(400);
    expect(dwid.state.organizations[0]?.title).toBe('Organization 1');
  });

  it('answers 404 for an unknown uuid', async () => {
    const dwid = await start();
    const reply = await patchOrganization(
      dwid,
      'no-such-organization',
      JSON.stringify({ name: 'X' }),
    );
    expect(reply.status).toBe(404);
  });

  it('answers 405 for GET on the v2 path', async () => {
    const dwid = await start();
    const response = await fetch(
      `${dwid.url}/services/v2/organization/${organization(1).uuid}`,
      { headers: DWID_HEADERS },
    );
    expect(response.status).toBe(405);
  });
});
