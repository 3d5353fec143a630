import { afterEach, describe, expect, it } from 'vitest';

import type {
  CompanyMapping,
  ConnectorEvent,
  PendingChangeView,
} from '../../shared/contract';
import { dispatchCall } from '../../main/bridge/dispatch';
import { hasMarker } from '../../main/engine/tickets/marker';
import { DEMO_TICKET_IDS } from '../../main/emulators/seed';
import {
  startSeededEmulators,
  type SeededEmulators,
} from '../../main/emulators/seeded-emulators';
import type { ConnectorService } from '../../main/service/connector-service';
import { compromise } from '../emulators/emulator-fixtures';
import { startHarness, type Harness } from '../support/harness';

/** Seed options of the harness, so restarted emulators hold the same data. */
const SEED = { seed: 7, organizations: 12, compromises: 120 };
/** Account 2002 is the lower-cased title of organization 1 in the seed. */
const LOWERCASE_ACCOUNT_ID = 2002;
/** Account 2005 is the upper-cased title of organization 4 in the seed. */
const UPPERCASE_ACCOUNT_ID = 2005;

let harness: Harness | undefined;
let restarted: SeededEmulators | undefined;

afterEach(async () => {
  await restarted?.close();
  restarted = undefined;
  await harness?.close();
  harness = undefined;
});

async function start(): Promise<Harness> {
  harness = await startHarness({
    seed: SEED.seed,
    organizations: SEED.organizations,
    compromises: SEED.compromises,
  });
  return harness;
}

async function call<T>(
  service: ConnectorService,
  name: string,
  input: unknown,
): Promise<T> {
  const result = await dispatchCall(service, name, input);
  if (!result.ok) {
    throw new Error(
      `${name} failed: ${result.error.code} ${result.error.message}`,
    );
  }
  return result.value as T;
}

async function callError(
  service: ConnectorService,
  name: string,
  input: unknown,
): Promise<{ code: string; message: string }> {
  const result = await dispatchCall(service, name, input);
  if (result.ok) throw new Error(`${name} succeeded unexpectedly`);
  return result.error;
}

function integrationId(h: Harness): number {
  const integration = h.service.store.integrations.list()[0];
  if (integration === undefined) throw new Error('no integration');
  return integration.id;
}

function getMapping(h: Harness): Promise<CompanyMapping> {
  return call(h.service, 'company-mapping:get', {
    integrationId: integrationId(h),
  });
}

function renameAccount(
  h: Harness,
  accountId: number | string,
  newName: string,
): Promise<PendingChangeView> {
  return call(h.service, 'company-mapping:rename', {
    integrationId: integrationId(h),
    target: 'bms-account',
    targetId: String(accountId),
    newName,
  });
}

function organizationAt(h: Harness, index: number) {
  const organization = h.seed.dwid.organizations[index];
  if (organization === undefined) throw new Error(`no organization ${index}`);
  return organization;
}

/** Starts both emulators again on their old ports with the same data. */
async function restartEmulators(h: Harness): Promise<SeededEmulators> {
  restarted = await startSeededEmulators({
    seed: SEED,
    dwidPassword: h.dwidPassword,
    bmsPassword: h.bmsPassword,
    dwidPort: h.dwid.port,
    bms: { port: h.bms.port },
  });
  return restarted;
}

describe('company-mapping:get', () => {
  it('lists cached accounts with their matches', async () => {
    const h = await start();
    await h.service.sync();
    const mapping = await getMapping(h);

    const activeAccounts = h.seed.bms.accounts.filter(a => a.isActive);
    expect(mapping.totalAccounts).toBe(activeAccounts.length);
    expect(mapping.accounts).toHaveLength(activeAccounts.length);
    expect(mapping.fetchedAt).not.toBeNull();
    expect(mapping.catchallAccountId).toBe(DEMO_TICKET_IDS.catchallAccountId);
    expect(mapping.organizations).toHaveLength(SEED.organizations);
    const byId = new Map(mapping.accounts.map(a => [a.id, a]));
    expect(byId.get(2001)?.matchedOrganizationUuid).toBe(
      organizationAt(h, 0).uuid,
    );
    expect(byId.get(LOWERCASE_ACCOUNT_ID)?.matchedOrganizationUuid).toBeNull();
    expect(byId.get(LOWERCASE_ACCOUNT_ID)?.pendingName).toBeNull();
    expect(mapping.organizations[0]).toMatchObject({
      integrationId: integrationId(h),
      integrationName: 'Main BMS',
      pendingName: null,
    });
  });

  it('matches duplicate names to the smallest uuid', async () => {
    const h = await start();
    await h.service.sync();
    const title = organizationAt(h, 0).title;
    h.service.store.organizations.upsertMany([
      { uuid: '00000000-0000-0000-0000-000000000000', title, isEnabled: true },
      { uuid: 'ffffffff-0000-0000-0000-000000000000', title, isEnabled: true },
    ]);

    const mapping = await getMapping(h);

    const account = mapping.accounts.find(a => a.id === 2001);
    expect(account?.matchedOrganizationUuid).toBe(
      '00000000-0000-0000-0000-000000000000',
    );
  });

  it('reads 10,000 accounts and 5,000 organizations', async () => {
    const h = await start();
    const id = integrationId(h);
    const { store } = h.service;
    store.bmsCache.replaceAccounts(
      id,
      Array.from({ length: 10_000 }, (_, i) => ({
        id: i + 1,
        name: `Company ${i}`,
        isActive: true,
      })),
    );
    store.organizations.upsertMany(
      Array.from({ length: 5_000 }, (_, i) => ({
        uuid: `org-${String(i).padStart(5, '0')}`,
        title: `Company ${i * 2}`,
        isEnabled: true,
      })),
    );

    const mapping = await getMapping(h);

    expect(mapping.totalAccounts).toBe(10_000);
    expect(mapping.organizations).toHaveLength(5_000);
    const matched = mapping.accounts.filter(
      a => a.matchedOrganizationUuid !== null,
    );
    expect(matched).toHaveLength(5_000);
  });

  it('rejects an unknown integration', async () => {
    const h = await start();
    const error = await callError(h.service, 'company-mapping:get', {
      integrationId: 999,
    });
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('999');
  });
});

describe('company-mapping:rename', () => {
  it('keeps a rename offline and applies it later', async () => {
    const h = await start();
    await h.service.sync();
    const events: ConnectorEvent[] = [];
    h.service.subscribe(event => events.push(event));
    const title = organizationAt(h, 1).title;
    await h.dwid.close();
    await h.bms.close();

    const change = await renameAccount(h, LOWERCASE_ACCOUNT_ID, title);

    expect(change).toMatchObject({
      integrationId: integrationId(h),
      target: 'bms-account',
      targetId: String(LOWERCASE_ACCOUNT_ID),
      newName: title,
      attempts: 0,
      lastError: null,
    });
    expect(events).toContainEqual({
      type: 'data-changed',
      scope: 'pending-changes',
    });
    const offline = await getMapping(h);
    expect(offline.accounts.find(a => a.id === LOWERCASE_ACCOUNT_ID)).toEqual({
      id: LOWERCASE_ACCOUNT_ID,
      name: title,
      matchedOrganizationUuid: organizationAt(h, 1).uuid,
      pendingName: title,
    });

    // A sync while both systems are down fails to send and to refresh.
    await h.service.sync({ cacheMaxAgeMs: 0 });
    const [failed] = await call<PendingChangeView[]>(
      h.service,
      'pending-changes:list',
      {},
    );
    expect(failed?.attempts).toBe(1);
    expect(failed?.lastError).toContain('Could not reach');

    // BMS is back but rejects the PATCH: the refresh fetches the old name,
    // and the queued name stays in the cache.
    const emulators = await restartEmulators(h);
    emulators.bms.faults.add({
      kind: 'server-error',
      method: 'PATCH',
      times: 100,
    });
    await h.service.sync({ cacheMaxAgeMs: 0 });
    const refreshed = await getMapping(h);
    expect(
      refreshed.accounts.find(a => a.id === LOWERCASE_ACCOUNT_ID)?.name,
    ).toBe(title);
    expect(
      emulators.bms.requests.some(
        r => r.path === '/v2/crm/accounts/lookup' && r.status === 200,
      ),
    ).toBe(true);

    emulators.bms.faults.clear();
    const report = await call<{ applied: number; remaining: number }>(
      h.service,
      'pending-changes:apply',
      {},
    );

    expect(report).toEqual({ applied: 1, remaining: 0 });
    const remote = emulators.bms.accounts.find(
      a => a.id === LOWERCASE_ACCOUNT_ID,
    );
    expect(remote?.name).toBe(title);
    expect(await call(h.service, 'pending-changes:list', {})).toEqual([]);
    const applied = await getMapping(h);
    expect(
      applied.accounts.find(a => a.id === LOWERCASE_ACCOUNT_ID)?.pendingName,
    ).toBeNull();
    expect(events).toContainEqual({ type: 'data-changed', scope: 'cache' });
  });

  it('routes later tickets to the renamed account', async () => {
    const h = await start();
    await h.service.sync();
    const renamedOrg = organizationAt(h, 1);
    const uppercaseOrg = organizationAt(h, 4);
    const catchallBefore = h.bms.tickets.filter(t =>
      isTicketOf(h, t.body.Details, renamedOrg.uuid),
    );
    expect(catchallBefore.length).toBeGreaterThan(0);
    for (const ticket of catchallBefore) {
      expect(ticket.body.AccountId).toBe(DEMO_TICKET_IDS.catchallAccountId);
    }

    await renameAccount(h, LOWERCASE_ACCOUNT_ID, renamedOrg.title);
    const uppercaseName = uppercaseOrg.title.toUpperCase();
    await call(h.service, 'company-mapping:rename', {
      integrationId: integrationId(h),
      target: 'dwid-organization',
      targetId: uppercaseOrg.uuid,
      newName: uppercaseName,
    });
    const fresh = [
      {
        ...compromise(1, renamedOrg),
        uuid: 'a0000000-0000-4000-8000-000000000001',
      },
      {
        ...compromise(2, uppercaseOrg),
        uuid: 'a0000000-0000-4000-8000-000000000002',
      },
    ].map(record => ({ ...record, date_added: '2026-12-02 00:00:00' }));
    h.dwid.addCompromises(fresh);

    await h.service.sync();

    const accountOf = (uuid: string) =>
      h.bms.tickets.find(t => hasMarker(String(t.body.Details), uuid))?.body
        .AccountId;
    expect(accountOf('a0000000-0000-4000-8000-000000000001')).toBe(
      LOWERCASE_ACCOUNT_ID,
    );
    expect(accountOf('a0000000-0000-4000-8000-000000000002')).toBe(
      UPPERCASE_ACCOUNT_ID,
    );
    expect(
      h.dwid.state.organizations.find(o => o.uuid === uppercaseOrg.uuid)?.title,
    ).toBe(uppercaseName);
    expect(await call(h.service, 'pending-changes:list', {})).toEqual([]);
  });

  it.each([
    ['an empty name', '', '""'],
    ['a blank name', '   ', '"   "'],
    ['a line break', 'North\nwind', '"North\\nwind"'],
    ['a tab', 'North\twind', 'U+0009'],
  ])('rejects %s', async (_label, newName, shown) => {
    const h = await start();
    await h.service.sync();
    const error = await callError(h.service, 'company-mapping:rename', {
      integrationId: integrationId(h),
      target: 'bms-account',
      targetId: '2001',
      newName,
    });
    expect(error.code).toBe('validation');
    expect(error.message).toContain(shown);
    expect(h.service.store.pendingChanges.list()).toEqual([]);
  });

  it('rejects a name over 255 characters', async () => {
    const h = await start();
    const error = await callError(h.service, 'company-mapping:rename', {
      integrationId: integrationId(h),
      target: 'bms-account',
      targetId: '2001',
      newName: 'x'.repeat(256),
    });
    expect(error.code).toBe('validation');
    expect(error.message).toContain('newName');
  });

  it('keeps edge spaces exactly as typed', async () => {
    const h = await start();
    await h.service.sync();
    const change = await renameAccount(h, 2001, ' Contoso ');
    expect(change.newName).toBe(' Contoso ');
  });

  it('keeps the name before the first rename', async () => {
    const h = await start();
    await h.service.sync();
    const before = await getMapping(h);
    const oldName = before.accounts.find(
      account => account.id === LOWERCASE_ACCOUNT_ID,
    )?.name;
    expect(oldName).toBeDefined();

    const first = await renameAccount(h, LOWERCASE_ACCOUNT_ID, 'First name');
    const second = await renameAccount(h, LOWERCASE_ACCOUNT_ID, 'Second name');

    expect(first.previousName).toBe(oldName);
    expect(second.id).toBe(first.id);
    expect(second.newName).toBe('Second name');
    expect(second.previousName).toBe(oldName);
  });

  it('withdraws a rename back to the old name', async () => {
    const h = await start();
    await h.service.sync();
    const before = await getMapping(h);
    const oldName =
      before.accounts.find(account => account.id === LOWERCASE_ACCOUNT_ID)
        ?.name ?? '';

    await renameAccount(h, LOWERCASE_ACCOUNT_ID, 'Interim name');
    const back = await call<PendingChangeView | null>(
      h.service,
      'company-mapping:rename',
      {
        integrationId: integrationId(h),
        target: 'bms-account',
        targetId: String(LOWERCASE_ACCOUNT_ID),
        newName: oldName,
      },
    );

    expect(back).toBeNull();
    expect(
      await call<PendingChangeView[]>(h.service, 'pending-changes:list', {}),
    ).toEqual([]);
    const after = await getMapping(h);
    expect(
      after.accounts.find(account => account.id === LOWERCASE_ACCOUNT_ID),
    ).toMatchObject({ name: oldName, pendingName: null });
  });

  it('rejects a rename to the current name', async () => {
    const h = await start();
    await h.service.sync();
    const before = await getMapping(h);
    const name =
      before.accounts.find(account => account.id === LOWERCASE_ACCOUNT_ID)
        ?.name ?? '';

    const error = await callError(h.service, 'company-mapping:rename', {
      integrationId: integrationId(h),
      target: 'bms-account',
      targetId: String(LOWERCASE_ACCOUNT_ID),
      newName: name,
    });

    expect(error.code).toBe('validation');
    expect(error.message).toContain('nothing to rename');
    expect(
      await call<PendingChangeView[]>(h.service, 'pending-changes:list', {}),
    ).toEqual([]);
  });

  it('keeps an organization name before its rename', async () => {
    const h = await start();
    await h.service.sync();
    const organization = organizationAt(h, 4);

    const change = await call<PendingChangeView>(
      h.service,
      'company-mapping:rename',
      {
        integrationId: integrationId(h),
        target: 'dwid-organization',
        targetId: organization.uuid,
        newName: 'Renamed organization',
      },
    );

    expect(change.integrationId).toBeNull();
    expect(change.previousName).toBe(organization.title);
  });

  it('rejects an unknown account', async () => {
    const h = await start();
    await h.service.sync();
    const error = await callError(h.service, 'company-mapping:rename', {
      integrationId: integrationId(h),
      target: 'bms-account',
      targetId: '999999',
      newName: 'Nobody',
    });
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('999999');
  });

  it('rejects an unknown organization', async () => {
    const h = await start();
    await h.service.sync();
    const error = await callError(h.service, 'company-mapping:rename', {
      integrationId: integrationId(h),
      target: 'dwid-organization',
      targetId: 'no-such-uuid',
      newName: 'Nobody',
    });
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('no-such-uuid');
  });

  it('rejects an account id that is not a number', async () => {
    const h = await start();
    const error = await callError(h.service, 'company-mapping:rename', {
      integrationId: integrationId(h),
      target: 'bms-account',
      targetId: '20x1',
      newName: 'Contoso',
    });
    expect(error.code).toBe('validation');
    expect(error.message).toContain('"20x1"');
  });
});

function isTicketOf(h: Harness, details: unknown, organizationUuid: string) {
  return h.seed.dwid.compromises.some(
    c =>
      c.organization === organizationUuid && hasMarker(String(details), c.uuid),
  );
}
