import {
  Alert,
  Divider,
  Group,
  List,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';

import type {
  CompromiseChoice,
  TicketPreview as TicketPreviewData,
} from '../../../../shared/contract/models';
import type { IntegrationFormValues } from './integration-form';
import { PreviewCompromiseSelect } from './preview-compromise-select';
import { PreviewFields, PreviewTokens } from './preview-fields';
import { useTicketPreview } from './use-ticket-preview';

/** Renders the ticket the unsaved mappings would create, updated as they change. */
export function TicketPreview({
  integrationId,
  values,
}: {
  readonly integrationId: number | undefined;
  readonly values: IntegrationFormValues;
}) {
  const [compromise, setCompromise] = useState<CompromiseChoice | null>(null);
  const { preview, error, isLoading } = useTicketPreview({
    integrationId,
    conditions: values.conditions,
    rows: values.fieldMappings,
    compromiseUuid: compromise?.uuid,
  });

  return (
    <Paper
      withBorder
      p="sm"
      component="section"
      aria-labelledby="preview-title"
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h5" id="preview-title">
            Ticket preview
          </Title>
          {isLoading && <Loader size="xs" aria-label="Updating the preview" />}
        </Group>
        <PreviewCompromiseSelect value={compromise} onChange={setCompromise} />
        {error !== null && (
          <Alert color="red" variant="light" title="Preview not available">
            {error.message}
          </Alert>
        )}
        {preview !== null && <PreviewBody preview={preview} />}
      </Stack>
    </Paper>
  );
}

function PreviewBody({ preview }: { readonly preview: TicketPreviewData }) {
  return (
    <Stack gap="xs" aria-live="polite">
      {preview.skippedBecause !== null && (
        <Alert
          color="yellow"
          variant="light"
          title="No ticket for this compromise"
        >
          {preview.skippedBecause}
        </Alert>
      )}
      {preview.problems.length > 0 && (
        <Alert
          color="red"
          variant="light"
          title="Problems that stop the ticket"
        >
          <List size="sm">
            {preview.problems.map(problem => (
              <List.Item key={problem}>{problem}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <CompanyLine company={preview.company} />
      <Divider />
      <PreviewFields fields={preview.fields} />
      <Divider label="Tokens" labelPosition="left" />
      <PreviewTokens tokens={preview.tokens} />
    </Stack>
  );
}

function CompanyLine({
  company,
}: {
  readonly company: TicketPreviewData['company'];
}) {
  const account =
    company.accountName ??
    (company.accountId === null
      ? 'no account'
      : `account ${company.accountId}`);
  const how = {
    match: 'its organization name matches this BMS account',
    link: 'its organization is linked to this BMS account',
    'catch-all':
      'no account matches its organization, so it uses the Catchall Account',
  }[company.via];
  return (
    <Text size="sm">
      Goes to <strong>{account}</strong>
      {company.accountId !== null && company.accountName !== null
        ? ` (id ${company.accountId})`
        : ''}
      , because {how}.
    </Text>
  );
}
