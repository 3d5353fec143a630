import { describe, expect, it } from 'vitest';

import type { CallName } from '../../shared/contract/calls';
import { dispatchCall } from '../../main/bridge/dispatch';
import { compromise } from '../store/fixtures';
import { call, integrationInput, openService } from './service-fixtures';

const SOURCE_CANARY = 'canary-source-Pw-5521';
const BMS_CANARY = 'canary-bms-Pw-8832';

describe('read calls', () => {
  it('never return a stored password', async () => {
    const service = openService();
    await call(service, 'source:save', {
      url: 'http://127.0.0.1:9',
      username: 'api@msp.example',
      password: SOURCE_CANARY,
    });
    const { id } = await call(
      service,
      'integrations:save',
      integrationInput({ password: BMS_CANARY }),
    );
    const { store } = service;
    store.organizations.upsertMany([
      { uuid: 'org-1', title: 'Northwind', isEnabled: true },
    ]);
    store.associations.associate('org-1', id);
    store.compromises.upsertMany([compromise('c-1', 'org-1')]);
    store.deliveries.routeNew(id, () => ({ state: 'pending' }));
    store.errors.recordIntegrationError(id, {
      operation: 'create-ticket',
      code: 'auth-failed',
      message: `sign-in failed for ${BMS_CANARY}`,
    });

    const reads: [CallName, unknown][] = [
      ['source:get', {}],
      ['integrations:list', {}],
      ['integrations:get', { id }],
      ['lookups:get', { integrationId: id }],
      ['company-mapping:get', { integrationId: id }],
      ['organizations:list', {}],
      ['pending-changes:list', {}],
      ['deliveries:list', {}],
      ['deliveries:export', {}],
      ['preview:compromises', {}],
      [
        'preview:render',
        {
          integrationId: id,
          compromiseUuid: 'c-1',
          conditions: {
            skipWithoutPassword: false,
            includeIpCompromises: false,
          },
          fieldMappings: [{ field: 'Title', content: '[password]' }],
        },
      ],
      ['sync:status', {}],
    ];
    for (const [name, input] of reads) {
      const reply = JSON.stringify(await dispatchCall(service, name, input));
      expect(reply, name).not.toContain(SOURCE_CANARY);
      expect(reply, name).not.toContain(BMS_CANARY);
    }
    const detail = await call(service, 'integrations:get', { id });
    expect(detail.hasPassword).toBe(true);
    expect(detail.errors).toHaveLength(1);
  });
});
