import { useCallback, useEffect, useRef, useState } from 'react';

import type {
  DeliveryFilter,
  DeliveryView,
} from '../../../../shared/contract/models';
import type { ErrorData } from '../../../../shared/errors';
import { call } from '../../connector/connector';

/** Rows per `deliveries:list` request. */
export const PAGE_SIZE = 200;

type Page = {
  readonly rows: readonly DeliveryView[];
  /** The reload counter at fetch time. A page with an older one is refetched. */
  readonly version: number;
};

type PagesState = {
  readonly filterKey: string;
  readonly total: number | null;
  readonly pages: ReadonlyMap<number, Page>;
  readonly error: ErrorData | null;
};

function emptyState(filterKey: string): PagesState {
  return { filterKey, total: null, pages: new Map(), error: null };
}

export type DeliveryPages = {
  /** Rows matching the filter, or null before the first page arrived. */
  readonly total: number | null;
  readonly error: ErrorData | null;
  /** The row at `index`, or undefined while its page loads. */
  readonly rowAt: (index: number) => DeliveryView | undefined;
  /** Fetches the pages holding rows `first` to `last` unless fresh. */
  readonly ensureRange: (first: number, last: number) => void;
  readonly retry: () => void;
};

/**
 * Fetches the delivery ledger page by page as rows scroll into view. A new
 * filter starts from scratch. A new `version` keeps the shown rows and
 * refetches them, so a running sync does not blank the table.
 */
export function useDeliveryPages(
  filter: DeliveryFilter,
  version: number,
): DeliveryPages {
  const filterKey = JSON.stringify(filter);
  const [stored, setStored] = useState(() => emptyState(filterKey));
  const state = stored.filterKey === filterKey ? stored : emptyState(filterKey);
  const inFlight = useRef(new Set<string>());
  const latestFilterKey = useRef(filterKey);
  useEffect(() => {
    latestFilterKey.current = filterKey;
  }, [filterKey]);

  const fetchPage = useCallback(
    async (page: number) => {
      const flight = `${filterKey}|${version}|${page}`;
      if (inFlight.current.has(flight)) return;
      inFlight.current.add(flight);
      const input = JSON.parse(filterKey) as DeliveryFilter;
      const result = await call('deliveries:list', {
        ...input,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      inFlight.current.delete(flight);
      if (latestFilterKey.current !== filterKey) return;
      setStored(previous => {
        const base =
          previous.filterKey === filterKey ? previous : emptyState(filterKey);
        if (!result.ok) return { ...base, error: result.error };
        const pages = new Map(base.pages);
        pages.set(page, { rows: result.value.rows, version });
        return { filterKey, total: result.value.total, pages, error: null };
      });
    },
    [filterKey, version],
  );

  const { pages, error } = state;
  const ensureRange = useCallback(
    (first: number, last: number) => {
      if (error !== null) return;
      const lastPage = Math.floor(Math.max(first, last) / PAGE_SIZE);
      for (let page = Math.floor(first / PAGE_SIZE); page <= lastPage; page++) {
        if (pages.get(page)?.version !== version) void fetchPage(page);
      }
    },
    [pages, error, version, fetchPage],
  );

  const rowAt = useCallback(
    (index: number) =>
      pages.get(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE],
    [pages],
  );
  const retry = useCallback(
    () => setStored(previous => ({ ...previous, error: null })),
    [],
  );
  return { total: state.total, error, rowAt, ensureRange, retry };
}
