import { Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';

import type { OrganizationView } from '../../../../shared/contract/models';
import { ExactName } from '../../components/exact-name';
import { PendingNameBadge } from '../../components/pending-name-badge';

const DISABLED_NOTE =
  'Disabled organizations still produce tickets. Clear the association to stop them.';

function DisabledBadge() {
  return (
    <Tooltip label={DISABLED_NOTE} multiline maw={280}>
      <Badge size="sm" variant="outline" color="gray" tt="none">
        Disabled
      </Badge>
    </Tooltip>
  );
}

function AssociationText({
  organization,
}: {
  readonly organization: OrganizationView;
}) {
  if (organization.integrationId === null) {
    return (
      <Text size="sm" c="dimmed">
        Not associated
      </Text>
    );
  }
  return (
    <Text size="sm" truncate title={organization.integrationName ?? undefined}>
      {organization.integrationName ??
        `Integration ${organization.integrationId}`}
    </Text>
  );
}

/** Renders one organization: name, state, its integration and `Edit`. */
export function OrganizationRow({
  organization,
  onEdit,
}: {
  readonly organization: OrganizationView;
  readonly onEdit: () => void;
}) {
  const isTicketedWhileDisabled =
    !organization.isEnabled && organization.integrationId !== null;
  return (
    <Group gap="sm" wrap="nowrap" px="sm" py={6} align="center">
      <Stack gap={2} style={{ flex: 2, minWidth: 0 }}>
        <Group gap="xs" wrap="nowrap">
          <ExactName name={organization.name} size="sm" fw={500} />
          {organization.isEnabled ? null : <DisabledBadge />}
        </Group>
        {isTicketedWhileDisabled ? (
          <Text size="xs" c="dimmed">
            {DISABLED_NOTE}
          </Text>
        ) : null}
        <PendingNameBadge pendingName={organization.pendingName} />
      </Stack>
      <div style={{ flex: 1, minWidth: 0 }}>
        <AssociationText organization={organization} />
      </div>
      <Button
        size="compact-sm"
        variant="default"
        onClick={onEdit}
        aria-label={`Edit ${organization.name}`}
        style={{ flexShrink: 0 }}
      >
        Edit
      </Button>
    </Group>
  );
}
