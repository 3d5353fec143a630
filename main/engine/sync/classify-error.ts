import { ConnectorError } from '../../errors';

/**
 * Tells whether a failed ticket POST may still have created the ticket. A
 * timeout, a dropped connection or a 5xx can happen after BMS stored it.
 * Only an explicit rejection, a failed login or throttling before the
 * request means it certainly did not.
 */
export function mayHaveReachedBms(error: unknown): boolean {
  if (!(error instanceof ConnectorError)) return true;
  switch (error.code) {
    case 'auth-failed':
    case 'permission-denied':
    case 'rate-limited':
    case 'validation':
      return false;
    case 'remote-rejected':
      // A 5xx is retryable and may follow a stored ticket, while a
      // `success: false` response is a definite rejection.
      return error.isRetryable;
    default:
      return true;
  }
}
