import type { Exchange } from '../http-server';
import type {
  BmsAccount,
  BmsLocation,
  BmsPriority,
  BmsQueue,
  BmsStatus,
} from './bms-types';
import { sendFailure, sendResult, VALIDATION_ERROR_CODE } from './envelope';

/** Data the lookup routes read. Account lookups report `tenant` as `tenantName`. */
export type LookupContext = {
  readonly tenant: string;
  readonly accounts: readonly BmsAccount[];
  readonly locations: readonly BmsLocation[];
  readonly maxPageSize: number;
};

/** Default page size of paged lists when the request sets none. */
const DEFAULT_PAGE_SIZE = 25;

export type PageWindow = { readonly offset: number; readonly size: number };

/**
 * Converts `PageSize` and the 1-based `PageNumber` (0 counts as 1) into an
 * offset. A `PageSize` above `maxPageSize` is capped without notice, as a
 * server-side maximum would do.
 */
export function resolvePageWindow(
  pageSize: unknown,
  pageNumber: unknown,
  maxPageSize: number,
): PageWindow {
  const requestedSize = toPositiveInteger(pageSize) ?? DEFAULT_PAGE_SIZE;
  const size = Math.min(requestedSize, maxPageSize);
  const page = Math.max(1, toPositiveInteger(pageNumber) ?? 1);
  return { offset: (page - 1) * size, size };
}

function toPositiveInteger(value: unknown): number | undefined {
  const number =
    typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0
    ? number
    : undefined;
}

/** Handles `GET /v2/crm/accounts/lookup`, a list without `totalRecords`. */
export function handleAccountLookup(
  exchange: Exchange,
  context: LookupContext,
): void {
  const params = exchange.url.searchParams;
  const nameFilter = (params.get('Filter.Name') ?? '').toLowerCase();
  const withInactive =
    (params.get('Filter.WithInactiveAccounts') ?? '').toLowerCase() === 'true';
  const matching = context.accounts
    .filter(account => withInactive || account.isActive)
    .filter(account => account.name.toLowerCase().includes(nameFilter))
    .sort((a, b) => a.id - b.id);
  const window = resolvePageWindow(
    params.get('PageSize'),
    params.get('PageNumber'),
    context.maxPageSize,
  );
  const page = matching.slice(window.offset, window.offset + window.size);
  sendResult(
    exchange,
    page.map(account => ({
      id: account.id,
      name: account.name,
      tenantName: context.tenant,
      isActive: account.isActive,
    })),
  );
}

/** Handles `GET /v2/crm/accounts/{accountId}/locations/lookup`. */
export function handleLocationLookup(
  exchange: Exchange,
  context: LookupContext,
  accountId: number,
): void {
  if (!context.accounts.some(account => account.id === accountId)) {
    sendFailure(exchange, 200, {
      code: VALIDATION_ERROR_CODE,
      message: `Account ${accountId} not found`,
    });
    return;
  }
  sendResult(
    exchange,
    context.locations
      .filter(location => location.accountId === accountId)
      .map(location => ({
        id: location.id,
        name: location.name,
        accountId: location.accountId,
        isMain: location.isMain,
      })),
  );
}

/** Vendor `StatusLookupOutputDto` with defaults for unset fields. */
export function toStatusDto(status: BmsStatus, index: number): BmsStatus {
  return {
    color: null,
    fontColor: null,
    statusOrder: index + 1,
    typeId: 0,
    isSystemStatus: 0,
    slaEventId: null,
    isActive: true,
    ...status,
  };
}

/** Vendor `PriorityLookupOutputDto` with defaults for unset fields. */
export function toPriorityDto(priority: BmsPriority): BmsPriority {
  return { color: null, isDefault: false, ...priority };
}

/** Vendor `QueueLookupOutputDto` with defaults for unset fields. */
export function toQueueDto(queue: BmsQueue): BmsQueue {
  return { isActive: true, ...queue };
}
