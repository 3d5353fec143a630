import { describe, expect, it } from 'vitest';

import { DEMO_TICKET_IDS } from '../../main/emulators/seed';
import type { ConnectorService } from '../../main/service/connector-service';
import { compromise } from '../store/fixtures';
import {
  call,
  callError,
  integrationInput,
  openService,
  validMappings,
} from './service-fixtures';

const CONDITIONS = { skipWithoutPassword: false, includeIpCompromises: false };
const LEAKED_PASSWORD = 'Leaked-Secret-7781';

/** Stores one integration with cached accounts, links and compromises. */
async function setUpPreview(service: ConnectorService): Promise<number> {
  const { store } = service;
  const { id } = await call(service, 'integrations:save', integrationInput());
  store.organizations.upsertMany([
    { uuid: 'org-n', title: 'Northwind Traders', isEnabled: true },
    { uuid: 'org-f', title: 'Fabrikam ', isEnabled: true },
    { uuid: 'org-u', title: 'Unmatched Ltd', isEnabled: true },
  ]);
  store.bmsCache.replaceAccounts(id, [
    { id: 41, name: 'Northwind Traders', isActive: true },
    { id: 42, name: 'Fabrikam Inc', isActive: true },
    {
      id: DEMO_TICKET_IDS.catchallAccountId,
      name: 'Catch-all Customer',
      isActive: true,
    },
  ]);
  store.companyLinks.replace(id, [
    {
      organizationTitle: 'Fabrikam ',
      accountName: 'Fabrikam Inc',
      madeBy: 'manual',
    },
  ]);
  store.compromises.upsertMany([
    compromise('c-old', 'org-n', {
      password: LEAKED_PASSWORD,
      searchValue: 'ada@northwind.example',
      dateAdded: '2026-11-01T00:00:00.000Z',
    }),
    compromise('c-link', 'org-f', {
      searchValue: 'bob@fabrikam.example',
      dateAdded: '2026-11-02T00:00:00.000Z',
    }),
    compromise('c-ip', 'org-u', {
      recordType: 'IP',
      password: null,
      searchValue: '192.0.2.7',
      dateAdded: '2026-11-03T00:00:00.000Z',
    }),
  ]);
  return id;
}

describe('preview:compromises', () => {
  it('lists newest first with search and limit', async () => {
    const service = openService();
    await setUpPreview(service);
    const all = await call(service, 'preview:compromises', {});
    expect(all.map(choice => choice.uuid)).toEqual(['c-ip', 'c-link', 'c-old']);
    expect(all[2]).toEqual({
      uuid: 'c-old',
      organizationName: 'Northwind Traders',
      recordType: 'Email',
      searchValue: 'ada@northwind.example',
      dateFound: '2026-01-01T00:00:00.000Z',
    });
    const found = await call(service, 'preview:compromises', {
      search: 'FABRIKAM',
    });
    expect(found.map(choice => choice.uuid)).toEqual(['c-link']);
    const limited = await call(service, 'preview:compromises', { limit: 1 });
    expect(limited.map(choice => choice.uuid)).toEqual(['c-ip']);
  });
});

describe('preview:render', () => {
  it('trims a long title of the sample compromise', async () => {
    const service = openService();
    const title = `${'T'.repeat(300)} [search_value]`;
    const preview = await call(service, 'preview:render', {
      conditions: CONDITIONS,
      fieldMappings: validMappings({ Title: title }),
    });
    expect(preview.compromise.isSample).toBe(true);
    const field = preview.fields.find(item => item.field === 'Title');
    expect(field?.isTrimmed).toBe(true);
    expect(field?.maxLength).toBe(255);
    expect(field?.value).toBe('T'.repeat(255));
    expect(field?.fullLength).toBe(301 + 'ada.example@example.com'.length);
    const queue = preview.fields.find(item => item.field === 'Queue');
    expect(queue).toEqual({
      field: 'Queue',
      value: String(DEMO_TICKET_IDS.queueId),
      isTrimmed: false,
      fullLength: 1,
      maxLength: null,
    });
    expect(preview.problems).toEqual([]);
    expect(preview.skippedBecause).toBeNull();
    expect(preview.company).toEqual({
      accountId: DEMO_TICKET_IDS.catchallAccountId,
      accountName: null,
      via: 'catch-all',
    });
  });

  it('masks the password of a stored compromise', async () => {
    const service = openService();
    const id = await setUpPreview(service);
    const preview = await call(service, 'preview:render', {
      integrationId: id,
      conditions: CONDITIONS,
      compromiseUuid: 'c-old',
      fieldMappings: validMappings({
        Details: 'Plain [password], obscured [obscured_password]',
      }),
    });
    expect(JSON.stringify(preview)).not.toContain(LEAKED_PASSWORD);
    const details = preview.fields.find(item => item.field === 'Details');
    const masked = `Leak${'*'.repeat(LEAKED_PASSWORD.length - 4)}`;
    expect(details?.value).toContain(`Plain ${masked}, obscured ${masked}`);
    expect(details?.value).toContain('dwid-compromise:c-old');
    expect(preview.tokens).toContainEqual({
      token: 'password',
      hasValue: true,
    });
    expect(preview.company).toEqual({
      accountId: 41,
      accountName: 'Northwind Traders',
      via: 'match',
    });
  });

  it('resolves a company link and the catch-all', async () => {
    const service = openService();
    const id = await setUpPreview(service);
    const render = (compromiseUuid: string) =>
      call(service, 'preview:render', {
        integrationId: id,
        conditions: CONDITIONS,
        compromiseUuid,
        fieldMappings: validMappings(),
      });
    expect((await render('c-link')).company).toEqual({
      accountId: 42,
      accountName: 'Fabrikam Inc',
      via: 'link',
    });
    expect((await render('c-ip')).company).toEqual({
      accountId: DEMO_TICKET_IDS.catchallAccountId,
      accountName: 'Catch-all Customer',
      via: 'catch-all',
    });
  });

  it('reports skip conditions and token values', async () => {
    const service = openService();
    await setUpPreview(service);
    const preview = await call(service, 'preview:render', {
      conditions: { skipWithoutPassword: true, includeIpCompromises: false },
      compromiseUuid: 'c-ip',
      fieldMappings: validMappings({ Title: '[password][search_value]' }),
    });
    expect(preview.skippedBecause).toContain('IP address-related');
    expect(preview.tokens).toEqual([
      { token: 'password', hasValue: false },
      { token: 'search_value', hasValue: true },
      { token: 'source', hasValue: true },
      { token: 'obscured_password', hasValue: false },
    ]);

    const included = await call(service, 'preview:render', {
      conditions: { skipWithoutPassword: true, includeIpCompromises: true },
      compromiseUuid: 'c-ip',
      fieldMappings: validMappings(),
    });
    expect(included.skippedBecause).toContain('no password');
  });

  it('lists problems naming their fields', async () => {
    const service = openService();
    const preview = await call(service, 'preview:render', {
      conditions: CONDITIONS,
      fieldMappings: validMappings({
        Title: 'Leak [pasword]',
        'Ticket Type': '[search_value]',
      }).filter(mapping => mapping.field !== 'Queue'),
    });
    expect(preview.problems).toContainEqual(
      expect.stringMatching(/^Title: \[pasword\] is not a known token/),
    );
    expect(preview.problems).toContainEqual(
      expect.stringMatching(/^Queue: Queue and Assignee are both empty/),
    );
    expect(preview.problems).toContainEqual(
      expect.stringMatching(/^Ticket Type: the value rendered from/),
    );
  });

  it('rejects an unknown compromise or integration', async () => {
    const service = openService();
    const compromiseError = await callError(service, 'preview:render', {
      conditions: CONDITIONS,
      fieldMappings: [],
      compromiseUuid: 'c-missing',
    });
    expect(compromiseError.code).toBe('not-found');
    expect(compromiseError.message).toContain('c-missing');
    const integrationError = await callError(service, 'preview:render', {
      integrationId: 5,
      conditions: CONDITIONS,
      fieldMappings: [],
    });
    expect(integrationError.code).toBe('not-found');
  });
});
