import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import type {
  IntegrationSummary,
  OrganizationView,
} from '../../../../shared/contract/models';
import type { ErrorData } from '../../../../shared/errors';
import { ExactName } from '../../components/exact-name';
import { call } from '../../connector/connector';
import { useEventsStore } from '../../stores/events-store';

type AssociateModalProps = {
  readonly organization: OrganizationView;
  /** Null while the integrations are not loaded. */
  readonly integrations: readonly IntegrationSummary[] | null;
  readonly onClose: () => void;
};

/**
 * Saves the association. The integration shown when the modal opened is
 * sent as the expected one, so a change made elsewhere in the meantime comes
 * back as a `conflict` instead of being overwritten.
 */
async function saveAssociation(
  organization: OrganizationView,
  integrationId: number | null,
): Promise<ErrorData | null> {
  const result = await call('organizations:associate', {
    organizationUuid: organization.uuid,
    integrationId,
    replace:
      organization.integrationId !== null &&
      integrationId !== organization.integrationId,
    expectedIntegrationId: organization.integrationId,
  });
  if (!result.ok) return result.error;
  const { touch } = useEventsStore.getState();
  touch('organizations');
  touch('integrations');
  notifications.show({
    color: 'teal',
    title: 'Association saved',
    message:
      result.value.integrationName === null
        ? `${organization.name} sends no tickets now.`
        : `${organization.name} sends tickets to ${result.value.integrationName}.`,
  });
  return null;
}

function IntegrationChoices({
  integrations,
  selected,
  onChange,
}: {
  readonly integrations: readonly IntegrationSummary[];
  readonly selected: number | null;
  readonly onChange: (id: number | null) => void;
}) {
  const selectedName = integrations.find(item => item.id === selected)?.name;
  let description =
    'Tick the Kaseya BMS integration that receives this organization’s tickets.';
  if (selected !== null && integrations.length > 1) {
    description = `An organization can send tickets to one Kaseya BMS integration only. Untick ${selectedName ?? 'it'} first.`;
  } else if (selected !== null) {
    description = 'Untick it to stop tickets for this organization.';
  }
  return (
    <Checkbox.Group
      label="Associated Integrations"
      description={description}
      value={selected === null ? [] : [String(selected)]}
      onChange={values => {
        const added = values.find(value => value !== String(selected));
        onChange(added === undefined ? null : Number(added));
      }}
    >
      <Stack gap="xs" mt="xs">
        {integrations.map(integration => (
          <Checkbox
            key={integration.id}
            value={String(integration.id)}
            label={integration.name}
            disabled={selected !== null && selected !== integration.id}
          />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

function IntegrationSection(props: {
  readonly integrations: readonly IntegrationSummary[] | null;
  readonly selected: number | null;
  readonly onChange: (id: number | null) => void;
}) {
  if (props.integrations === null) {
    return (
      <Text size="sm">
        The Kaseya BMS integrations could not be loaded. Close this window and
        try again.
      </Text>
    );
  }
  if (props.integrations.length === 0) {
    return (
      <Text size="sm">
        No Kaseya BMS integration exists yet. Add one under Integrations.
      </Text>
    );
  }
  return (
    <IntegrationChoices
      integrations={props.integrations}
      selected={props.selected}
      onChange={props.onChange}
    />
  );
}

/** `Edit` of an organization: which BMS integration gets its tickets. */
export function AssociateModal(props: AssociateModalProps) {
  const { organization, integrations } = props;
  const [selected, setSelected] = useState(organization.integrationId);
  const [error, setError] = useState<ErrorData | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  async function save() {
    setIsSaving(true);
    const failure = await saveAssociation(organization, selected);
    setIsSaving(false);
    setError(failure);
    if (failure === null) props.onClose();
  }

  return (
    <Modal opened onClose={props.onClose} title="Edit organization" size="md">
      <Stack gap="md">
        <ExactName name={organization.name} fw={500} />
        {organization.isEnabled ? null : (
          <Text size="sm" c="dimmed">
            This organization is disabled in Dark Web ID. Disabled organizations
            still produce tickets. Clear the association to stop them.
          </Text>
        )}
        <IntegrationSection
          integrations={integrations}
          selected={selected}
          onChange={setSelected}
        />
        {error === null ? null : (
          <Alert color="red" title="Association not saved">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button
            loading={isSaving}
            disabled={selected === organization.integrationId}
            onClick={() => void save()}
          >
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
