import { Badge, Button, Text, Tooltip } from '@mantine/core';
import { memo, type CSSProperties } from 'react';

import type { OrganizationView } from '../../../../shared/contract/models';
import { ExactName } from '../../components/exact-name';
import { PendingNameBadge } from '../../components/pending-name-badge';

const DISABLED_NOTE =
  'Disabled organizations still produce tickets. Clear the association to stop them.';

// Rows are laid out with plain elements styled like Mantine's Group and
// Stack. A keystroke in the search box can mount some 20 rows at once, and
// each Mantine layout component resolves its props and styles on every
// mount.
const ROW_STYLE: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: 'var(--mantine-spacing-sm)',
  padding: '6px var(--mantine-spacing-sm)',
};
const NAME_COLUMN_STYLE: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  gap: 2,
  flex: 2,
  minWidth: 0,
};
const NAME_LINE_STYLE: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: 'var(--mantine-spacing-xs)',
};
const INTEGRATION_COLUMN_STYLE: CSSProperties = { flex: 1, minWidth: 0 };

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

/**
 * Renders one organization: name, state, its integration and `Edit`.
 * Memoized because each keystroke in the search box re-renders the list,
 * and most rows on screen stay the same. `onEdit` takes the uuid, so one
 * callback serves every row.
 */
export const OrganizationRow = memo(function OrganizationRow({
  organization,
  onEdit,
}: {
  readonly organization: OrganizationView;
  readonly onEdit: (uuid: string) => void;
}) {
  const isTicketedWhileDisabled =
    !organization.isEnabled && organization.integrationId !== null;
  return (
    <div style={ROW_STYLE}>
      <div style={NAME_COLUMN_STYLE}>
        <div style={NAME_LINE_STYLE}>
          <ExactName name={organization.name} size="sm" fw={500} />
          {organization.isEnabled ? null : <DisabledBadge />}
        </div>
        {isTicketedWhileDisabled ? (
          <Text size="xs" c="dimmed">
            {DISABLED_NOTE}
          </Text>
        ) : null}
        <PendingNameBadge pendingName={organization.pendingName} />
      </div>
      <div style={INTEGRATION_COLUMN_STYLE}>
        <AssociationText organization={organization} />
      </div>
      <Button
        size="compact-sm"
        variant="default"
        onClick={() => onEdit(organization.uuid)}
        aria-label={`Edit ${organization.name}`}
        style={{ flexShrink: 0 }}
      >
        Edit
      </Button>
    </div>
  );
});
