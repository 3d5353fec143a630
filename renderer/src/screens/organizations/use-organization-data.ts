import { useContractQuery } from '../../hooks/use-contract-query';
import { useEventsStore } from '../../stores/events-store';

/**
 * Loads organizations and BMS integrations, and reloads them when either
 * changes or a queued rename is sent.
 */
export function useOrganizationData() {
  const versions = useEventsStore(state => state.versions);
  const organizations = useContractQuery(
    'organizations:list',
    {},
    `${versions.organizations}:${versions.integrations}:${versions['pending-changes']}`,
  );
  const integrations = useContractQuery(
    'integrations:list',
    {},
    versions.integrations,
  );
  return { organizations, integrations };
}
