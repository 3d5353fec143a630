import { Checkbox, Stack, Title } from '@mantine/core';

import type { IntegrationForm } from './use-integration-form';

/** Renders the ticket conditions, which are both off for a new integration. */
export function ConditionsSection({
  form,
}: {
  readonly form: IntegrationForm;
}) {
  return (
    <section aria-labelledby="conditions-title">
      <Title order={3} size="h5" mb="xs" id="conditions-title">
        Ticket conditions
      </Title>
      <Stack gap="sm">
        <Checkbox
          label="Do not send PSA ticket if no password is found"
          description="Compromises without a leaked password create no ticket."
          {...form.getInputProps('conditions.skipWithoutPassword', {
            type: 'checkbox',
          })}
        />
        <Checkbox
          label="Enable processing of IP address-related compromises"
          description="Without it, compromises found for an IP address create no ticket."
          {...form.getInputProps('conditions.includeIpCompromises', {
            type: 'checkbox',
          })}
        />
      </Stack>
    </section>
  );
}
