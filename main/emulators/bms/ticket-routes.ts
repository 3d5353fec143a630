import type { FaultController } from '../faults';
import { readBody, type Exchange } from '../http-server';
import type { RejectedTicket, StoredTicket } from './bms-types';
import { sendFailure, sendResult, VALIDATION_ERROR_CODE } from './envelope';
import {
  checkTicketRules,
  type TicketBody,
  type TicketRuleContext,
} from './ticket-rules';
import { getBodyValidator } from './ticket-schema';

/** Id of the first ticket an emulator stores. Later ids count up by one. */
export const FIRST_TICKET_ID = 90001;

export type TicketContext = TicketRuleContext & {
  readonly tickets: StoredTicket[];
  readonly rejected: RejectedTicket[];
  readonly maxPageSize: number;
  readonly faults: FaultController<string>;
};

type ParsedBody =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
    };

async function readJsonBody(exchange: Exchange): Promise<ParsedBody> {
  const text = (await readBody(exchange.req)).toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Handles `POST /v2/servicedesk/tickets`. */
export async function handleCreateTicket(
  exchange: Exchange,
  context: TicketContext,
): Promise<void> {
  const parsed = await readJsonBody(exchange);
  const body = parsed.ok ? parsed.value : undefined;
  const schemaReasons = parsed.ok
    ? validateTicketSchema(body)
    : ['body: is not valid JSON'];
  if (schemaReasons.length > 0) {
    rejectTicket(exchange, context, body, 400, schemaReasons);
    return;
  }

  const ticketBody = body as TicketBody;
  const ruleReasons = checkTicketRules(ticketBody, context);
  if (ruleReasons.length > 0) {
    rejectTicket(exchange, context, body, 200, ruleReasons);
    return;
  }

  exchange.entry.bodyValid = true;
  const ticket = storeTicket(ticketBody, context);
  const drop = context.faults.take(
    exchange.entry.method,
    exchange.entry.path + exchange.url.search,
    ['drop-after-store'],
  );
  if (drop !== undefined) {
    // The ticket exists but the client never learns its id.
    exchange.req.socket.destroy();
    return;
  }

  const hang = context.faults.take(
    exchange.entry.method,
    exchange.entry.path + exchange.url.search,
    ['hang-after-store'],
  );
  if (hang !== undefined) {
    // The ticket exists and the response never comes: the client times out,
    // or is killed while it waits, as in a crash after the POST.
    return;
  }
  sendResult(exchange, toTicketDto(ticket, context));
}

function validateTicketSchema(body: unknown): string[] {
  const check = getBodyValidator('TicketInputDto')(body);
  return check.valid ? [] : [...check.messages];
}

function rejectTicket(
  exchange: Exchange,
  context: TicketContext,
  body: unknown,
  httpStatus: number,
  reasons: readonly string[],
): void {
  exchange.entry.bodyValid = false;
  context.rejected.push({ body, httpStatus, reasons });
  const isSchemaError = httpStatus === 400;
  sendFailure(exchange, httpStatus, {
    code: VALIDATION_ERROR_CODE,
    message: isSchemaError
      ? 'One or more validation errors occurred.'
      : (reasons[0] ?? 'Ticket rejected.'),
    details: reasons.join(' '),
    subErrors: reasons,
  });
}

function storeTicket(body: TicketBody, context: TicketContext): StoredTicket {
  const id = FIRST_TICKET_ID + context.tickets.length;
  const createdOn = new Date();
  const day = createdOn.toISOString().slice(0, 10).replaceAll('-', '');
  const sequence = String(id - FIRST_TICKET_ID + 1).padStart(4, '0');
  const ticket: StoredTicket = {
    id,
    ticketNumber: `T${day}.${sequence}`,
    createdOn: createdOn.toISOString(),
    body,
    accountName: nameOf(context.accounts, body.AccountId) ?? '',
    locationName: nameOf(context.locations, body.LocationId) ?? '',
  };
  context.tickets.push(ticket);
  return ticket;
}

function nameOf(
  records: readonly { readonly id: number; readonly name: string }[],
  id: unknown,
): string | null {
  return records.find(record => record.id === id)?.name ?? null;
}

/**
 * Camel-cased subset of the vendor's `TicketOutputDto`, which also serves
 * as the `TicketListDto` of searches: both share these fields.
 */
export function toTicketDto(
  ticket: StoredTicket,
  context: TicketRuleContext,
): Record<string, unknown> {
  const body = ticket.body;
  const optional = (field: string): unknown => body[field] ?? null;
  return {
    id: ticket.id,
    ticketNumber: ticket.ticketNumber,
    title: body.Title,
    details: body.Details,
    accountId: body.AccountId,
    accountCode: null,
    accountName: ticket.accountName,
    locationId: body.LocationId,
    locationName: ticket.locationName,
    contactId: optional('ContactId'),
    statusId: body.StatusId,
    statusName: nameOf(context.statuses, body.StatusId),
    priorityId: body.PriorityId,
    priorityName: nameOf(context.priorities, body.PriorityId),
    typeId: body.TypeId,
    sourceId: body.SourceId,
    queueId: optional('QueueId'),
    queueName: nameOf(context.queues, body.QueueId),
    assigneeId: optional('AssigneeId'),
    issueTypeId: optional('IssueTypeId'),
    subIssueTypeId: optional('SubIssueTypeId'),
    contractId: optional('ContractId'),
    workTypeId: optional('WorkTypeId'),
    slaId: optional('SLAId'),
    openDate: body.OpenDate,
    dueDate: optional('DueDate'),
    createdOn: ticket.createdOn,
  };
}

/** Handles `GET /v2/servicedesk/tickets/{ticketId}`. */
export function handleGetTicket(
  exchange: Exchange,
  context: TicketContext,
  ticketId: number,
): void {
  const ticket = context.tickets.find(candidate => candidate.id === ticketId);
  if (ticket === undefined) {
    sendFailure(exchange, 200, {
      code: VALIDATION_ERROR_CODE,
      message: `Ticket ${ticketId} not found`,
    });
    return;
  }
  sendResult(exchange, toTicketDto(ticket, context));
}
