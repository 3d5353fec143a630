import { afterEach, describe, expect, it } from 'vitest';

import {
  applyPendingChanges,
  type PendingChangeDependencies,
} from '../../main/engine/apply-pending-changes';
import { dispatchCall } from '../../main/bridge/dispatch';
import { seedMappings, startHarness, type Harness } from '../support/harness';
import { waitFor } from '../support/wait-for';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(): Promise<Harness> {
  harness = await startHarness({ organizations: 8, compromises: 0 });
  return harness;
}

function dependencies(h: Harness): PendingChangeDependencies {
  return {
    store: h.service.store,
    createDwidClient: () => h.service.createDwidClient(),
    createBmsClient: (integration, onOutcome) =>
      h.service.createBmsClient(integration.id, onOutcome),
  };
}

function integrationId(h: Harness): number {
  return h.service.store.integrations.list()[0]?.id ?? 0;
}

function queueAccountRename(
  h: Harness,
  accountId: number,
  newName: string,
): number {
  const outcome = h.service.store.pendingChanges.enqueue({
    integrationId: integrationId(h),
    target: 'bms-account',
    targetId: String(accountId),
    newName,
  });
  if (outcome.kind !== 'queued') throw new Error(`${newName} was not queued`);
  return outcome.id;
}

describe('applyPendingChanges', () => {
  it('sends renames to both systems and empties the queue', async () => {
    const h = await start();
    const organization = h.seed.dwid.organizations[2];
    queueAccountRename(h, 2001, 'First Account');
    h.service.store.pendingChanges.enqueue({
      integrationId: null,
      target: 'dwid-organization',
      targetId: organization?.uuid ?? '',
      newName: 'Renamed Organization',
    });

    const report = await applyPendingChanges(dependencies(h));

    expect(report).toEqual({ applied: 2, remaining: 0 });
    expect(h.bms.accounts.find(a => a.id === 2001)?.name).toBe('First Account');
    expect(
      h.dwid.state.organizations.find(o => o.uuid === organization?.uuid)
        ?.title,
    ).toBe('Renamed Organization');
    expect(h.service.store.pendingChanges.list()).toEqual([]);
  });

  it('keeps renames and counts health when BMS is down', async () => {
    const h = await start();
    const first = queueAccountRename(h, 2001, 'One');
    const second = queueAccountRename(h, 2003, 'Three');
    await h.bms.close();

    const report = await applyPendingChanges(dependencies(h));

    expect(report).toEqual({ applied: 0, remaining: 2 });
    const store = h.service.store;
    const tried = store.pendingChanges.getById(first);
    expect(tried?.attempts).toBe(1);
    expect(tried?.lastError).toContain('Could not reach Kaseya BMS');
    // The first network failure stops the rest for that system.
    expect(store.pendingChanges.getById(second)?.attempts).toBe(0);
    expect(store.health.get(integrationId(h)).consecutiveFailures).toBe(1);
  });

  it('keeps a rejected rename visible and sends the rest', async () => {
    const h = await start();
    const missingAccountChange = queueAccountRename(
      h,
      424242,
      'Deleted Account',
    );
    queueAccountRename(h, 2001, 'Still Here');

    const report = await applyPendingChanges(dependencies(h));

    expect(report).toEqual({ applied: 1, remaining: 1 });
    const rejected =
      h.service.store.pendingChanges.getById(missingAccountChange);
    expect(rejected?.attempts).toBe(1);
    expect(rejected?.lastError).toContain('HTTP 404');
    expect(h.bms.accounts.find(a => a.id === 2001)?.name).toBe('Still Here');
  });

  it('keeps a name queued again while it was sent', async () => {
    const h = await start();
    const id = queueAccountRename(h, 2001, 'Old Choice');
    h.bms.faults.add({ kind: 'slow', method: 'PATCH', delayMs: 300 });

    const applying = applyPendingChanges(dependencies(h));
    await waitFor(
      () => h.bms.requests.some(r => r.method === 'PATCH'),
      'the PATCH to reach the emulator',
    );
    queueAccountRename(h, 2001, 'New Choice');
    const report = await applying;

    expect(report).toEqual({ applied: 0, remaining: 1 });
    const queued = h.service.store.pendingChanges.getById(id);
    expect(queued?.newName).toBe('New Choice');
    expect(queued?.attempts).toBe(0);
    expect(h.bms.accounts.find(a => a.id === 2001)?.name).toBe('Old Choice');
  });

  it('sends the old name after a withdrawal in flight', async () => {
    const h = await startHarness({ organizations: 8, compromises: 20 });
    harness = h;
    await h.service.sync();
    const id = integrationId(h);
    const cachedName = (accountId: number) =>
      h.service.store.bmsCache.getAccount(id, accountId)?.name;
    const remoteName = (accountId: number) =>
      h.bms.accounts.find(account => account.id === accountId)?.name;
    const rename = (accountId: number, newName: string) =>
      dispatchCall(h.service, 'company-mapping:rename', {
        integrationId: id,
        target: 'bms-account',
        targetId: String(accountId),
        newName,
      });
    const oldName = cachedName(2001) ?? '';
    expect(oldName).not.toBe('');
    expect((await rename(2001, 'Interim name')).ok).toBe(true);
    h.bms.faults.add({ kind: 'slow', method: 'PATCH', delayMs: 300 });

    const applying = applyPendingChanges(dependencies(h));
    await waitFor(
      () => h.bms.requests.some(r => r.method === 'PATCH'),
      'the PATCH to reach the emulator',
    );
    // Back to the old name while "Interim name" is on its way, then a
    // rename of another account, which SQLite gives the withdrawn row's id.
    expect(await rename(2001, oldName)).toEqual({ ok: true, value: null });
    expect((await rename(2002, 'Interim name')).ok).toBe(true);
    const first = await applying;

    expect(first).toEqual({ applied: 0, remaining: 2 });
    expect(remoteName(2001)).toBe('Interim name');
    const second = await applyPendingChanges(dependencies(h));
    expect(second).toEqual({ applied: 2, remaining: 0 });
    expect(remoteName(2001)).toBe(oldName);
    expect(remoteName(2002)).toBe('Interim name');
    expect(cachedName(2002)).toBe('Interim name');
  });

  it('leaves a new integration with the old id alone', async () => {
    const h = await startHarness({ organizations: 8, compromises: 20 });
    harness = h;
    await h.service.sync();
    const oldId = integrationId(h);
    const renamed = await dispatchCall(h.service, 'company-mapping:rename', {
      integrationId: oldId,
      target: 'bms-account',
      targetId: '2001',
      newName: 'Technician choice',
    });
    expect(renamed.ok).toBe(true);
    h.bms.faults.add({ kind: 'slow', method: 'PATCH', delayMs: 300 });

    const applying = applyPendingChanges(dependencies(h));
    await waitFor(
      () => h.bms.requests.some(r => r.method === 'PATCH'),
      'the PATCH to reach the emulator',
    );
    // Deleted while its rename is on its way, and replaced by a new
    // integration that SQLite gives the same id, with the old name cached.
    h.service.store.integrations.delete(oldId);
    h.service.apply(
      {
        integrations: [
          {
            name: 'Main BMS again',
            bmsUrl: h.bms.url,
            username: 'svc@msp.example',
            passwordEnv: 'BMS_PASSWORD',
            company: 'Example MSP',
            fieldMappings: seedMappings(),
          },
        ],
      },
      { env: { BMS_PASSWORD: h.bmsPassword } },
    );
    const newId = integrationId(h);
    expect(newId).toBe(oldId);
    h.service.store.bmsCache.replaceAccounts(newId, [
      { id: 2001, name: 'Northwind Traders', isActive: true },
    ]);
    await applying;

    expect(h.service.store.pendingChanges.list()).toEqual([]);
    expect(await applyPendingChanges(dependencies(h))).toEqual({
      applied: 0,
      remaining: 0,
    });
    expect(h.bms.accounts.find(a => a.id === 2001)?.name).toBe(
      'Technician choice',
    );
  });

  it('does nothing for an empty queue', async () => {
    const h = await start();
    const report = await applyPendingChanges(dependencies(h));
    expect(report).toEqual({ applied: 0, remaining: 0 });
    expect(h.bms.requests).toEqual([]);
  });
});
