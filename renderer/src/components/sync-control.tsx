import { Button, Group, Loader, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';

import { call } from '../connector/connector';
import { useEventsStore } from '../stores/events-store';

const PHASE_LABELS: Record<string, string> = {
  organizations: 'Pulling organizations',
  compromises: 'Pulling compromises',
  'bms-cache': 'Reading BMS accounts',
  routing: 'Routing compromises',
  reconcile: 'Checking earlier tickets',
  deliver: 'Creating tickets',
  done: 'Finished',
};

/** `Sync now`, and the progress of the running sync. */
export function SyncControl() {
  const progress = useEventsStore(state => state.progress);
  const lastSync = useEventsStore(state => state.lastSync);
  const [isStarting, setIsStarting] = useState(false);

  useEffect(() => {
    if (lastSync === null) return;
    notifications.show({
      id: 'sync-finished',
      color: lastSync.isComplete ? 'teal' : 'orange',
      title: lastSync.isComplete ? 'Sync finished' : 'Sync stopped early',
      message:
        `${lastSync.ticketsCreated} tickets created, ${lastSync.skipped} ` +
        `skipped, ${lastSync.failed} waiting to retry.` +
        (lastSync.message === null ? '' : ` ${lastSync.message}`),
    });
  }, [lastSync]);

  async function start() {
    setIsStarting(true);
    const result = await call('sync:start', {});
    setIsStarting(false);
    if (!result.ok) {
      notifications.show({
        id: 'sync-start',
        color: 'red',
        title: 'Sync did not start',
        message: result.error.message,
      });
    }
  }

  if (progress !== null) {
    const count =
      progress.total === undefined
        ? `${progress.done}`
        : `${progress.done} of ${progress.total}`;
    return (
      <Group gap="xs" wrap="nowrap" role="status" aria-live="polite">
        <Loader size="xs" />
        <Text size="sm">
          {PHASE_LABELS[progress.phase] ?? progress.phase}: {count}
        </Text>
      </Group>
    );
  }
  return (
    <Button
      size="xs"
      variant="light"
      loading={isStarting}
      onClick={() => void start()}
    >
      Sync now
    </Button>
  );
}
