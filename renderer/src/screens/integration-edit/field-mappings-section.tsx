import { Grid, Stack } from '@mantine/core';

import type { Lookups } from '../../../../shared/contract/models';
import { AddFieldMappingMenu } from './add-field-mapping-menu';
import { FieldMappingRow } from './field-mapping-row';
import { LookupsStatus } from './lookups-status';
import type { MappingFocusRef } from './mapping-focus';
import { TicketPreview } from './ticket-preview';
import { TokenTable } from './token-table';
import type { IntegrationForm } from './use-integration-form';
import { useTokenInserter } from './use-token-inserter';

// Columns follow the width of the screen's content area, not the window,
// because the navigation bar takes a fixed share of the window.
const CONTAINER_BREAKPOINTS = {
  xs: '30em',
  sm: '40em',
  md: '46em',
  lg: '60em',
  xl: '75em',
};

/** Field mappings on the left; tokens and the live preview beside them. */
export function FieldMappingsSection({
  form,
  integrationId,
  lookups,
  focusRef,
}: {
  readonly form: IntegrationForm;
  readonly integrationId: number | undefined;
  readonly lookups: Lookups | null;
  readonly focusRef: MappingFocusRef;
}) {
  const insert = useTokenInserter(form, focusRef);
  const values = form.getValues();

  return (
    <Grid gap="md" type="container" breakpoints={CONTAINER_BREAKPOINTS}>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="sm">
          <LookupsStatus integrationId={integrationId} lookups={lookups} />
          {values.fieldMappings.map((row, index) => (
            <FieldMappingRow
              key={row.key}
              form={form}
              index={index}
              lookups={lookups}
              focusRef={focusRef}
            />
          ))}
          <div>
            <AddFieldMappingMenu form={form} />
          </div>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="md">
          <TokenTable onInsert={insert} />
          <TicketPreview integrationId={integrationId} values={values} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
