import { Select, type ComboboxItemGroup } from '@mantine/core';
import { useMemo } from 'react';

import type { OrganizationView } from '../../../../shared/contract/models';
import type { Suggestion } from '../../../../shared/suggestions';
import { ExactName } from '../../components/exact-name';

type Option = { readonly value: string; readonly label: string };

/** Options shown before the user types; typing searches all of them. */
const OPTION_LIMIT = 100;

function toOption(organization: { id: string; name: string }): Option {
  return { value: organization.id, label: organization.name };
}

function buildGroups(
  organizations: readonly OrganizationView[],
  suggestions: readonly Suggestion[],
): ComboboxItemGroup<Option>[] {
  const suggested = new Set(suggestions.map(item => item.id));
  const others = organizations
    .filter(organization => !suggested.has(organization.uuid))
    .map(organization => toOption({ ...organization, id: organization.uuid }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const groups: ComboboxItemGroup<Option>[] = [];
  if (suggestions.length > 0) {
    groups.push({ group: 'Suggestions', items: suggestions.map(toOption) });
  }
  groups.push({ group: 'All organizations', items: others });
  return groups;
}

/** Searchable choice of a Dark Web ID organization, suggestions first. */
export function OrganizationPicker({
  organizations,
  suggestions,
  value,
  onChange,
}: {
  readonly organizations: readonly OrganizationView[];
  readonly suggestions: readonly Suggestion[];
  readonly value: string | null;
  readonly onChange: (uuid: string | null) => void;
}) {
  const data = useMemo(
    () => buildGroups(organizations, suggestions),
    [organizations, suggestions],
  );
  return (
    <Select
      label="Dark Web ID organization"
      description="Suggested organizations come first. Type to search all of them."
      placeholder="Search organizations"
      searchable
      clearable
      clearButtonProps={{ 'aria-label': 'Clear organization' }}
      data={data}
      limit={OPTION_LIMIT}
      value={value}
      onChange={onChange}
      nothingFoundMessage="No organization has this name."
      renderOption={({ option }) => <ExactName name={option.label} size="sm" />}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
