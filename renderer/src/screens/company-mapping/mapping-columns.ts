import type { BmsAccountView } from '../../../../shared/contract/models';

/** The three columns of the Kaseya Company Mapping panel, filtered. */
export type MappingColumns = {
  readonly all: readonly BmsAccountView[];
  readonly matched: readonly BmsAccountView[];
  readonly nonMatching: readonly BmsAccountView[];
};

/** Accounts sorted by name, with lowercase names, per accounts array. */
type SortedAccounts = {
  readonly accounts: readonly BmsAccountView[];
  readonly names: readonly string[];
  readonly pendingNames: readonly (string | null)[];
};

const collator = new Intl.Collator();
// Sorting 10,000 names takes longer than a keystroke may, so each accounts
// array is sorted once and every search filters the sorted copy.
const sortedCache = new WeakMap<readonly BmsAccountView[], SortedAccounts>();

function sortAccounts(accounts: readonly BmsAccountView[]): SortedAccounts {
  let sorted = sortedCache.get(accounts);
  if (sorted === undefined) {
    const ordered = [...accounts].sort(
      (a, b) => collator.compare(a.name, b.name) || a.id - b.id,
    );
    sorted = {
      accounts: ordered,
      names: ordered.map(account => account.name.toLowerCase()),
      pendingNames: ordered.map(
        account => account.pendingName?.toLowerCase() ?? null,
      ),
    };
    sortedCache.set(accounts, sorted);
  }
  return sorted;
}

/**
 * Splits accounts into matched and non-matching ones, sorted by name,
 * keeping only those whose current or pending name contains `search`,
 * ignoring case.
 */
export function buildMappingColumns(
  accounts: readonly BmsAccountView[],
  search: string,
): MappingColumns {
  const needle = search.trim().toLowerCase();
  const sorted = sortAccounts(accounts);
  const all =
    needle === ''
      ? sorted.accounts
      : sorted.accounts.filter(
          (_account, index) =>
            (sorted.names[index] ?? '').includes(needle) ||
            (sorted.pendingNames[index]?.includes(needle) ?? false),
        );
  return {
    all,
    matched: all.filter(account => account.matchedOrganizationUuid !== null),
    nonMatching: all.filter(
      account => account.matchedOrganizationUuid === null,
    ),
  };
}
