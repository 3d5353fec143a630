import { TextInput } from '@mantine/core';
import type { ReactNode } from 'react';

import type { IntegrationForm } from './use-integration-form';

/** Renders a stored mapping whose label is not a BMS ticket field. */
export function UnknownMappingInput({
  form,
  index,
  inputContainer,
  label,
}: {
  readonly form: IntegrationForm;
  readonly index: number;
  /** Wraps the input, e.g. to put a remove button beside it. */
  readonly inputContainer?: (children: ReactNode) => ReactNode;
  readonly label: string;
}) {
  return (
    <TextInput
      label={label}
      description="Not a Kaseya BMS ticket field, so Save rejects it. Remove this mapping."
      inputContainer={inputContainer}
      {...form.getInputProps(`fieldMappings.${index}.content`)}
    />
  );
}
