import {
  Button,
  Group,
  Popover,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import type { PendingChangeView } from '../../../shared/contract/models';
import { call } from '../connector/connector';
import { useContractQuery } from '../hooks/use-contract-query';
import { useEventsStore } from '../stores/events-store';

/** Names the target by its name before the rename, or by id if unknown. */
function describeTarget(change: PendingChangeView): string {
  const kind =
    change.target === 'bms-account'
      ? 'Kaseya BMS account'
      : 'Dark Web ID organization';
  return change.previousName === null
    ? `${kind} ${change.targetId}`
    : `${kind} “${change.previousName}”`;
}

function PendingChangeItem({ change }: { readonly change: PendingChangeView }) {
  return (
    <Stack gap={2} component="li">
      <Text size="sm" fw={500} style={{ whiteSpace: 'pre-wrap' }}>
        {describeTarget(change)}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        New name: “{change.newName}”
      </Text>
      <Text size="xs" c="dimmed">
        {change.attempts === 1 ? '1 attempt' : `${change.attempts} attempts`}
        {change.lastError === null ? '' : `. Last error: ${change.lastError}`}
      </Text>
    </Stack>
  );
}

async function sendNow(onDone: () => void): Promise<void> {
  const result = await call('pending-changes:apply', {});
  onDone();
  if (!result.ok) {
    notifications.show({
      color: 'red',
      title: 'Changes were not sent',
      message: result.error.message,
    });
    return;
  }
  const { applied, remaining } = result.value;
  notifications.show({
    color: remaining === 0 ? 'teal' : 'orange',
    title: remaining === 0 ? 'Changes sent' : 'Some changes are still waiting',
    message: `${applied} sent, ${remaining} still waiting.`,
  });
}

/**
 * Header badge for renames queued while BMS or Dark Web ID was unreachable,
 * with a popover that lists them and sends them now.
 */
export function PendingChangesIndicator() {
  const version = useEventsStore(state => state.versions['pending-changes']);
  const touch = useEventsStore(state => state.touch);
  const { data } = useContractQuery('pending-changes:list', {}, version);
  const [isSending, setIsSending] = useState(false);

  if (data === null || data.length === 0) return null;
  const label =
    data.length === 1 ? '1 change waiting' : `${data.length} changes waiting`;

  function onSend() {
    setIsSending(true);
    void sendNow(() => {
      setIsSending(false);
      touch('pending-changes');
    });
  }

  return (
    <Popover width={360} position="bottom-end" shadow="md" withArrow>
      <Popover.Target>
        <Button size="xs" variant="light" color="orange" radius="xl">
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Title order={2} size="h5">
            Renames waiting to be sent
          </Title>
          <ScrollArea.Autosize mah={300} type="auto">
            <Stack
              gap="sm"
              component="ul"
              m={0}
              p={0}
              style={{ listStyle: 'none' }}
            >
              {data.map(change => (
                <PendingChangeItem key={change.id} change={change} />
              ))}
            </Stack>
          </ScrollArea.Autosize>
          <Group justify="flex-end">
            <Button size="xs" loading={isSending} onClick={onSend}>
              Send now
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
