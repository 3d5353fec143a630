import { Autocomplete, Text } from '@mantine/core';
import type { ReactNode } from 'react';

import type { Lookups } from '../../../../shared/contract/models';
import type { TicketField } from '../../../../shared/ticket-fields';
import {
  describeLookupValue,
  filterByIdOrName,
  lookupEntriesOf,
} from './lookup-options';
import type { IntegrationForm } from './use-integration-form';

const LOOKUP_NOUNS = {
  status: 'statuses',
  priority: 'priorities',
  queue: 'queues',
} as const;

/**
 * Renders an id mapping. A field with a BMS lookup offers its cached entries
 * by id and name. Any number or one token may still be typed, and the form
 * stores the id as text.
 */
export function IdMappingInput({
  form,
  index,
  inputContainer,
  field,
  lookups,
}: {
  readonly form: IntegrationForm;
  readonly index: number;
  /** Wraps the input, e.g. to put a remove button beside it. */
  readonly inputContainer?: (children: ReactNode) => ReactNode;
  readonly field: TicketField;
  readonly lookups: Lookups | null;
}) {
  const path = `fieldMappings.${index}.content`;
  const entries = lookupEntriesOf(field, lookups);
  const content = form.getValues().fieldMappings[index]?.content ?? '';
  const meaning =
    field.lookup === undefined
      ? null
      : describeLookupValue(content, entries, LOOKUP_NOUNS[field.lookup]);
  const names = new Map(entries.map(entry => [String(entry.id), entry.name]));

  return (
    <Autocomplete
      label={field.label}
      description={<IdDescription field={field} meaning={meaning} />}
      withAsterisk={field.required}
      placeholder={entries.length > 0 ? 'Type an id or search by name' : 'Id'}
      inputMode={entries.length > 0 ? 'text' : 'numeric'}
      data={entries.map(entry => String(entry.id))}
      filter={filterByIdOrName(entries)}
      renderOption={({ option }) => (
        <Text size="sm">
          {option.value} · {names.get(option.value)}
        </Text>
      )}
      maxDropdownHeight={240}
      inputContainer={inputContainer}
      {...form.getInputProps(path)}
    />
  );
}

function IdDescription({
  field,
  meaning,
}: {
  readonly field: TicketField;
  readonly meaning: string | null;
}) {
  return (
    <>
      {field.description}
      {meaning !== null && (
        <Text component="span" size="xs" fw={600} display="block">
          {meaning}
        </Text>
      )}
    </>
  );
}
