import { readBody, type Exchange } from '../http-server';
import type { StoredTicket } from './bms-types';
import { sendFailure, sendResult, VALIDATION_ERROR_CODE } from './envelope';
import { resolvePageWindow } from './lookup-routes';
import { toTicketDto, type TicketContext } from './ticket-routes';
import { getBodyValidator } from './ticket-schema';

/** Filters of a ticket search that the emulator applies. It ignores the others. */
export type TicketSearchFilter = {
  /** Case-insensitive substring of the ticket details. */
  readonly details?: string;
  /** Case-insensitive substring of the ticket title. */
  readonly title?: string;
  /** Comma-separated account ids, as the vendor's `Filter.AccountIds`. */
  readonly accountIds?: string;
};

type SearchRequest = {
  readonly filter: TicketSearchFilter;
  readonly pageSize: unknown;
  readonly pageNumber: unknown;
};

/** Handles `GET /v2/servicedesk/tickets` with `Filter.*` query parameters. */
export function handleSearchTicketsQuery(
  exchange: Exchange,
  context: TicketContext,
): void {
  const params = exchange.url.searchParams;
  sendSearchResult(exchange, context, {
    filter: {
      details: params.get('Filter.Details') ?? undefined,
      title: params.get('Filter.Title') ?? undefined,
      accountIds: params.get('Filter.AccountIds') ?? undefined,
    },
    pageSize: params.get('PageSize'),
    pageNumber: params.get('PageNumber'),
  });
}

/** Handles `POST /v2/servicedesk/tickets/search` with a `GetTicketsInputDto`. */
export async function handleSearchTicketsBody(
  exchange: Exchange,
  context: TicketContext,
): Promise<void> {
  const text = (await readBody(exchange.req)).toString('utf8');
  let body: unknown;
  try {
    body = text.trim() === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    sendSchemaFailure(exchange, ['body: is not valid JSON']);
    return;
  }
  const check = getBodyValidator('GetTicketsInputDto')(body);
  if (!check.valid) {
    sendSchemaFailure(exchange, check.messages);
    return;
  }
  exchange.entry.bodyValid = true;
  const input = body as {
    PageSize?: number;
    PageNumber?: number;
    Filter?: {
      Details?: string | null;
      Title?: string | null;
      AccountIds?: string | null;
    };
  };
  sendSearchResult(exchange, context, {
    filter: {
      details: input.Filter?.Details ?? undefined,
      title: input.Filter?.Title ?? undefined,
      accountIds: input.Filter?.AccountIds ?? undefined,
    },
    pageSize: input.PageSize,
    pageNumber: input.PageNumber,
  });
}

function sendSchemaFailure(
  exchange: Exchange,
  messages: readonly string[],
): void {
  exchange.entry.bodyValid = false;
  sendFailure(exchange, 400, {
    code: VALIDATION_ERROR_CODE,
    message: 'One or more validation errors occurred.',
    details: messages.join(' '),
    subErrors: messages,
  });
}

function sendSearchResult(
  exchange: Exchange,
  context: TicketContext,
  request: SearchRequest,
): void {
  const matching = filterTickets(context.tickets, request.filter);
  const window = resolvePageWindow(
    request.pageSize,
    request.pageNumber,
    context.maxPageSize,
  );
  const page = matching.slice(window.offset, window.offset + window.size);
  sendResult(
    exchange,
    page.map(ticket => toTicketDto(ticket, context)),
    matching.length,
  );
}

/** Returns the tickets that match every set filter, in id order. */
export function filterTickets(
  tickets: readonly StoredTicket[],
  filter: TicketSearchFilter,
): StoredTicket[] {
  const contains = (value: unknown, part: string | undefined): boolean =>
    part === undefined ||
    part === '' ||
    String(value).toLowerCase().includes(part.toLowerCase());
  const accountIds = parseIdList(filter.accountIds);
  return tickets
    .filter(ticket => contains(ticket.body.Details, filter.details))
    .filter(ticket => contains(ticket.body.Title, filter.title))
    .filter(
      ticket =>
        accountIds === undefined ||
        accountIds.has(ticket.body.AccountId as number),
    )
    .sort((a, b) => a.id - b.id);
}

function parseIdList(text: string | undefined): Set<number> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return new Set(
    text
      .split(',')
      .map(part => Number(part.trim()))
      .filter(id => Number.isInteger(id)),
  );
}
