import { notifications } from '@mantine/notifications';

import type { CallInput } from '../../../../shared/contract/calls';
import type { ErrorData } from '../../../../shared/errors';
import { call } from '../../connector/connector';
import { useEventsStore } from '../../stores/events-store';

export type RenameRequest = CallInput<'company-mapping:rename'>;

/**
 * Sends one rename and marks the views it changes for reload. Returns the
 * error, or null when the rename was stored and queued.
 */
export async function requestRename(
  request: RenameRequest,
): Promise<ErrorData | null> {
  const result = await call('company-mapping:rename', request);
  if (!result.ok) return result.error;
  const { touch } = useEventsStore.getState();
  touch('cache');
  touch('organizations');
  touch('pending-changes');
  const side =
    request.target === 'bms-account'
      ? 'Kaseya BMS account'
      : 'Dark Web ID organization';
  notifications.show({
    color: 'teal',
    title: 'Rename saved',
    message:
      result.value === null
        ? `The ${side} keeps the name “${request.newName}”, so the rename that was waiting is withdrawn.`
        : `The ${side} will be renamed to “${request.newName}”. It shows as waiting until it has been sent.`,
  });
  return null;
}
