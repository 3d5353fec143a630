import {
  Alert,
  Button,
  Group,
  Modal,
  Radio,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';

import { MAX_NAME_LENGTH } from '../../../../shared/contract/limits';
import type {
  BmsAccountView,
  OrganizationView,
  RenameTarget,
} from '../../../../shared/contract/models';
import { hasEdgeSpace } from '../../../../shared/suggestions';
import { ExactName } from '../../components/exact-name';
import { OrganizationPicker } from './organization-picker';
import { useRenameForm, type RenameFormProps } from './use-rename-form';

function NameWarnings({
  newName,
  otherName,
}: {
  readonly newName: string;
  readonly otherName: string | null;
}) {
  return (
    <>
      {hasEdgeSpace(newName) ? (
        <Text size="sm" c="orange">
          ⚠ The new name has a leading or trailing space.
        </Text>
      ) : null}
      {otherName !== null && newName !== otherName ? (
        <Text size="sm" c="orange">
          ⚠ The names will still differ, so the account stays in Non-Matching
          Organizations.
        </Text>
      ) : null}
    </>
  );
}

function SideChoice({
  target,
  account,
  organization,
  onChange,
}: {
  readonly target: RenameTarget;
  readonly account: BmsAccountView;
  readonly organization: OrganizationView | undefined;
  readonly onChange: (target: RenameTarget) => void;
}) {
  const bmsLabel =
    organization === undefined
      ? 'Rename the Kaseya BMS account to a name you type'
      : `Rename the Kaseya BMS account to “${organization.name}”`;
  return (
    <Radio.Group label="Which name changes?" value={target} onChange={onChange}>
      <Stack gap="xs" mt="xs">
        <Radio value="bms-account" label={bmsLabel} />
        <Radio
          value="dwid-organization"
          disabled={organization === undefined}
          label={`Rename the Dark Web ID organization to “${account.name}”`}
          description={
            organization === undefined ? 'Choose an organization first.' : null
          }
        />
      </Stack>
    </Radio.Group>
  );
}

function NewNameInput(props: {
  readonly target: RenameTarget;
  readonly value: string;
  readonly isUnchanged: boolean;
  readonly error: string | null;
  readonly onChange: (value: string) => void;
}) {
  return (
    <TextInput
      label={
        props.target === 'bms-account'
          ? 'New name of the Kaseya BMS account'
          : 'New name of the Dark Web ID organization'
      }
      description={
        props.isUnchanged
          ? 'This is the current name. Choose an organization or type a different name.'
          : 'Edit it to type a different name.'
      }
      value={props.value}
      onChange={event => props.onChange(event.currentTarget.value)}
      error={props.error}
      maxLength={MAX_NAME_LENGTH}
    />
  );
}

/**
 * `Edit` of a non-matching account: renames either the BMS account or a Dark
 * Web ID organization so that both names are equal.
 */
export function RenameModal(props: RenameFormProps) {
  const { account, organizations } = props;
  const form = useRenameForm(props);
  const { target, uuid } = form;
  return (
    <Modal
      opened
      onClose={props.onClose}
      title="Match a company name"
      size="lg"
    >
      <form
        onSubmit={event => {
          event.preventDefault();
          void form.save();
        }}
      >
        <Stack gap="md">
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" style={{ flexShrink: 0 }}>
              Kaseya BMS account:
            </Text>
            <ExactName name={account.name} size="sm" fw={500} />
          </Group>
          <OrganizationPicker
            organizations={organizations}
            suggestions={form.suggestions}
            value={uuid}
            onChange={value => form.choose(value, target)}
          />
          <SideChoice
            target={target}
            account={account}
            organization={form.organization}
            onChange={value => form.choose(uuid, value)}
          />
          <NewNameInput
            target={target}
            value={form.newName}
            isUnchanged={form.isUnchanged}
            error={form.nameError}
            onChange={form.setNewName}
          />
          <NameWarnings newName={form.newName} otherName={form.otherName} />
          {form.breaksMatch ? (
            <Text size="sm" c="orange">
              ⚠ A Kaseya BMS account has this organization’s current name, so
              renaming the organization moves that account to Non-Matching
              Organizations.
            </Text>
          ) : null}
          {form.error === null ? null : (
            <Alert color="red" title="Rename failed">
              {form.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={form.isSaving}
              disabled={form.nameError !== null || form.isUnchanged}
            >
              Rename
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
