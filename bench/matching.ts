import { performance } from 'node:perf_hooks';

import {
  buildCompanyIndex,
  type BmsAccountRef,
  type CompanyLink,
} from '../main/engine/company-match';
import { ORGANIZATION_NAMES } from '../main/emulators/demo-data/names';

export type MatchingResult = {
  readonly accounts: number;
  readonly titles: number;
  readonly links: number;
  /** Titles that resolved to an account (by link or by equal name). */
  readonly matched: number;
  /** The first run in the process, before the JIT has seen this code. */
  readonly firstMs: number;
  readonly medianMs: number;
  readonly runs: number;
};

function accountName(index: number): string {
  const base = ORGANIZATION_NAMES[index % ORGANIZATION_NAMES.length] ?? 'Org';
  return `${base} ${index}`;
}

/**
 * Builds `accounts` accounts and `titles` organization titles: half of the
 * titles equal an account name, a tenth differ only in case, a tenth have a
 * trailing space and the rest match nothing. Every twentieth title has an
 * explicit link to an account.
 */
function buildInputs(
  accounts: number,
  titles: number,
): {
  accounts: BmsAccountRef[];
  titles: string[];
  links: CompanyLink[];
} {
  const accountRefs = Array.from({ length: accounts }, (_, index) => ({
    id: 10_000 + index,
    name: accountName(index),
    isActive: index % 50 !== 0,
    mainLocationId: index % 3 === 0 ? null : 40_000 + index,
  }));
  const titleList: string[] = [];
  const links: CompanyLink[] = [];
  for (let index = 0; index < titles; index += 1) {
    const name = accountName((index * 2) % accounts);
    const kind = index % 10;
    let title: string;
    if (kind < 5) title = name;
    else if (kind === 5) title = name.toUpperCase();
    else if (kind === 6) title = `${name} `;
    else title = `Unknown organization ${index}`;
    titleList.push(title);
    if (index % 20 === 7) {
      links.push({
        organizationTitle: title,
        accountName: accountName((index * 7) % accounts),
      });
    }
  }
  return { accounts: accountRefs, titles: titleList, links };
}

/** Times `buildCompanyIndex` plus one `resolve` per title, `runs` times. */
export function measureMatching(
  accounts: number,
  titles: number,
  runs: number,
): MatchingResult {
  const inputs = buildInputs(accounts, titles);
  const timings: number[] = [];
  let matched = 0;
  for (let run = 0; run < runs; run += 1) {
    const startedAt = performance.now();
    const index = buildCompanyIndex(inputs.accounts, inputs.links);
    matched = 0;
    for (const title of inputs.titles) {
      if (index.resolve(title) !== undefined) matched += 1;
    }
    timings.push(performance.now() - startedAt);
  }
  const sorted = [...timings].sort((a, b) => a - b);
  return {
    accounts,
    titles,
    links: inputs.links.length,
    matched,
    firstMs: timings[0] ?? Number.NaN,
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    runs,
  };
}
