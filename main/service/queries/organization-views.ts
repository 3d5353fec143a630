import type { OrganizationView } from '../../../shared/contract/models';
import type { Store } from '../../store/open-store';

type OrganizationViewRow = {
  uuid: string;
  title: string;
  is_enabled: number;
  integration_id: number | null;
  integration_name: string | null;
  pending_name: string | null;
};

/**
 * Every organization with its integration and queued rename, in one query.
 * When an organization has several queued renames, the newest (highest id)
 * is its pending name. `@uuid` NULL selects all organizations.
 */
const ORGANIZATION_VIEW_SQL = `
  WITH latest_rename AS (
    SELECT target_id, new_name FROM pending_changes
    WHERE id IN (
      SELECT MAX(id) FROM pending_changes
      WHERE target = 'dwid-organization' GROUP BY target_id))
  SELECT o.uuid, o.title, o.is_enabled, oi.integration_id,
    i.name AS integration_name, r.new_name AS pending_name
  FROM organizations o
  LEFT JOIN org_integration oi ON oi.organization_uuid = o.uuid
  LEFT JOIN integrations i ON i.id = oi.integration_id
  LEFT JOIN latest_rename r ON r.target_id = o.uuid
  WHERE @uuid IS NULL OR o.uuid = @uuid
  ORDER BY o.title COLLATE NOCASE, o.uuid`;

/** Returns every cached organization, ordered by name. */
export function listOrganizationViews(store: Store): OrganizationView[] {
  return store.db
    .prepare<[{ uuid: null }], OrganizationViewRow>(ORGANIZATION_VIEW_SQL)
    .all({ uuid: null })
    .map(toOrganizationView);
}

/** Returns one organization's view, or null when it is not cached. */
export function readOrganizationView(
  store: Store,
  uuid: string,
): OrganizationView | null {
  const row = store.db
    .prepare<[{ uuid: string }], OrganizationViewRow>(ORGANIZATION_VIEW_SQL)
    .get({ uuid });
  return row === undefined ? null : toOrganizationView(row);
}

function toOrganizationView(row: OrganizationViewRow): OrganizationView {
  return {
    uuid: row.uuid,
    name: row.title,
    isEnabled: row.is_enabled === 1,
    integrationId: row.integration_id,
    integrationName: row.integration_name,
    pendingName: row.pending_name,
  };
}
