import { afterEach, describe, expect, it } from 'vitest';

import { DEMO_TICKET_IDS } from '../../main/emulators/seed';
import { INTEGRATION, startHarness, type Harness } from '../support/harness';
import {
  call,
  callError,
  integrationInput,
  openService,
  recordEvents,
  validMappings,
} from './service-fixtures';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('integrations:save', () => {
  it('creates an integration without returning its password', async () => {
    const service = openService();
    const events = recordEvents(service);
    const detail = await call(service, 'integrations:save', integrationInput());
    expect(detail.name).toBe('Main BMS');
    expect(detail.hasPassword).toBe(true);
    expect(detail.company).toBe('Example MSP');
    expect(detail.health).toBe('healthy');
    expect(detail.cacheFetchedAt).toBeNull();
    expect(detail.fieldMappings).toContainEqual({
      field: 'Queue',
      content: String(DEMO_TICKET_IDS.queueId),
    });
    expect(JSON.stringify(detail)).not.toContain('bms-password-1');
    expect(events).toEqual([{ type: 'data-changed', scope: 'integrations' }]);
  });

  it('reports every problem at once and writes nothing', async () => {
    const service = openService();
    const mappings = validMappings({ Title: 'Leak of [pasword]' }).filter(
      mapping => !['Status', 'Queue'].includes(mapping.field),
    );
    const error = await callError(service, 'integrations:save', {
      ...integrationInput({ name: '  ', bmsUrl: 'ftp://bms.example.com' }),
      password: undefined,
      username: '',
      fieldMappings: mappings,
    });
    expect(error.code).toBe('validation');
    expect(error.message).toContain('Name: must not be empty');
    expect(error.message).toContain('Kaseya BMS URL: invalid value');
    expect(error.message).toContain('Username: must not be empty');
    expect(error.message).toContain(
      'Password is required for a new integration',
    );
    expect(error.message).toContain('Title: [pasword] is not a known token');
    expect(error.message).toContain('Did you mean [password]?');
    expect(error.message).toContain('Status: required mapping is empty');
    expect(error.message).toContain('Queue: Queue and Assignee are both empty');
    const queue = error.problems?.find(problem => problem.field === 'Queue');
    expect(queue?.message).toContain('Queue and Assignee are both empty');
    expect(error.problems).toContainEqual({
      field: 'Password',
      message: 'Password is required for a new integration',
    });
    expect(error.problems?.map(problem => problem.field)).toContain(
      'Kaseya BMS URL',
    );
    expect(await call(service, 'integrations:list', {})).toEqual([]);
  });

  it('masks a stored password in each problem', async () => {
    const service = openService();
    const created = await call(
      service,
      'integrations:save',
      integrationInput(),
    );
    const password = integrationInput().password ?? '';
    expect(password).not.toBe('');

    const error = await callError(service, 'integrations:save', {
      ...integrationInput(),
      id: created.id,
      fieldMappings: [
        ...validMappings({ Title: `Leak [${password}]` }),
        { field: `x ${password}`, content: 'y' },
      ],
    });

    expect(error.code).toBe('validation');
    expect(error.message).not.toContain(password);
    const title = error.problems?.find(problem => problem.field === 'Title');
    expect(title?.message).toContain('is not a known token');
    expect(title?.message).not.toContain(password);
    const fields = error.problems?.map(problem => problem.field) ?? [];
    expect(fields).toContain('x [redacted]');
    expect(fields.join(' ')).not.toContain(password);
  });

  it('rejects a duplicate name as a conflict', async () => {
    const service = openService();
    await call(service, 'integrations:save', integrationInput());
    const error = await callError(
      service,
      'integrations:save',
      integrationInput({ username: 'other@msp.example' }),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('"Main BMS"');
    expect(await call(service, 'integrations:list', {})).toHaveLength(1);
  });

  it('rejects a name differing only in case', async () => {
    const service = openService();
    await call(service, 'integrations:save', integrationInput());
    const error = await callError(
      service,
      'integrations:save',
      integrationInput({ name: ' main bms ' }),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('"Main BMS"');
    expect(error.message).toContain(
      'differs only in letter case, spacing or character forms',
    );
    expect(await call(service, 'integrations:list', {})).toHaveLength(1);
  });

  it('rejects names that look the same', async () => {
    const service = openService();
    await call(service, 'integrations:save', integrationInput());
    for (const name of [
      'Main  BMS',
      'Main\u00a0BMS',
      'ＭＡＩＮ BMS',
      'Main\u200b BMS',
    ]) {
      const error = await callError(
        service,
        'integrations:save',
        integrationInput({ name }),
      );
      expect(error.code, name).toBe('conflict');
    }
    expect(await call(service, 'integrations:list', {})).toHaveLength(1);
  });

  it('folds composed and split accents alike', async () => {
    const service = openService();
    await call(
      service,
      'integrations:save',
      integrationInput({ name: 'Caf\u00e9 BMS' }),
    );
    const error = await callError(
      service,
      'integrations:save',
      integrationInput({ name: 'Cafe\u200b\u0301 BMS' }),
    );
    expect(error.code).toBe('conflict');
  });

  it('rejects a name of invisible characters', async () => {
    const service = openService();
    const error = await callError(
      service,
      'integrations:save',
      integrationInput({ name: '\u200b\u2060' }),
    );
    expect(error.code).toBe('validation');
    expect(error.problems).toContainEqual({
      field: 'Name',
      message: 'must not be only invisible characters',
    });
  });

  it('saves an old clash under its own name', async () => {
    const service = openService();
    const first = await call(service, 'integrations:save', integrationInput());
    // Stored directly, as before names were compared this way.
    service.store.integrations.create({
      name: 'Main\u00a0BMS',
      bmsUrl: 'http://127.0.0.1:9',
      apiBaseUrl: 'http://127.0.0.1:9',
      username: 'svc@msp.example',
      tenant: 'Example MSP',
      password: 'other-password-2',
      skipWithoutPassword: false,
      includeIpCompromises: false,
    });

    const saved = await call(service, 'integrations:save', {
      ...integrationInput({ company: 'Other MSP' }),
      id: first.id,
    });

    expect(saved.company).toBe('Other MSP');
    expect(await call(service, 'integrations:list', {})).toHaveLength(2);
  });

  it('renames an integration to another case', async () => {
    const service = openService();
    const created = await call(
      service,
      'integrations:save',
      integrationInput(),
    );
    await call(service, 'integrations:save', {
      ...integrationInput({ name: 'MAIN BMS' }),
      id: created.id,
    });
    const list = await call(service, 'integrations:list', {});
    expect(list.map(item => item.name)).toEqual(['MAIN BMS']);
  });

  it('keeps the stored password when none is given', async () => {
    const service = openService();
    const created = await call(
      service,
      'integrations:save',
      integrationInput(),
    );
    const updated = await call(service, 'integrations:save', {
      ...integrationInput({ id: created.id, name: 'Renamed BMS' }),
      password: undefined,
      fieldMappings: validMappings({ Title: 'New title [uuid]' }),
    });
    expect(updated.id).toBe(created.id);
    expect(updated.name).toBe('Renamed BMS');
    expect(updated.hasPassword).toBe(true);
    expect(service.store.integrations.getPassword(created.id)).toBe(
      'bms-password-1',
    );
    expect(service.store.fieldMappings.get(created.id).Title).toBe(
      'New title [uuid]',
    );
  });

  it('replaces the stored field mappings', async () => {
    const service = openService();
    const created = await call(
      service,
      'integrations:save',
      integrationInput({ fieldMappings: validMappings({ Assignee: '12' }) }),
    );
    await call(service, 'integrations:save', {
      ...integrationInput({ id: created.id }),
      fieldMappings: validMappings(),
    });
    expect(service.store.fieldMappings.get(created.id)).not.toHaveProperty(
      'Assignee',
    );
  });

  it('rejects an unknown id as not found', async () => {
    const service = openService();
    const error = await callError(
      service,
      'integrations:save',
      integrationInput({ id: 99 }),
    );
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('id 99');
  });

  it('saves while Kaseya BMS is unreachable', async () => {
    harness = await startHarness({ organizations: 6, compromises: 10 });
    const id = harness.service.requireIntegration(INTEGRATION).id;
    await harness.bms.close();
    await harness.dwid.close();
    const detail = await call(harness.service, 'integrations:save', {
      ...integrationInput({ id, name: INTEGRATION, bmsUrl: harness.bms.url }),
      password: undefined,
    });
    expect(detail.id).toBe(id);
    expect(detail.hasPassword).toBe(true);
  });
});

describe('integrations:delete', () => {
  it('removes the integration with what it owns', async () => {
    const service = openService();
    const { id } = await call(service, 'integrations:save', integrationInput());
    const { store } = service;
    store.organizations.upsertMany([
      { uuid: 'org-1', title: 'Northwind', isEnabled: true },
    ]);
    store.associations.associate('org-1', id);
    store.bmsCache.replaceAccounts(id, [
      { id: 5, name: 'Northwind', isActive: true },
    ]);
    store.pendingChanges.enqueue({
      integrationId: id,
      target: 'bms-account',
      targetId: '5',
      newName: 'Northwind Traders',
    });

    expect(await call(service, 'integrations:delete', { id })).toEqual({ id });
    const count = (table: string) =>
      store.db
        .prepare<[number], number>(
          `SELECT COUNT(*) FROM ${table} WHERE integration_id = ?`,
        )
        .pluck()
        .get(id);
    for (const table of [
      'field_mappings',
      'org_integration',
      'bms_accounts',
      'pending_changes',
    ]) {
      expect(count(table), table).toBe(0);
    }
    expect(store.organizations.getByUuid('org-1')?.title).toBe('Northwind');

    const error = await callError(service, 'integrations:delete', { id });
    expect(error.code).toBe('not-found');
    expect(error.message).toContain(`id ${id}`);
  });
});

describe('integrations:get and list', () => {
  it('lists recent errors first and counts pending changes', async () => {
    const service = openService();
    const { id } = await call(service, 'integrations:save', integrationInput());
    for (const n of [1, 2, 3]) {
      service.store.errors.recordIntegrationError(id, {
        operation: 'create-ticket',
        code: 'network',
        message: `failure ${n}`,
      });
    }
    service.store.pendingChanges.enqueue({
      integrationId: id,
      target: 'bms-account',
      targetId: '5',
      newName: 'New name',
    });

    const detail = await call(service, 'integrations:get', { id });
    expect(detail.errors.map(error => error.message)).toEqual([
      'failure 3',
      'failure 2',
      'failure 1',
    ]);
    const [summary] = await call(service, 'integrations:list', {});
    expect(summary?.pendingChangeCount).toBe(1);
    expect(summary?.organizationCount).toBe(0);
    expect(summary?.health).toBe('healthy');
  });

  it('rejects an unknown id as not found', async () => {
    const service = openService();
    const error = await callError(service, 'integrations:get', { id: 7 });
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('id 7');
  });
});

describe('integration calls that reach Kaseya BMS', () => {
  it('refreshes the cache and serves lookups from it', async () => {
    harness = await startHarness({ organizations: 6, compromises: 10 });
    const { service } = harness;
    const id = service.requireIntegration(INTEGRATION).id;
    const events = recordEvents(service);

    const result = await call(service, 'integrations:refresh-cache', { id });
    expect(result.accountCount).toBeGreaterThan(0);
    expect(result.accountCount).toBe(
      service.store.bmsCache.listAccounts(id).length,
    );
    expect(events).toContainEqual({ type: 'data-changed', scope: 'cache' });

    const lookups = await call(service, 'lookups:get', { integrationId: id });
    expect(lookups.fetchedAt).not.toBeNull();
    expect(lookups.queues.map(queue => queue.id)).toContain(
      DEMO_TICKET_IDS.queueId,
    );
    expect(lookups.statuses.length).toBeGreaterThan(0);
    const detail = await call(service, 'integrations:get', { id });
    expect(detail.cacheFetchedAt).not.toBeNull();
  });

  it('creates a test ticket in the Catchall Account', async () => {
    harness = await startHarness({ organizations: 6, compromises: 10 });
    const id = harness.service.requireIntegration(INTEGRATION).id;
    const ticket = await call(harness.service, 'integrations:test-ticket', {
      id,
    });
    expect(ticket.accountId).toBe(DEMO_TICKET_IDS.catchallAccountId);
    expect(ticket.ticketNumber).not.toBe('');
  });
});
