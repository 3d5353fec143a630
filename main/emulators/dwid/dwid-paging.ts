import type { DwidCompromise, DwidPage } from './dwid-types';

/** Largest `limit` the API accepts, and its default. */
export const DWID_MAX_LIMIT = 200;

/** A query value the API rejects with HTTP 400. */
export class DwidQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DwidQueryError';
  }
}

export type PageRequest = {
  readonly page: number;
  readonly limit: number;
};

/** Reads `page` (0-based, default 0) and `limit` (1..200, default 200). */
export function parsePageRequest(params: URLSearchParams): PageRequest {
  const page = parseIntegerParam(params, 'page', 0);
  const limit = parseIntegerParam(params, 'limit', DWID_MAX_LIMIT);
  if (page < 0) {
    throw new DwidQueryError(`Invalid page ${page}; expected 0 or more.`);
  }
  if (limit < 1 || limit > DWID_MAX_LIMIT) {
    throw new DwidQueryError(
      `Invalid limit ${limit}; expected 1 to ${DWID_MAX_LIMIT}.`,
    );
  }
  return { page, limit };
}

function parseIntegerParam(
  params: URLSearchParams,
  name: string,
  fallback: number,
): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) {
    throw new DwidQueryError(`Invalid ${name} "${raw}"; expected an integer.`);
  }
  return Number(raw);
}

/** Index of the last page. It is 0 for an empty set, so page 0 always exists. */
export function lastPageIndex(total: number, limit: number): number {
  return Math.max(0, Math.ceil(total / limit) - 1);
}

/**
 * Builds the page envelope. The links keep the request's filters and put
 * `page` and `limit` last.
 */
export function buildPage<T>(
  requestUrl: URL,
  request: PageRequest,
  total: number,
  list: readonly T[],
): DwidPage<T> {
  const link = (page: number): string => {
    const params = new URLSearchParams(requestUrl.search);
    params.delete('page');
    params.delete('limit');
    params.append('page', String(page));
    params.append('limit', String(request.limit));
    return `${requestUrl.origin}${requestUrl.pathname}?${params.toString()}`;
  };
  return {
    self: link(request.page),
    first: link(0),
    last: link(lastPageIndex(total, request.limit)),
    list,
  };
}

const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * Filters compromises on `date_added` by `beginDate` and `endDate`
 * (inclusive, `YYYY-MM-DD HH:MM:SS` in UTC) and by repeated
 * `organization[]` UUIDs, then sorts them by `date_added` and `uuid`.
 */
export function selectCompromises(
  all: readonly DwidCompromise[],
  params: URLSearchParams,
): DwidCompromise[] {
  const begin = readDateTimeParam(params, 'beginDate');
  const end = readDateTimeParam(params, 'endDate');
  const organizations = new Set(params.getAll('organization[]'));
  // Strings of one fixed-width format compare in time order.
  const selected = all.filter(
    record =>
      (begin === undefined || record.date_added >= begin) &&
      (end === undefined || record.date_added <= end) &&
      (organizations.size === 0 || organizations.has(record.organization)),
  );
  return selected.sort(compareCompromises);
}

export function compareCompromises(
  a: DwidCompromise,
  b: DwidCompromise,
): number {
  if (a.date_added !== b.date_added) {
    return a.date_added < b.date_added ? -1 : 1;
  }
  if (a.uuid === b.uuid) return 0;
  return a.uuid < b.uuid ? -1 : 1;
}

function readDateTimeParam(
  params: URLSearchParams,
  name: string,
): string | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  if (!DATE_TIME_PATTERN.test(raw)) {
    throw new DwidQueryError(
      `Invalid ${name} "${raw}"; expected YYYY-MM-DD HH:MM:SS in UTC.`,
    );
  }
  return raw;
}
