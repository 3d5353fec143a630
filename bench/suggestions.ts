import { performance } from 'node:perf_hooks';

import { ORGANIZATION_NAMES } from '../main/emulators/demo-data/names';
import { createSuggestionIndex } from '../shared/suggestions';

export type SuggestionsResult = {
  readonly accounts: number;
  readonly organizations: number;
  /** Accounts whose name equals no organization name. */
  readonly nonMatching: number;
  /** Building the index over every organization, in ms. */
  readonly indexMs: number;
  /** Suggestions for the first 50 non-matching rows, as a screen shows. */
  readonly firstScreenMs: number;
  /** Suggestions for every non-matching account, in ms. */
  readonly allMs: number;
  /** Non-matching accounts that got at least one suggestion. */
  readonly withSuggestion: number;
};

/** Rows of the Non-Matching column that fit on one screen, an estimate. */
const SCREEN_ROWS = 50;

/**
 * Builds `organizations` names and `accounts` account names: a third equal an
 * organization, a third differ by case, `&`/and or a legal suffix, and the
 * rest are unrelated.
 */
function buildNames(accounts: number, organizations: number) {
  const organizationNames = Array.from({ length: organizations }, (_, i) => {
    const base = ORGANIZATION_NAMES[i % ORGANIZATION_NAMES.length] ?? 'Org';
    return `${base} ${i}`;
  });
  const accountNames = Array.from({ length: accounts }, (_, i) => {
    const name = organizationNames[i % organizations] ?? `Account ${i}`;
    switch (i % 6) {
      case 0:
      case 1:
        return name;
      case 2:
        return name.toLowerCase();
      case 3:
        return `${name.replace(' and ', ' & ')}, Inc.`;
      default:
        return `Unrelated Holdings ${i}`;
    }
  });
  return { organizationNames, accountNames };
}

/** Times the suggestion index and its lookups, as the mapping panel uses them. */
export function measureSuggestions(
  accounts: number,
  organizations: number,
): SuggestionsResult {
  const { organizationNames, accountNames } = buildNames(
    accounts,
    organizations,
  );
  const exact = new Set(organizationNames);
  const nonMatching = accountNames.filter(name => !exact.has(name));

  const indexStart = performance.now();
  const index = createSuggestionIndex(
    organizationNames.map((name, i) => ({ id: `org-${i}`, name })),
  );
  const indexMs = performance.now() - indexStart;

  const screenStart = performance.now();
  for (const name of nonMatching.slice(0, SCREEN_ROWS)) index.suggest(name);
  const firstScreenMs = performance.now() - screenStart;

  const allStart = performance.now();
  let withSuggestion = 0;
  for (const name of nonMatching) {
    if (index.suggest(name).length > 0) withSuggestion += 1;
  }
  const allMs = performance.now() - allStart + firstScreenMs;

  return {
    accounts,
    organizations,
    nonMatching: nonMatching.length,
    indexMs,
    firstScreenMs,
    allMs,
    withSuggestion,
  };
}
