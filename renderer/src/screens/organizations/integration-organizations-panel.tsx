import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';

import { QueryStatus, StaleDataAlert } from '../../components/query-status';
import { OrganizationBrowser } from './organization-browser';
import { useOrganizationData } from './use-organization-data';

/** Height of the list inside the integration edit screen's tab. */
const LIST_HEIGHT = 'max(240px, calc(100dvh - 420px))';

type Scope = 'associated' | 'all';

/**
 * Dark Web ID organizations associated with one integration. `All
 * organizations` lists the rest, so one can be ticked for this integration.
 */
export function IntegrationOrganizationsPanel({
  integrationId,
}: {
  readonly integrationId: number;
}) {
  const { organizations, integrations } = useOrganizationData();
  const [scope, setScope] = useState<Scope>('associated');
  const associated = useMemo(
    () =>
      (organizations.data ?? []).filter(
        item => item.integrationId === integrationId,
      ),
    [organizations.data, integrationId],
  );

  if (organizations.data === null) {
    return (
      <QueryStatus
        query={organizations}
        title="Organizations could not be loaded"
      />
    );
  }
  return (
    <Stack gap="sm">
      <StaleDataAlert query={organizations} />
      <Text size="sm" c="dimmed">
        Compromises of these organizations become tickets in this integration.
        Use Edit to tick or untick it.
      </Text>
      <SegmentedControl
        aria-label="Organizations to show"
        value={scope}
        onChange={setScope}
        data={[
          {
            value: 'associated',
            label: `Associated with this integration (${associated.length})`,
          },
          { value: 'all', label: 'All organizations' },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <OrganizationBrowser
        organizations={scope === 'associated' ? associated : organizations.data}
        integrations={integrations.data}
        height={LIST_HEIGHT}
        empty={
          scope === 'associated'
            ? 'No organization is associated with this integration. Choose All organizations to add one.'
            : 'No organizations yet. Refresh them on the Organizations screen.'
        }
      />
    </Stack>
  );
}
