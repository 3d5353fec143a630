import { z } from 'zod';

import { ConnectorError } from '../../errors';
import type { RequestContext } from '../http/http-errors';
import type { CreatedTicket } from './ticket-input-dto';

/**
 * Zod schemas of the BMS responses this client reads. Keys are lower-case
 * because every body passes through `lowerCaseKeys` first; unknown fields
 * are ignored.
 */

const id = z.number().int();
const text = z
  .string()
  .nullish()
  .transform(value => value ?? '');

export const tokenSchema = z.object({
  accesstoken: z.string().min(1),
  /** ISO 8601. BMS may omit the offset, which then means UTC. */
  accesstokenexpireon: z.string().nullish(),
});

export const accountSchema = z
  .object({ id, name: text, isactive: z.boolean().nullish() })
  .transform(account => ({
    id: account.id,
    name: account.name,
    // The lookup leaves out inactive accounts unless asked, so a missing
    // flag means active.
    isActive: account.isactive ?? true,
  }));

export type Account = z.infer<typeof accountSchema>;

/** `AccountSummaryOutputDto`, returned by `PATCH /v2/crm/accounts/{id}`. */
export const accountSummarySchema = z
  .object({ id, accountname: text })
  .transform(account => ({ id: account.id, name: account.accountname }));

/** The account as BMS stored it after a rename. */
export type RenamedAccount = z.infer<typeof accountSummarySchema>;

export const locationSchema = z.object({
  id,
  name: text,
  accountid: id.nullish(),
  ismain: z.boolean().nullish(),
});

export type Location = {
  readonly id: number;
  readonly name: string;
  readonly accountId: number;
  readonly isMain: boolean;
};

export const lookupSchema = z
  .object({
    id,
    name: text,
    isactive: z.boolean().nullish(),
    isdefault: z.boolean().nullish(),
  })
  .transform(item => ({
    id: item.id,
    name: item.name,
    ...(typeof item.isactive === 'boolean' ? { isActive: item.isactive } : {}),
    ...(typeof item.isdefault === 'boolean'
      ? { isDefault: item.isdefault }
      : {}),
  }));

/** Status, priority or queue. Flags appear only when BMS sends them. */
export type LookupItem = z.infer<typeof lookupSchema>;

const ticketNumber = z
  .union([z.string(), z.number()])
  .nullish()
  .transform(value =>
    value === null || value === undefined ? '' : String(value),
  );

export const createdTicketSchema = z.object({
  id: z.number(),
  ticketnumber: ticketNumber,
});

export const ticketListItemSchema = z
  .object({
    id,
    ticketnumber: ticketNumber,
    title: text,
    details: text,
    accountid: id.nullish(),
  })
  .transform(ticket => ({
    id: ticket.id,
    ticketNumber: ticket.ticketnumber,
    title: ticket.title,
    details: ticket.details,
    accountId: ticket.accountid ?? null,
  }));

/**
 * Parses `value` with `schema`, raising `bad-response` with zod's first
 * validation errors when it does not match.
 */
export function parseWire<T>(
  schema: z.ZodType<T>,
  value: unknown,
  context: RequestContext,
  label: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map(
      problem =>
        `${problem.path.map(String).join('.') || '(value)'}: ${problem.message}`,
    )
    .join('; ');
  throw new ConnectorError(
    'bad-response',
    `Kaseya BMS returned an unexpected ${label} for ${context.operation} ` +
      `at ${context.url} (${problems}). Check that the BMS URL points at the ` +
      'API of your region.',
  );
}

/** Reads the result of a ticket creation, which must carry an id > 0. */
export function readCreatedTicket(
  result: unknown,
  context: RequestContext,
): CreatedTicket {
  const created = parseWire(createdTicketSchema, result, context, 'ticket');
  if (!(created.id > 0)) {
    throw new ConnectorError(
      'bad-response',
      `Kaseya BMS reported success for createTicket but returned ticket id ` +
        `${created.id}. Check in BMS whether the ticket exists before ` +
        'sending it again.',
    );
  }
  return { id: created.id, ticketNumber: created.ticketnumber };
}
