import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { memo, useState } from 'react';

import { TimeAgo } from '../../components/time-ago';
import { call } from '../../connector/connector';
import { useEventsStore } from '../../stores/events-store';

async function refreshCache(integrationId: number): Promise<void> {
  const result = await call('integrations:refresh-cache', {
    id: integrationId,
  });
  if (!result.ok) {
    notifications.show({
      color: 'red',
      title: 'Accounts were not copied from BMS',
      message: result.error.message,
    });
    return;
  }
  useEventsStore.getState().touch('cache');
  notifications.show({
    color: 'teal',
    title: 'Accounts copied from BMS',
    message: `${result.value.accountCount} Kaseya accounts retrieved.`,
  });
}

/**
 * `Total Kaseya Accounts`, the cache age and `Refresh from BMS`. Memoized
 * because each keystroke in the search box beside it re-renders the panel.
 */
export const MappingHeader = memo(function MappingHeader({
  integrationId,
  totalAccounts,
  fetchedAt,
}: {
  readonly integrationId: number;
  readonly totalAccounts: number;
  readonly fetchedAt: string | null;
}) {
  const [isRefreshing, setIsRefreshing] = useState(false);
  async function refresh() {
    setIsRefreshing(true);
    await refreshCache(integrationId);
    setIsRefreshing(false);
  }
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
      <Stack gap={2}>
        <Text size="sm">
          Total Kaseya Accounts:{' '}
          <Text span fw={700}>
            {totalAccounts.toLocaleString()}
          </Text>
        </Text>
        <Text size="sm" c="dimmed">
          Accounts copied from BMS <TimeAgo time={fetchedAt} />
        </Text>
      </Stack>
      <Button
        variant="default"
        size="sm"
        loading={isRefreshing}
        onClick={() => void refresh()}
      >
        Refresh from BMS
      </Button>
    </Group>
  );
});
