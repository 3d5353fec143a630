import { Group, Select, TextInput } from '@mantine/core';

import type {
  DeliveryState,
  IntegrationSummary,
} from '../../../../shared/contract/models';
import { STATE_LABELS } from './delivery-row';

export type ActivityFilterValues = {
  readonly integrationId: number | null;
  readonly state: DeliveryState | null;
  /** The search box as typed, before the screen debounces it. */
  readonly search: string;
};

const STATE_OPTIONS = Object.entries(STATE_LABELS).map(([value, label]) => ({
  value,
  label,
}));

/** Integration, state and search filters of the ledger. */
export function ActivityFilters({
  values,
  integrations,
  onChange,
}: {
  readonly values: ActivityFilterValues;
  readonly integrations: readonly IntegrationSummary[];
  readonly onChange: (values: ActivityFilterValues) => void;
}) {
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label="Integration"
        placeholder="All integrations"
        clearable
        w={200}
        data={integrations.map(item => ({
          value: String(item.id),
          label: item.name,
        }))}
        value={
          values.integrationId === null ? null : String(values.integrationId)
        }
        onChange={value =>
          onChange({
            ...values,
            integrationId: value === null ? null : Number(value),
          })
        }
      />
      <Select
        label="State"
        placeholder="All states"
        clearable
        w={150}
        data={STATE_OPTIONS}
        value={values.state}
        onChange={value =>
          onChange({ ...values, state: value as DeliveryState | null })
        }
      />
      <TextInput
        label="Search"
        placeholder="Organization, e-mail, domain, IP or ticket"
        style={{ flex: 1, minWidth: 200 }}
        maxLength={200}
        value={values.search}
        onChange={event =>
          onChange({ ...values, search: event.currentTarget.value })
        }
      />
    </Group>
  );
}
