import { useEffect, useState } from 'react';

import type { IntegrationDetail } from '../../../../shared/contract/models';
import type { ErrorData } from '../../../../shared/errors';
import { notifyError } from '../../components/notify-error';
import { call } from '../../connector/connector';
import { useEventsStore } from '../../stores/events-store';

export type DetailState = {
  /** Null for a new integration and until the first load finishes. */
  readonly detail: IntegrationDetail | null;
  readonly error: ErrorData | null;
  /** Replaces the detail with the one `integrations:save` returned. */
  readonly setDetail: (detail: IntegrationDetail) => void;
};

/**
 * Loads a stored integration and reloads it when the engine reports changed
 * integrations or BMS data, for its health, errors and cache time. The form
 * takes only the first load, so a reload never overwrites typed values.
 */
export function useIntegrationDetail(id: number | undefined): DetailState {
  const version = useEventsStore(state => state.versions.integrations);
  const cacheVersion = useEventsStore(state => state.versions.cache);
  const [detail, setDetail] = useState<IntegrationDetail | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);

  useEffect(() => {
    if (id === undefined) return;
    let isCurrent = true;
    void call('integrations:get', { id }).then(result => {
      if (!isCurrent) return;
      if (result.ok) {
        setDetail(result.value);
        setError(null);
      } else {
        notifyError('integration-load', 'Integration not loaded', result.error);
        setError(result.error);
      }
    });
    return () => {
      isCurrent = false;
    };
  }, [id, version, cacheVersion]);

  return { detail, error, setDetail };
}
