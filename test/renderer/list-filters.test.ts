import { describe, expect, it } from 'vitest';

import { buildMappingColumns } from '../../renderer/src/screens/company-mapping/mapping-columns';
import { filterOrganizations } from '../../renderer/src/screens/organizations/filter-organizations';
import type {
  BmsAccountView,
  OrganizationView,
} from '../../shared/contract/models';

function account(
  id: number,
  name: string,
  matched: boolean,
  pendingName: string | null = null,
): BmsAccountView {
  return {
    id,
    name,
    matchedOrganizationUuid: matched ? `org-${id}` : null,
    pendingName,
  };
}

function organization(
  uuid: string,
  name: string,
  integrationName: string | null = null,
): OrganizationView {
  return {
    uuid,
    name,
    isEnabled: true,
    integrationId: integrationName === null ? null : 1,
    integrationName,
    pendingName: null,
  };
}

const ACCOUNTS = [
  account(3, 'Zeta Dental', false),
  account(1, 'acme Corp', true),
  account(2, 'Beta Labs', false, 'Contoso Beta'),
  account(4, 'Acme Corp', false),
];

describe('buildMappingColumns', () => {
  it('sorts by name, then id', () => {
    const columns = buildMappingColumns(ACCOUNTS, '');

    expect(columns.all.map(item => item.id)).toEqual([1, 4, 2, 3]);
  });

  it('splits matched and non-matching', () => {
    const columns = buildMappingColumns(ACCOUNTS, '');

    expect(columns.matched.map(item => item.id)).toEqual([1]);
    expect(columns.nonMatching.map(item => item.id)).toEqual([4, 2, 3]);
  });

  it('filters on name and pending name', () => {
    expect(buildMappingColumns(ACCOUNTS, ' ACME ').all.map(a => a.id)).toEqual([
      1, 4,
    ]);
    expect(buildMappingColumns(ACCOUNTS, 'contoso').all.map(a => a.id)).toEqual(
      [2],
    );
    expect(buildMappingColumns(ACCOUNTS, 'nothing').all).toEqual([]);
  });

  it('follows a new accounts array', () => {
    const first = buildMappingColumns(ACCOUNTS, '');
    const renamed = ACCOUNTS.map(item =>
      item.id === 3 ? { ...item, name: 'Alpha Dental' } : item,
    );

    const second = buildMappingColumns(renamed, '');

    expect(first.all.map(item => item.id)).toEqual([1, 4, 2, 3]);
    expect(second.all.map(item => item.id)).toEqual([1, 4, 3, 2]);
  });
});

describe('filterOrganizations', () => {
  const organizations = [
    organization('u2', 'Northwind', 'Main BMS'),
    organization('u1', 'Contoso'),
    organization('u3', 'contoso'),
  ];

  it('sorts by name, lowercase first', () => {
    expect(filterOrganizations(organizations, '').map(o => o.uuid)).toEqual([
      'u3',
      'u1',
      'u2',
    ]);
  });

  it('filters on name and integration', () => {
    expect(
      filterOrganizations(organizations, 'CONTOSO').map(o => o.uuid),
    ).toEqual(['u3', 'u1']);
    expect(
      filterOrganizations(organizations, 'main bms').map(o => o.uuid),
    ).toEqual(['u2']);
  });

  it('never matches across two fields', () => {
    expect(filterOrganizations(organizations, 'northwind main')).toEqual([]);
  });
});
