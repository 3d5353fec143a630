import type { OrganizationView } from '../../shared/contract/models';
import { ConnectorError } from '../errors';
import type { Store } from '../store/open-store';
import { integrationNotFound } from './queries/integration-views';
import { readOrganizationView } from './queries/organization-views';

export type AssociationRequest = {
  readonly organizationUuid: string;
  /** Null removes the organization's association. */
  readonly integrationId: number | null;
  /** Moves the organization away from its current integration. */
  readonly replace: boolean;
  /**
   * The integration the caller saw, or null for none. When given and the
   * stored one differs, the change is a `conflict`, so a stale dialog never
   * overwrites a change made elsewhere.
   */
  readonly expectedIntegrationId?: number | null;
};

/**
 * Sets or clears the integration of one organization, in one transaction.
 * Choosing another integration while one is set is a `conflict` unless
 * `replace` is true, because an organization sends tickets to one Kaseya
 * BMS integration only. An unknown organization or integration is
 * `not-found`.
 */
export function associateOrganization(
  store: Store,
  request: AssociationRequest,
): OrganizationView {
  return store.transaction(() => {
    const current = requireOrganization(store, request.organizationUuid);
    const target = request.integrationId;
    if (target !== null && store.integrations.getById(target) === null) {
      throw integrationNotFound(target);
    }
    if (
      request.expectedIntegrationId !== undefined &&
      request.expectedIntegrationId !== current.integrationId
    ) {
      throw new ConnectorError(
        'conflict',
        `Organization "${current.name}" was changed elsewhere: it now sends ` +
          `tickets to ${describeIntegration(current)}. Reopen it and choose ` +
          'again.',
      );
    }
    if (current.integrationId === target) return current;
    if (target !== null && current.integrationId !== null && !request.replace) {
      throw new ConnectorError(
        'conflict',
        `Organization "${current.name}" already sends tickets to ` +
          `integration "${current.integrationName ?? current.integrationId}"; ` +
          'an organization can send tickets to one Kaseya BMS integration ' +
          'only. Remove that association first, or replace it.',
      );
    }

    for (const id of [current.integrationId, target]) {
      if (id !== null) convertSelectorsToRows(store, id);
    }
    store.associations.clear(request.organizationUuid);
    if (target !== null) {
      store.associations.associate(request.organizationUuid, target);
    }
    return requireOrganization(store, request.organizationUuid);
  });
}

/**
 * Keeps the integration's current associations as explicit rows and deletes
 * its organization selectors. Selectors from a configuration file re-create
 * their associations on every organization refresh, which would undo a
 * manual change. NOTE: after this, a '*' selector no longer takes
 * organizations that Dark Web ID adds later; they are associated by hand.
 */
function convertSelectorsToRows(store: Store, integrationId: number): void {
  if (store.associations.listSelectors(integrationId).length === 0) return;
  store.associations.replaceSelectors(integrationId, []);
}

function requireOrganization(store: Store, uuid: string): OrganizationView {
  const view = readOrganizationView(store, uuid);
  if (view === null) {
    throw new ConnectorError(
      'not-found',
      `No organization with uuid ${uuid} is stored; refresh the ` +
        'organizations from Dark Web ID.',
    );
  }
  return view;
}

function describeIntegration(organization: OrganizationView): string {
  if (organization.integrationId === null) return 'no integration';
  return `integration "${organization.integrationName ?? organization.integrationId}"`;
}
