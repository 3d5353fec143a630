import { Alert, Loader, Stack } from '@mantine/core';
import { useState } from 'react';

import type { IntegrationDetail } from '../../../../shared/contract/models';
import { EditHeader } from './edit-header';
import { EditTabs } from './edit-tabs';
import { TestTicketResult } from './test-ticket-result';
import { useIntegrationDetail } from './use-integration-detail';
import { useIntegrationForm } from './use-integration-form';
import { useLookups } from './use-lookups';
import { useSaveIntegration } from './use-save-integration';
import { ValidationAlert } from './validation-alert';

/** Creates or edits one integration; `id` absent creates a new one. */
export function IntegrationEditScreen({ id }: { readonly id?: number }) {
  // Set by the first save of a new integration; the screen stays open.
  const [savedId, setSavedId] = useState<number | undefined>(id);
  const { detail, error, setDetail } = useIntegrationDetail(savedId);
  const form = useIntegrationForm(id === undefined, detail);
  const lookups = useLookups(savedId);
  const saving = useSaveIntegration(
    form,
    savedId,
    (saved: IntegrationDetail) => {
      setSavedId(saved.id);
      setDetail(saved);
    },
  );

  if (id !== undefined && detail === null) {
    return error === null ? (
      <Loader aria-label="Loading the integration" />
    ) : (
      <Alert color="red" title="Integration not loaded">
        {error.message}
      </Alert>
    );
  }
  return (
    <form onSubmit={form.onSubmit(() => void saving.save())} noValidate>
      <Stack gap="md">
        <EditHeader
          detail={detail}
          isNew={savedId === undefined}
          isSaving={saving.isSaving}
          isTesting={saving.isTesting}
          onSaveAndTest={() => void saving.saveAndTest()}
        />
        <ValidationAlert validation={saving.validation} />
        <TestTicketResult
          outcome={saving.testOutcome}
          onClose={saving.clearTestOutcome}
        />
        <EditTabs
          form={form}
          integrationId={savedId}
          detail={detail}
          lookups={lookups}
        />
      </Stack>
    </form>
  );
}
