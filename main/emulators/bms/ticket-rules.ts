import type {
  BmsAccount,
  BmsLocation,
  BmsPriority,
  BmsQueue,
  BmsStatus,
  FieldMaxLengths,
} from './bms-types';

/** Records the ticket rules check ids against. */
export type TicketRuleContext = {
  readonly accounts: readonly BmsAccount[];
  readonly locations: readonly BmsLocation[];
  readonly statuses: readonly BmsStatus[];
  readonly priorities: readonly BmsPriority[];
  readonly queues: readonly BmsQueue[];
  readonly fieldMaxLengths: FieldMaxLengths;
};

/** A `TicketInputDto` that passed schema validation. */
export type TicketBody = Readonly<Record<string, unknown>> & {
  readonly Title: string;
  readonly Details: string;
  readonly AccountId: number;
  readonly LocationId: number;
  readonly StatusId: number;
  readonly PriorityId: number;
  readonly OpenDate: string;
  readonly QueueId?: number | null;
  readonly AssigneeId?: number | null;
  readonly DueDate?: string | null;
};

const ZONE_SUFFIX = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Checks the rules BMS applies after schema validation and returns one
 * message per broken rule (empty when the ticket may be stored). The
 * routing rule comes from vendor integration guides, which require a queue
 * or an assignee. The zone and length rules are stricter stand-ins for
 * server behaviour that Kaseya does not document.
 */
export function checkTicketRules(
  body: TicketBody,
  context: TicketRuleContext,
): string[] {
  const reasons: string[] = [];
  if (body.QueueId == null && body.AssigneeId == null) {
    reasons.push('QueueId or AssigneeId must be set to route the ticket.');
  }
  reasons.push(...checkAccountAndLocation(body, context));
  reasons.push(...checkLookupIds(body, context));
  if (!ZONE_SUFFIX.test(body.OpenDate)) {
    reasons.push(
      `OpenDate "${body.OpenDate}" has no time zone; add Z or an offset such as +00:00.`,
    );
  }
  if (typeof body.DueDate === 'string' && !ZONE_SUFFIX.test(body.DueDate)) {
    reasons.push(
      `DueDate "${body.DueDate}" has no time zone; add Z or an offset such as +00:00.`,
    );
  }
  reasons.push(...checkLengths(body, context.fieldMaxLengths));
  return reasons;
}

function checkAccountAndLocation(
  body: TicketBody,
  context: TicketRuleContext,
): string[] {
  if (!context.accounts.some(account => account.id === body.AccountId)) {
    return [`AccountId ${body.AccountId} not found.`];
  }
  const location = context.locations.find(
    candidate => candidate.id === body.LocationId,
  );
  if (location === undefined) {
    return [`LocationId ${body.LocationId} not found.`];
  }
  if (location.accountId !== body.AccountId) {
    return [
      `LocationId ${body.LocationId} does not belong to AccountId ${body.AccountId}.`,
    ];
  }
  return [];
}

function checkLookupIds(
  body: TicketBody,
  context: TicketRuleContext,
): string[] {
  const reasons: string[] = [];
  const missing = (
    field: string,
    id: number | null | undefined,
    records: readonly { readonly id: number }[],
  ): void => {
    if (id != null && !records.some(record => record.id === id)) {
      reasons.push(`${field} ${id} not found.`);
    }
  };
  missing('StatusId', body.StatusId, context.statuses);
  missing('PriorityId', body.PriorityId, context.priorities);
  missing('QueueId', body.QueueId, context.queues);
  return reasons;
}

/** Lengths count UTF-16 code units, as .NET `string.Length` does. */
function checkLengths(body: TicketBody, maxLengths: FieldMaxLengths): string[] {
  const reasons: string[] = [];
  for (const field of ['Title', 'Details'] as const) {
    const length = body[field].length;
    if (length > maxLengths[field]) {
      reasons.push(
        `${field} is ${length} characters long; the maximum is ${maxLengths[field]}.`,
      );
    }
  }
  return reasons;
}
