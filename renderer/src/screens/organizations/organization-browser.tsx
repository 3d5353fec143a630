import { Stack, TextInput } from '@mantine/core';
import { memo, useDeferredValue, useMemo, useState } from 'react';

import type {
  IntegrationSummary,
  OrganizationView,
} from '../../../../shared/contract/models';
import { ORGANIZATION_ROW_HEIGHT } from '../../components/row-heights';
import { VirtualList } from '../../components/virtual-list';
import { AssociateModal } from './associate-modal';
import { filterOrganizations } from './filter-organizations';
import { OrganizationRow } from './organization-row';

// Memoized so that a keystroke's urgent render (the search box alone) skips
// the list; it renders once more when the deferred search arrives.
const OrganizationList = memo(function OrganizationList(props: {
  readonly items: readonly OrganizationView[];
  readonly height: string;
  readonly empty: string;
  readonly onEdit: (uuid: string) => void;
}) {
  return (
    <VirtualList
      items={props.items}
      label="Organizations"
      height={props.height}
      estimateSize={ORGANIZATION_ROW_HEIGHT}
      getKey={item => item.uuid}
      renderItem={item => (
        <OrganizationRow organization={item} onEdit={props.onEdit} />
      )}
      empty={props.empty}
    />
  );
});

/**
 * Renders a searchable, virtualized list of organizations whose `Edit` opens the
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
      <OrganizationList
        items={filtered}
        height={height}
        empty={
          deferredSearch.trim() === ''
            ? empty
            : 'No organization matches the search.'
        }
        onEdit={setEditingUuid}
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
