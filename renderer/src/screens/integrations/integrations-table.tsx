import { Anchor, Button, Group, Table, Text } from '@mantine/core';

import type { IntegrationSummary } from '../../../../shared/contract/models';
import { HealthBadge } from '../../components/health-badge';
import { RelativeTime } from '../../components/relative-time';
import { useNavigationStore } from '../../stores/navigation-store';

/** Renders one row per integration, with Edit and Delete. */
export function IntegrationsTable({
  integrations,
  onDelete,
}: {
  readonly integrations: readonly IntegrationSummary[];
  readonly onDelete: (integration: IntegrationSummary) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Health</Table.Th>
            <Table.Th>Organizations</Table.Th>
            <Table.Th>Last sync</Table.Th>
            <Table.Th>Pending renames</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {integrations.map(integration => (
            <IntegrationRow
              key={integration.id}
              integration={integration}
              onDelete={onDelete}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function IntegrationRow({
  integration,
  onDelete,
}: {
  readonly integration: IntegrationSummary;
  readonly onDelete: (integration: IntegrationSummary) => void;
}) {
  const open = useNavigationStore(state => state.open);
  const edit = () => open({ name: 'integration-edit', id: integration.id });

  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component="button" type="button" fw={500} onClick={edit}>
          {integration.name}
        </Anchor>
        <Text size="xs" c="dimmed">
          {integration.bmsUrl}
        </Text>
      </Table.Td>
      <Table.Td>
        <HealthBadge {...integration} />
      </Table.Td>
      <Table.Td>{integration.organizationCount}</Table.Td>
      <Table.Td>
        <RelativeTime iso={integration.lastSyncAt} size="sm" />
      </Table.Td>
      <Table.Td>
        {integration.pendingChangeCount > 0 ? (
          integration.pendingChangeCount
        ) : (
          <Text component="span" size="sm" c="dimmed">
            None
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            variant="default"
            aria-label={`Edit ${integration.name}`}
            onClick={edit}
          >
            Edit
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            aria-label={`Delete ${integration.name}`}
            onClick={() => onDelete(integration)}
          >
            Delete
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
