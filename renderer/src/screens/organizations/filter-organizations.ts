import type { OrganizationView } from '../../../../shared/contract/models';

type SortedOrganizations = {
  readonly organizations: readonly OrganizationView[];
  /** Lowercase name, pending name and integration name of each, joined. */
  readonly haystacks: readonly string[];
};

const collator = new Intl.Collator();
// Sorting thousands of names takes longer than a keystroke may, so each
// organizations array is sorted once and every search filters that copy.
const sortedCache = new WeakMap<
  readonly OrganizationView[],
  SortedOrganizations
>();

function sortOrganizations(
  organizations: readonly OrganizationView[],
): SortedOrganizations {
  let sorted = sortedCache.get(organizations);
  if (sorted === undefined) {
    const ordered = [...organizations].sort(
      (a, b) =>
        collator.compare(a.name, b.name) || collator.compare(a.uuid, b.uuid),
    );
    sorted = {
      organizations: ordered,
      // A newline cannot occur in a search box, so no match spans two parts.
      haystacks: ordered.map(item =>
        [item.name, item.pendingName ?? '', item.integrationName ?? '']
          .join('\n')
          .toLowerCase(),
      ),
    };
    sortedCache.set(organizations, sorted);
  }
  return sorted;
}

/**
 * Keeps the organizations whose name, pending name or integration name
 * contains `search`, ignoring case, sorted by name.
 */
export function filterOrganizations(
  organizations: readonly OrganizationView[],
  search: string,
): readonly OrganizationView[] {
  const needle = search.trim().toLowerCase();
  const sorted = sortOrganizations(organizations);
  if (needle === '') return sorted.organizations;
  return sorted.organizations.filter((_item, index) =>
    (sorted.haystacks[index] ?? '').includes(needle),
  );
}
