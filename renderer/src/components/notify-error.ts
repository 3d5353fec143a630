import { notifications } from '@mantine/notifications';

import type { ErrorData } from '../../../shared/errors';
import { ERROR_CODES } from '../../../shared/errors';

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/**
 * Shows a failed call as a red notification. The same `id` replaces an
 * earlier notification of that situation instead of stacking copies. A code
 * outside the contract's list is shown, so a newer engine stays readable.
 */
export function notifyError(id: string, title: string, error: ErrorData) {
  const code = String(error.code);
  const message = KNOWN_CODES.has(code)
    ? error.message
    : `${error.message} (error code: ${code})`;
  notifications.hide(id);
  notifications.show({ id, color: 'red', title, message, autoClose: 10_000 });
}

/** Shows a finished action as a green notification with a stable `id`. */
export function notifySuccess(id: string, title: string, message: string) {
  notifications.hide(id);
  notifications.show({ id, color: 'teal', title, message });
}
