import { useEffect, useState } from 'react';

import type { IntegrationSummary } from '../../../../shared/contract/models';
import type { ErrorData } from '../../../../shared/errors';
import { notifyError } from '../../components/notify-error';
import { call } from '../../connector/connector';
import { useEventsStore } from '../../stores/events-store';

export type IntegrationsState = {
  /** Null until the first load finishes. */
  readonly integrations: readonly IntegrationSummary[] | null;
  readonly error: ErrorData | null;
};

/** Loads the integrations list and reloads it when the engine changes it. */
export function useIntegrations(): IntegrationsState {
  const version = useEventsStore(state => state.versions.integrations);
  const organizationsVersion = useEventsStore(
    state => state.versions.organizations,
  );
  const [state, setState] = useState<IntegrationsState>({
    integrations: null,
    error: null,
  });

  useEffect(() => {
    let isCurrent = true;
    void call('integrations:list', {}).then(result => {
      if (!isCurrent) return;
      if (result.ok) {
        setState({ integrations: result.value, error: null });
      } else {
        notifyError(
          'integrations-list',
          'Integrations not loaded',
          result.error,
        );
        setState(previous => ({ ...previous, error: result.error }));
      }
    });
    return () => {
      isCurrent = false;
    };
  }, [version, organizationsVersion]);

  return state;
}
