import { Alert, Button, Code, Table, Text } from '@mantine/core';
import { useState } from 'react';

import type { IntegrationDetail } from '../../../../shared/contract/models';
import { RelativeTime } from '../../components/relative-time';

/** Errors listed before "Show all" expands the list. */
const COLLAPSED_COUNT = 5;

/** Recent failures of an unhealthy integration, most recent first. */
export function IntegrationErrors({
  detail,
}: {
  readonly detail: IntegrationDetail;
}) {
  const [isExpanded, setIsExpanded] = useState(false);
  if (detail.health === 'healthy') return null;

  const visibleErrors = isExpanded
    ? detail.errors
    : detail.errors.slice(0, COLLAPSED_COUNT);
  return (
    <Alert
      color="red"
      variant="light"
      title={`Unhealthy: ${detail.consecutiveFailures} failures in a row`}
      role="region"
      aria-label="Recent errors"
    >
      {detail.errors.length === 0 ? (
        <Text size="sm">No error details were recorded.</Text>
      ) : (
        <ErrorsTable errors={visibleErrors} />
      )}
      {detail.errors.length > COLLAPSED_COUNT && (
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          mt="xs"
          onClick={() => setIsExpanded(value => !value)}
        >
          {isExpanded ? 'Show fewer' : `Show all ${detail.errors.length}`}
        </Button>
      )}
    </Alert>
  );
}

function ErrorsTable({
  errors,
}: {
  readonly errors: IntegrationDetail['errors'];
}) {
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Operation</Table.Th>
            <Table.Th>Message</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((error, index) => (
            <Table.Tr key={`${error.at}-${index}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <RelativeTime iso={error.at} size="sm" />
              </Table.Td>
              <Table.Td>
                <Code style={{ whiteSpace: 'nowrap' }}>{error.operation}</Code>
              </Table.Td>
              <Table.Td>
                {error.message}{' '}
                <Text component="span" size="xs" c="dimmed">
                  ({error.code})
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
