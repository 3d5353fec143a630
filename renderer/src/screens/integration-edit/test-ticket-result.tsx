import { Alert } from '@mantine/core';

import type { TestTicketOutcome } from './use-save-integration';

/** Result of the test ticket that `Save And Submit` created or not. */
export function TestTicketResult({
  outcome,
  onClose,
}: {
  readonly outcome: TestTicketOutcome | null;
  readonly onClose: () => void;
}) {
  if (outcome === null) return null;
  if (outcome.ok) {
    return (
      <Alert
        color="teal"
        title={`Test ticket ${outcome.ticketNumber} created in Kaseya BMS`}
        withCloseButton
        closeButtonLabel="Dismiss"
        onClose={onClose}
        role="status"
      >
        The integration was saved and the sample compromise became ticket{' '}
        {outcome.ticketNumber} in account {outcome.accountId}, the Catchall
        Account.
      </Alert>
    );
  }
  return (
    <Alert
      color="red"
      title="The integration was saved, but the test ticket failed"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
      role="alert"
    >
      {outcome.error.message}
    </Alert>
  );
}
