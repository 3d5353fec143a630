import type { BmsAccountView } from '../../../../shared/contract/models';

/** The three columns of the Kaseya Company Mapping panel, filtered. */
export type MappingColumns = {
  readonly all: readonly BmsAccountView[];
  readonly matched: readonly BmsAccountView[];
  readonly nonMatching: readonly BmsAccountView[];
};

function byName(a: BmsAccountView, b: BmsAccountView): number {
  return a.name.localeCompare(b.name) || a.id - b.id;
}

/**
 * Splits accounts into matched and non-matching ones, keeping only those
 * whose current or pending name contains `search`, ignoring case.
 */
export function buildMappingColumns(
  accounts: readonly BmsAccountView[],
  search: string,
): MappingColumns {
  const needle = search.trim().toLowerCase();
  const all = accounts
    .filter(
      account =>
        needle === '' ||
        account.name.toLowerCase().includes(needle) ||
        (account.pendingName?.toLowerCase().includes(needle) ?? false),
    )
    .sort(byName);
  return {
    all,
    matched: all.filter(account => account.matchedOrganizationUuid !== null),
    nonMatching: all.filter(
      account => account.matchedOrganizationUuid === null,
    ),
  };
}
