import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';

import type { DeliveryFilter } from '../../../../shared/contract/models';
import { useContractQuery } from '../../hooks/use-contract-query';
import { useEventsStore } from '../../stores/events-store';
import { ActivityFilters, type ActivityFilterValues } from './activity-filters';
import { DeliveryTable } from './delivery-table';
import { exportDeliveries } from './export-deliveries';
import { useDeliveryPages } from './use-delivery-pages';

/** Wait after the last keystroke before the search runs, in milliseconds. */
const SEARCH_DEBOUNCE_MS = 300;

const NO_FILTERS: ActivityFilterValues = {
  integrationId: null,
  state: null,
  search: '',
};

function toFilter(
  values: ActivityFilterValues,
  search: string,
): DeliveryFilter {
  const filter: DeliveryFilter = {};
  if (values.integrationId !== null) {
    filter.integrationId = values.integrationId;
  }
  if (values.state !== null) filter.state = values.state;
  if (search.trim() !== '') filter.search = search.trim();
  return filter;
}

function ExportButton({ filter }: { readonly filter: DeliveryFilter }) {
  const [isExporting, setIsExporting] = useState(false);
  async function run() {
    setIsExporting(true);
    await exportDeliveries(filter);
    setIsExporting(false);
  }
  return (
    <Button variant="default" loading={isExporting} onClick={() => void run()}>
      Export CSV
    </Button>
  );
}

/** Renders the delivery ledger: one row per compromise and integration. */
export function ActivityScreen() {
  const versions = useEventsStore(state => state.versions);
  const integrations = useContractQuery(
    'integrations:list',
    {},
    versions.integrations,
  );
  const [values, setValues] = useState(NO_FILTERS);
  const [search] = useDebouncedValue(values.search, SEARCH_DEBOUNCE_MS);
  const filter = useMemo(() => toFilter(values, search), [values, search]);
  const ledger = useDeliveryPages(filter, versions.deliveries);

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>Activity</Title>
        <ExportButton filter={filter} />
      </Group>
      <ActivityFilters
        values={values}
        integrations={integrations.data ?? []}
        onChange={setValues}
      />
      <Text size="sm" c="dimmed" aria-live="polite">
        {ledger.total === null
          ? 'Loading deliveries…'
          : `${ledger.total.toLocaleString()} deliveries`}
      </Text>
      {ledger.error === null ? null : (
        <Alert color="red" title="Deliveries could not be loaded">
          {ledger.error.message}{' '}
          <Button
            size="compact-sm"
            variant="white"
            color="red"
            onClick={ledger.retry}
          >
            Try again
          </Button>
        </Alert>
      )}
      <DeliveryTable ledger={ledger} />
    </Stack>
  );
}
