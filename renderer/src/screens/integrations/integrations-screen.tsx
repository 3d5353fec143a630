import { Alert, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';

import type { IntegrationSummary } from '../../../../shared/contract/models';
import { SyncNowButton } from '../../components/sync-now-button';
import { DeleteIntegrationModal } from './delete-integration-modal';
import { IntegrationsTable } from './integrations-table';
import { NewIntegrationMenu } from './new-integration-menu';
import { useIntegrations } from './use-integrations';

/** Renders the list of integrations, grouped by kind; PSA is the only kind today. */
export function IntegrationsScreen() {
  return (
    <Stack gap="md">
      <Title order={2}>Integrations</Title>
      <Tabs defaultValue="psa">
        <Tabs.List>
          <Tabs.Tab value="psa">PSA</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="psa" pt="md">
          <PsaIntegrations />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function PsaIntegrations() {
  const { integrations, error } = useIntegrations();
  const [toDelete, setToDelete] = useState<IntegrationSummary | null>(null);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <NewIntegrationMenu />
        <SyncNowButton />
      </Group>
      <IntegrationsContent
        integrations={integrations}
        errorMessage={error?.message ?? null}
        onDelete={setToDelete}
      />
      <DeleteIntegrationModal
        integration={toDelete}
        onClose={() => setToDelete(null)}
      />
    </Stack>
  );
}

function IntegrationsContent({
  integrations,
  errorMessage,
  onDelete,
}: {
  readonly integrations: readonly IntegrationSummary[] | null;
  readonly errorMessage: string | null;
  readonly onDelete: (integration: IntegrationSummary) => void;
}) {
  if (integrations === null) {
    return errorMessage === null ? (
      <Loader aria-label="Loading integrations" />
    ) : (
      <Alert color="red" title="Integrations not loaded">
        {errorMessage}
      </Alert>
    );
  }
  if (integrations.length === 0) {
    return (
      <Text c="dimmed">
        No integrations yet. Choose New Integration, then Kaseya BMS, to connect
        your first BMS tenant.
      </Text>
    );
  }
  return <IntegrationsTable integrations={integrations} onDelete={onDelete} />;
}
