import { useEffect, useState } from 'react';

import type { Lookups } from '../../../../shared/contract/models';
import { notifyError } from '../../components/notify-error';
import { call } from '../../connector/connector';
import { useEventsStore } from '../../stores/events-store';

/**
 * Loads the BMS lookups cached for a saved integration. Returns null for a
 * new integration, while loading and after a failure, because ids can still
 * be typed without them.
 */
export function useLookups(integrationId: number | undefined): Lookups | null {
  const cacheVersion = useEventsStore(state => state.versions.cache);
  const [lookups, setLookups] = useState<Lookups | null>(null);

  useEffect(() => {
    if (integrationId === undefined) return;
    let isCurrent = true;
    void call('lookups:get', { integrationId }).then(result => {
      if (!isCurrent) return;
      if (result.ok) {
        setLookups(result.value);
      } else {
        notifyError('lookups-load', 'BMS lookups not loaded', result.error);
      }
    });
    return () => {
      isCurrent = false;
    };
  }, [integrationId, cacheVersion]);

  return integrationId === undefined ? null : lookups;
}
