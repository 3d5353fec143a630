import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';

import type { Lookups } from '../../../../shared/contract/models';
import { notifyError, notifySuccess } from '../../components/notify-error';
import { formatRelative } from '../../components/relative-time';
import { call } from '../../connector/connector';
import { useEventsStore } from '../../stores/events-store';

/** Age of the cached BMS lookups, and `Refresh from BMS`. */
export function LookupsStatus({
  integrationId,
  lookups,
}: {
  readonly integrationId: number | undefined;
  readonly lookups: Lookups | null;
}) {
  if (integrationId === undefined) {
    return (
      <Text size="sm" c="dimmed">
        After the first save, statuses, priorities and queues can be copied from
        BMS and chosen by name. Until then, type their ids.
      </Text>
    );
  }
  const fetchedAt = lookups?.fetchedAt ?? null;
  return (
    <Group justify="space-between" gap="xs">
      <Text size="sm" c="dimmed">
        {fetchedAt === null
          ? 'Lookups not copied from BMS yet.'
          : `Lookups copied from BMS ${formatRelative(fetchedAt)}.`}
      </Text>
      <RefreshCacheButton integrationId={integrationId} />
    </Group>
  );
}

function RefreshCacheButton({
  integrationId,
}: {
  readonly integrationId: number;
}) {
  const touch = useEventsStore(state => state.touch);
  const [isRefreshing, setIsRefreshing] = useState(false);

  async function refresh() {
    setIsRefreshing(true);
    const result = await call('integrations:refresh-cache', {
      id: integrationId,
    });
    setIsRefreshing(false);
    if (!result.ok) {
      notifyError('refresh-cache', 'BMS data not refreshed', result.error);
      return;
    }
    touch('cache');
    notifySuccess(
      'refresh-cache',
      'BMS data refreshed',
      `${result.value.accountCount} accounts and the lookups were copied from Kaseya BMS.`,
    );
  }

  return (
    <Button
      size="xs"
      variant="default"
      loading={isRefreshing}
      onClick={() => void refresh()}
    >
      Refresh from BMS
    </Button>
  );
}
