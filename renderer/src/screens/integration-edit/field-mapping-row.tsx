import { CloseButton, Group } from '@mantine/core';
import type { ReactNode } from 'react';

import type { Lookups } from '../../../../shared/contract/models';
import { findTicketField } from '../../../../shared/ticket-fields';
import { IdMappingInput } from './id-mapping-input';
import type { MappingFocusRef } from './mapping-focus';
import { TextMappingInput } from './text-mapping-input';
import { UnknownMappingInput } from './unknown-mapping-input';
import type { IntegrationForm } from './use-integration-form';

/** Renders one field mapping. Optional and unknown ones can be removed. */
export function FieldMappingRow({
  form,
  index,
  lookups,
  focusRef,
}: {
  readonly form: IntegrationForm;
  readonly index: number;
  readonly lookups: Lookups | null;
  readonly focusRef: MappingFocusRef;
}) {
  const row = form.getValues().fieldMappings[index];
  if (row === undefined) return null;
  const field = findTicketField(row.field);
  const remove = () => {
    if (focusRef.current?.rowKey === row.key) focusRef.current = null;
    form.removeListItem('fieldMappings', index);
  };
  const inputContainer =
    field?.required === true
      ? undefined
      : (children: ReactNode) => (
          <RemovableInput label={row.field} onRemove={remove}>
            {children}
          </RemovableInput>
        );

  if (field === undefined) {
    return (
      <UnknownMappingInput
        form={form}
        index={index}
        label={row.field}
        inputContainer={inputContainer}
      />
    );
  }
  if (field.kind === 'integer') {
    return (
      <IdMappingInput
        form={form}
        index={index}
        field={field}
        lookups={lookups}
        inputContainer={inputContainer}
      />
    );
  }
  return (
    <TextMappingInput
      form={form}
      index={index}
      field={field}
      focusRef={focusRef}
      inputContainer={inputContainer}
    />
  );
}

function RemovableInput({
  label,
  onRemove,
  children,
}: {
  readonly label: string;
  readonly onRemove: () => void;
  readonly children: ReactNode;
}) {
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
      <CloseButton
        aria-label={`Remove the ${label} mapping`}
        title={`Remove the ${label} mapping`}
        onClick={onRemove}
      />
    </Group>
  );
}
