import type { ComboboxParsedItem, OptionsFilter } from '@mantine/core';

import type {
  LookupEntryView,
  Lookups,
} from '../../../../shared/contract/models';
import type { TicketField } from '../../../../shared/ticket-fields';

/** Returns the cached entries that list valid ids of `field`, if any. */
export function lookupEntriesOf(
  field: TicketField | undefined,
  lookups: Lookups | null,
): readonly LookupEntryView[] {
  if (field?.lookup === undefined || lookups === null) return [];
  switch (field.lookup) {
    case 'status':
      return lookups.statuses;
    case 'priority':
      return lookups.priorities;
    case 'queue':
      return lookups.queues;
  }
}

/**
 * Returns an Autocomplete filter that matches the typed text against the id
 * and the name of each entry, because options show both but hold only the id.
 */
export function filterByIdOrName(
  entries: readonly LookupEntryView[],
): OptionsFilter {
  const names = new Map(entries.map(entry => [String(entry.id), entry.name]));
  return ({ options, search }) => {
    const needle = search.trim().toLowerCase();
    // A complete id already typed still lists every choice to switch to.
    if (needle === '' || names.has(needle)) return options;
    return options.filter(option => {
      if (!('value' in option)) return false;
      const name = names.get(option.value) ?? '';
      return (
        option.value.includes(needle) || name.toLowerCase().includes(needle)
      );
    }) satisfies ComboboxParsedItem[];
  };
}

/** Describes what a typed id stands for in the cached lookup. */
export function describeLookupValue(
  content: string,
  entries: readonly LookupEntryView[],
  noun: string,
): string | null {
  const trimmed = content.trim();
  if (entries.length === 0 || !/^\d+$/.test(trimmed)) return null;
  const entry = entries.find(item => String(item.id) === trimmed);
  return entry === undefined
    ? `${trimmed} is not among the ${entries.length} cached ${noun}.`
    : `${entry.name} (id ${entry.id})`;
}
