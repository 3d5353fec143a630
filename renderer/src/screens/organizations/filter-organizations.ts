import type { OrganizationView } from '../../../../shared/contract/models';

/**
 * Keeps the organizations whose name, pending name or integration name
 * contains `search`, ignoring case, and sorts them by name.
 */
export function filterOrganizations(
  organizations: readonly OrganizationView[],
  search: string,
): OrganizationView[] {
  const needle = search.trim().toLowerCase();
  const contains = (text: string | null) =>
    text !== null && text.toLowerCase().includes(needle);
  return organizations
    .filter(
      item =>
        needle === '' ||
        contains(item.name) ||
        contains(item.pendingName) ||
        contains(item.integrationName),
    )
    .sort(
      (a, b) => a.name.localeCompare(b.name) || a.uuid.localeCompare(b.uuid),
    );
}
