import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import { QueryStatus, StaleDataAlert } from '../../components/query-status';
import { call } from '../../connector/connector';
import { useEventsStore } from '../../stores/events-store';
import { OrganizationBrowser } from './organization-browser';
import { useOrganizationData } from './use-organization-data';

/** Height of the list, chosen to fit a 700-pixel window under the header. */
const LIST_HEIGHT = 'max(240px, calc(100dvh - 290px))';

async function refreshOrganizations(): Promise<void> {
  const result = await call('source:refresh', {});
  if (!result.ok) {
    notifications.show({
      color: 'red',
      title: 'Organizations were not pulled from Dark Web ID',
      message: result.error.message,
    });
    return;
  }
  const { touch } = useEventsStore.getState();
  touch('source');
  touch('organizations');
  notifications.show({
    color: 'teal',
    title: 'Organizations pulled from Dark Web ID',
    message: `${result.value.organizationCount} organizations.`,
  });
}

function RefreshButton() {
  const [isRefreshing, setIsRefreshing] = useState(false);
  async function refresh() {
    setIsRefreshing(true);
    await refreshOrganizations();
    setIsRefreshing(false);
  }
  return (
    <Button
      variant="default"
      loading={isRefreshing}
      onClick={() => void refresh()}
    >
      Refresh from Dark Web ID
    </Button>
  );
}

/** Dark Web ID organizations and their associated integration. */
export function OrganizationsScreen() {
  const { organizations, integrations } = useOrganizationData();
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>Organizations</Title>
        <RefreshButton />
      </Group>
      <Text size="sm" c="dimmed">
        Each organization sends its tickets to at most one Kaseya BMS
        integration.
      </Text>
      <StaleDataAlert query={organizations} />
      {organizations.data === null ? (
        <QueryStatus
          query={organizations}
          title="Organizations could not be loaded"
        />
      ) : (
        <OrganizationBrowser
          organizations={organizations.data}
          integrations={integrations.data}
          height={LIST_HEIGHT}
          empty="No organizations yet. Use Refresh from Dark Web ID."
        />
      )}
    </Stack>
  );
}
