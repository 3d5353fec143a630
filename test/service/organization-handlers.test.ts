import { afterEach, describe, expect, it } from 'vitest';

import type { ConnectorService } from '../../main/service/connector-service';
import { INTEGRATION, startHarness, type Harness } from '../support/harness';
import {
  call,
  callError,
  integrationInput,
  openService,
  recordEvents,
} from './service-fixtures';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Stores two organizations and two integrations; returns their ids. */
async function setUp(service: ConnectorService) {
  service.store.organizations.upsertMany([
    { uuid: 'org-a', title: 'Northwind', isEnabled: true },
    { uuid: 'org-b', title: 'Contoso', isEnabled: false },
  ]);
  const first = await call(service, 'integrations:save', integrationInput());
  const second = await call(
    service,
    'integrations:save',
    integrationInput({ name: 'Second BMS' }),
  );
  return { first: first.id, second: second.id };
}

describe('organizations:list', () => {
  it('returns integration and queued rename of each organization', async () => {
    const service = openService();
    const { first } = await setUp(service);
    service.store.associations.associate('org-a', first);
    service.store.pendingChanges.enqueue({
      integrationId: null,
      target: 'dwid-organization',
      targetId: 'org-a',
      newName: 'Northwind Traders',
    });

    expect(await call(service, 'organizations:list', {})).toEqual([
      {
        uuid: 'org-b',
        name: 'Contoso',
        isEnabled: false,
        integrationId: null,
        integrationName: null,
        pendingName: null,
      },
      {
        uuid: 'org-a',
        name: 'Northwind',
        isEnabled: true,
        integrationId: first,
        integrationName: 'Main BMS',
        pendingName: 'Northwind Traders',
      },
    ]);
  });
});

describe('organizations:associate', () => {
  it('associates, rejects a second integration, and replaces', async () => {
    const service = openService();
    const { first, second } = await setUp(service);
    const events = recordEvents(service);

    const view = await call(service, 'organizations:associate', {
      organizationUuid: 'org-a',
      integrationId: first,
    });
    expect(view.integrationId).toBe(first);
    expect(events).toEqual([{ type: 'data-changed', scope: 'organizations' }]);

    const error = await callError(service, 'organizations:associate', {
      organizationUuid: 'org-a',
      integrationId: second,
    });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('"Main BMS"');
    expect(error.message).toContain('one Kaseya BMS integration only');
    expect(service.store.associations.integrationFor('org-a')).toBe(first);

    const replaced = await call(service, 'organizations:associate', {
      organizationUuid: 'org-a',
      integrationId: second,
      replace: true,
    });
    expect(replaced.integrationId).toBe(second);
    expect(replaced.integrationName).toBe('Second BMS');
  });

  it('rejects a change based on a stale view', async () => {
    const service = openService();
    const { first, second } = await setUp(service);
    // Another window moved org-a to the second integration meanwhile.
    service.store.associations.associate('org-a', second);

    const cleared = await callError(service, 'organizations:associate', {
      organizationUuid: 'org-a',
      integrationId: null,
      expectedIntegrationId: first,
    });
    const replaced = await callError(service, 'organizations:associate', {
      organizationUuid: 'org-a',
      integrationId: first,
      replace: true,
      expectedIntegrationId: null,
    });

    expect(cleared.code).toBe('conflict');
    expect(cleared.message).toContain('changed elsewhere');
    expect(cleared.message).toContain('"Second BMS"');
    expect(replaced.code).toBe('conflict');
    expect(service.store.associations.integrationFor('org-a')).toBe(second);
  });

  it('accepts a change based on a current view', async () => {
    const service = openService();
    const { first, second } = await setUp(service);
    service.store.associations.associate('org-a', first);

    const view = await call(service, 'organizations:associate', {
      organizationUuid: 'org-a',
      integrationId: second,
      replace: true,
      expectedIntegrationId: first,
    });

    expect(view.integrationId).toBe(second);
  });

  it('clears the association with null', async () => {
    const service = openService();
    const { first } = await setUp(service);
    service.store.associations.associate('org-a', first);
    const view = await call(service, 'organizations:associate', {
      organizationUuid: 'org-a',
      integrationId: null,
    });
    expect(view.integrationId).toBeNull();
    expect(view.integrationName).toBeNull();
    expect(service.store.associations.integrationFor('org-a')).toBeNull();
  });

  it('rejects unknown organizations and integrations', async () => {
    const service = openService();
    await setUp(service);
    const organization = await callError(service, 'organizations:associate', {
      organizationUuid: 'org-missing',
      integrationId: null,
    });
    expect(organization.code).toBe('not-found');
    expect(organization.message).toContain('org-missing');
    const integration = await callError(service, 'organizations:associate', {
      organizationUuid: 'org-a',
      integrationId: 404,
    });
    expect(integration.code).toBe('not-found');
    expect(integration.message).toContain('id 404');
  });

  it('lists 5,000 organizations with their integrations', async () => {
    const service = openService();
    const { first } = await setUp(service);
    const organizations = Array.from({ length: 5_000 }, (_, i) => ({
      uuid: `bulk-${String(i).padStart(4, '0')}`,
      title: `Bulk ${String(i).padStart(4, '0')}`,
      isEnabled: true,
    }));
    service.store.organizations.upsertMany(organizations);
    service.store.associations.replaceSelectors(first, ['*']);
    service.store.associations.applySelectors();

    const list = await call(service, 'organizations:list', {});
    expect(list).toHaveLength(5_002);
    expect(list[0]?.name).toBe('Bulk 0000');
    expect(list.every(row => row.integrationName === 'Main BMS')).toBe(true);
  });

  it('keeps manual changes after selectors and a refresh', async () => {
    harness = await startHarness({ organizations: 8, compromises: 10 });
    const { service } = harness;
    const main = service.requireIntegration(INTEGRATION).id;
    await call(service, 'source:refresh', {});
    const before = await call(service, 'organizations:list', {});
    expect(before.every(row => row.integrationId === main)).toBe(true);
    const [moved, cleared, kept] = before;
    if (moved === undefined || cleared === undefined || kept === undefined) {
      throw new Error('the seed has fewer than three organizations');
    }
    const second = await call(
      service,
      'integrations:save',
      integrationInput({ name: 'Second BMS', bmsUrl: harness.bms.url }),
    );

    await call(service, 'organizations:associate', {
      organizationUuid: moved.uuid,
      integrationId: second.id,
      replace: true,
    });
    await call(service, 'organizations:associate', {
      organizationUuid: cleared.uuid,
      integrationId: null,
    });
    expect(service.store.associations.listSelectors(main)).toEqual([]);

    await call(service, 'source:refresh', {});
    const after = new Map(
      (await call(service, 'organizations:list', {})).map(row => [
        row.uuid,
        row.integrationId,
      ]),
    );
    expect(after.get(moved.uuid)).toBe(second.id);
    expect(after.get(cleared.uuid)).toBeNull();
    expect(after.get(kept.uuid)).toBe(main);
  });
});
