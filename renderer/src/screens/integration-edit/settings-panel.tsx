import { Divider, Stack } from '@mantine/core';

import type { IntegrationDetail } from '../../../../shared/contract/models';
import { ConditionsSection } from './conditions-section';
import { CredentialsSection } from './credentials-section';
import { IntegrationErrors } from './integration-errors';
import type { IntegrationForm } from './use-integration-form';

/** Renders the Settings tab: recent errors, sign-in and ticket conditions. */
export function SettingsPanel({
  form,
  detail,
}: {
  readonly form: IntegrationForm;
  readonly detail: IntegrationDetail | null;
}) {
  return (
    <Stack gap="lg" maw={880}>
      {detail !== null && <IntegrationErrors detail={detail} />}
      <CredentialsSection
        form={form}
        hasStoredPassword={detail?.hasPassword ?? false}
      />
      <Divider />
      <ConditionsSection form={form} />
    </Stack>
  );
}
