import { Alert, Button, Center, Loader } from '@mantine/core';

import type { ContractQuery } from '../hooks/use-contract-query';

/**
 * Renders the state of a query that has no data yet: a loader, or its error with
 * `Try again`.
 */
export function QueryStatus({
  query,
  title,
}: {
  readonly query: ContractQuery<unknown>;
  /** Heading of the error, for example "Organizations could not be loaded". */
  readonly title: string;
}) {
  if (query.error === null) {
    return (
      <Center p="xl">
        <Loader size="sm" aria-label="Loading" />
      </Center>
    );
  }
  return (
    <Alert color="red" title={title}>
      {query.error.message}{' '}
      <Button
        size="compact-sm"
        variant="white"
        color="red"
        onClick={query.reload}
      >
        Try again
      </Button>
    </Alert>
  );
}

/** Renders a failed reload while older data is still shown. */
export function StaleDataAlert({
  query,
}: {
  readonly query: ContractQuery<unknown>;
}) {
  if (query.error === null || query.data === null) return null;
  return (
    <Alert color="orange" title="Showing older data">
      {query.error.message}{' '}
      <Button
        size="compact-sm"
        variant="white"
        color="orange"
        onClick={query.reload}
      >
        Try again
      </Button>
    </Alert>
  );
}
