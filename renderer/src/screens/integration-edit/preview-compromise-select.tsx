import { Select } from '@mantine/core';
import { useState } from 'react';

import type { CompromiseChoice } from '../../../../shared/contract/models';
import { useCompromiseChoices } from './use-compromise-choices';

const SAMPLE_VALUE = 'sample';
const SAMPLE_LABEL = 'Sample compromise (built in)';

function choiceLabel(choice: CompromiseChoice): string {
  return `${choice.searchValue} · ${choice.organizationName} · ${choice.recordType}`;
}

/**
 * Chooses the compromise the preview renders: the built-in sample or a
 * pulled one, searched on the engine by organization or value.
 */
export function PreviewCompromiseSelect({
  value,
  onChange,
}: {
  readonly value: CompromiseChoice | null;
  readonly onChange: (choice: CompromiseChoice | null) => void;
}) {
  const [search, setSearch] = useState('');
  const selectedLabel = value === null ? SAMPLE_LABEL : choiceLabel(value);
  // Showing the chosen label is no search, so it lists the newest instead.
  const { choices, isLoading } = useCompromiseChoices(
    search === selectedLabel ? '' : search,
  );
  const byUuid = new Map(choices.map(choice => [choice.uuid, choice]));
  if (value !== null) byUuid.set(value.uuid, value);

  const data = [
    { value: SAMPLE_VALUE, label: SAMPLE_LABEL },
    ...[...byUuid.values()].map(choice => ({
      value: choice.uuid,
      label: choiceLabel(choice),
    })),
  ];
  return (
    <Select
      label="Compromise to preview"
      size="xs"
      searchable
      allowDeselect={false}
      data={data}
      value={value?.uuid ?? SAMPLE_VALUE}
      onChange={uuid => onChange(byUuid.get(uuid ?? '') ?? null)}
      searchValue={search}
      onSearchChange={setSearch}
      // The engine already filtered by the typed text.
      filter={({ options }) => options}
      nothingFoundMessage={isLoading ? 'Searching…' : 'No compromise matches'}
      maxDropdownHeight={260}
    />
  );
}
