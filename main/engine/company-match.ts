/**
 * Company matching: which Kaseya BMS account receives the tickets of a Dark
 * Web ID organization. Names must be equal exactly. A leading or trailing
 * space breaks a match on purpose, because BMS and Dark Web ID treat those
 * names as different and the technician must be shown the difference.
 */

export type BmsAccountRef = {
  readonly id: number;
  readonly name: string;
  readonly isActive?: boolean;
  readonly mainLocationId?: number | null;
};

export type CompanyLink = {
  readonly organizationTitle: string;
  readonly accountName: string;
};

export type CompanyIndex = {
  /** Account for an organization title, or undefined (catch-all). */
  resolve(organizationTitle: string): BmsAccountRef | undefined;
};

/**
 * Builds the lookup used during a sync. An explicit link wins over an equal
 * name; a link to an account that no longer exists falls back to the name.
 */
export function buildCompanyIndex(
  accounts: readonly BmsAccountRef[],
  links: readonly CompanyLink[] = [],
): CompanyIndex {
  const byName = new Map<string, BmsAccountRef>();
  for (const account of accounts) {
    // With duplicate names the first (lowest id after sorting) wins, so the
    // choice does not depend on the order BMS returned them in.
    const existing = byName.get(account.name);
    if (existing === undefined || account.id < existing.id) {
      byName.set(account.name, account);
    }
  }

  const linked = new Map<string, BmsAccountRef>();
  for (const link of links) {
    const account = byName.get(link.accountName);
    if (account !== undefined) linked.set(link.organizationTitle, account);
  }

  return {
    resolve: title => linked.get(title) ?? byName.get(title),
  };
}

/** True when `name` starts or ends with whitespace, which breaks matching. */
export function hasEdgeWhitespace(name: string): boolean {
  return name !== name.trim();
}
