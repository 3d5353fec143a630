import { Stack, TextInput } from '@mantine/core';
import { useDeferredValue, useMemo, useState } from 'react';

import type {
  IntegrationSummary,
  OrganizationView,
} from '../../../../shared/contract/models';
import { VirtualList } from '../../components/virtual-list';
import { AssociateModal } from './associate-modal';
import { filterOrganizations } from './filter-organizations';
import { OrganizationRow } from './organization-row';

/**
 * A searchable, virtualized list of organizations whose `Edit` opens the
 * Associated Integrations modal.
 */
export function OrganizationBrowser({
  organizations,
  integrations,
  height,
  empty,
}: {
  readonly organizations: readonly OrganizationView[];
  /** Null while the integrations are not loaded. */
  readonly integrations: readonly IntegrationSummary[] | null;
  /** Height of the list, as a CSS length. */
  readonly height: string;
  readonly empty: string;
}) {
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [editingUuid, setEditingUuid] = useState<string | null>(null);
  const filtered = useMemo(
    () => filterOrganizations(organizations, deferredSearch),
    [organizations, deferredSearch],
  );
  const editing = organizations.find(item => item.uuid === editingUuid);

  return (
    <Stack gap="sm">
      <TextInput
        label="Search organizations"
        description={`${filtered.length.toLocaleString()} of ${organizations.length.toLocaleString()} shown`}
        placeholder="Organization or integration name"
        value={search}
        onChange={event => setSearch(event.currentTarget.value)}
      />
      <VirtualList
        items={filtered}
        label="Organizations"
        height={height}
        estimateSize={48}
        getKey={item => item.uuid}
        renderItem={item => (
          <OrganizationRow
            organization={item}
            onEdit={() => setEditingUuid(item.uuid)}
          />
        )}
        empty={
          search.trim() === '' ? empty : 'No organization matches the search.'
        }
      />
      {editing === undefined ? null : (
        <AssociateModal
          organization={editing}
          integrations={integrations}
          onClose={() => setEditingUuid(null)}
        />
      )}
    </Stack>
  );
}
