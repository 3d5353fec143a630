import { Button, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';

import type { IntegrationSummary } from '../../../../shared/contract/models';
import { notifyError, notifySuccess } from '../../components/notify-error';
import { call } from '../../connector/connector';
import { useEventsStore } from '../../stores/events-store';

/** Asks before deleting `integration`; null keeps the modal closed. */
export function DeleteIntegrationModal({
  integration,
  onClose,
}: {
  readonly integration: IntegrationSummary | null;
  readonly onClose: () => void;
}) {
  const touch = useEventsStore(state => state.touch);
  const [isDeleting, setIsDeleting] = useState(false);

  async function remove(target: IntegrationSummary) {
    setIsDeleting(true);
    const result = await call('integrations:delete', { id: target.id });
    setIsDeleting(false);
    if (!result.ok) {
      notifyError(
        'integration-delete',
        'Integration not deleted',
        result.error,
      );
      return;
    }
    notifySuccess(
      'integration-delete',
      'Integration deleted',
      `"${target.name}" and its mappings were deleted.`,
    );
    touch('integrations');
    touch('organizations');
    onClose();
  }

  return (
    <Modal
      opened={integration !== null}
      onClose={onClose}
      title={`Delete integration "${integration?.name ?? ''}"?`}
    >
      <Text size="sm">
        Its field mappings and organization associations are removed. Tickets
        already created in Kaseya BMS stay there.
      </Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose} data-autofocus>
          Cancel
        </Button>
        <Button
          color="red"
          loading={isDeleting}
          onClick={() => integration !== null && void remove(integration)}
        >
          Delete
        </Button>
      </Group>
    </Modal>
  );
}
