import { Group, Text, Textarea, TextInput } from '@mantine/core';
import type { FocusEvent, ReactNode } from 'react';

import type { TicketField } from '../../../../shared/ticket-fields';
import type { MappingFocusRef } from './mapping-focus';
import type { IntegrationForm } from './use-integration-form';

/** String fields longer than this get a multi-line text area. */
const SINGLE_LINE_MAX_LENGTH = 255;

/**
 * Renders a text mapping with tokens and remembers its focus, so that the
 * token table inserts at this field's caret. The counter counts the template, because
 * tokens change length when replaced; the preview shows the final length.
 */
export function TextMappingInput({
  form,
  index,
  inputContainer,
  field,
  focusRef,
}: {
  readonly form: IntegrationForm;
  readonly index: number;
  /** Wraps the input, e.g. to put a remove button beside it. */
  readonly inputContainer?: (children: ReactNode) => ReactNode;
  readonly field: TicketField;
  readonly focusRef: MappingFocusRef;
}) {
  const row = form.getValues().fieldMappings[index];
  const inputProps = form.getInputProps(`fieldMappings.${index}.content`);
  const onFocus = (
    event: FocusEvent<HTMLInputElement | HTMLTextAreaElement>,
  ) => {
    if (row !== undefined) {
      focusRef.current = { rowKey: row.key, element: event.currentTarget };
    }
  };
  const common = {
    label: field.label,
    description: (
      <LengthDescription
        text={field.description}
        length={row?.content.length ?? 0}
        maxLength={field.maxLength}
      />
    ),
    withAsterisk: field.required,
    inputContainer,
    ...inputProps,
    onFocus,
  };

  if ((field.maxLength ?? 0) > SINGLE_LINE_MAX_LENGTH) {
    return <Textarea autosize minRows={4} maxRows={12} {...common} />;
  }
  return <TextInput {...common} />;
}

function LengthDescription({
  text,
  length,
  maxLength,
}: {
  readonly text: string;
  readonly length: number;
  readonly maxLength: number | undefined;
}) {
  if (maxLength === undefined) return text;
  return (
    <Group component="span" justify="space-between" gap="xs" wrap="nowrap">
      <span>{text}</span>
      <Text
        component="span"
        size="xs"
        c={length > maxLength ? 'red' : 'dimmed'}
        aria-live="polite"
      >
        {length} / {maxLength} characters
      </Text>
    </Group>
  );
}
