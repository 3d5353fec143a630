import type { TicketField } from '../../../shared/ticket-fields';
import { TICKET_FIELDS } from '../../../shared/ticket-fields';
import type { FieldProblem } from './field-mappings';
import { trimToGraphemes } from './graphemes';

/** Largest value of a vendor id, which is an int32. */
export const ID_MAXIMUM = 2_147_483_647;

/** Longest quoted value shown in a message, in grapheme clusters. */
const QUOTED_VALUE_MAX_LENGTH = 40;

const INTEGER_PATTERN = /^-?\d+$/;

// Description of the id that each integer field expects, used in messages.
const ID_HINTS: Readonly<Record<string, string>> = {
  'Catchall Account': 'the id of the BMS account that gets unmatched tickets',
  'Catchall Location': 'the id of a location of the Catchall Account',
  'Ticket Source':
    'the id of a BMS ticket source (5 is Monitoring System on most tenants)',
  'Ticket Type': 'the id of a BMS ticket type',
  Status: 'the id of a BMS ticket status',
  Priority: 'the id of a BMS ticket priority',
  Queue: 'the id of a BMS queue',
  Assignee: 'the user id of a BMS technician',
  'Issue Type': 'the id of a BMS issue type',
  'Sub-Issue Type': 'the id of a BMS sub-issue type',
  Contact: 'the id of a BMS contact',
  Contract: 'the id of a BMS contract',
  'Work Type': 'the id of a BMS work type',
  SLA: 'the id of a BMS service level agreement',
};

/** Returns the `Enter …` sentence that names the id an integer field expects. */
export function idHint(label: string): string {
  return `Enter ${ID_HINTS[label] ?? 'a whole number'}.`;
}

/** Quotes `text` for a message, cut to a readable length. */
export function quote(text: string): string {
  const cut = trimToGraphemes(text, QUOTED_VALUE_MAX_LENGTH);
  return JSON.stringify(cut.isTrimmed ? `${cut.text}…` : cut.text);
}

/**
 * Parses the whitespace-trimmed `text` as an id of `field`. `quotedValue` is
 * what the message quotes in place of the text, so that a value rendered from a
 * token such as `[password]` never ends up in a message or a log.
 */
export function parseIdText(
  field: TicketField,
  text: string,
  quotedValue: string = quote(text.trim()),
): { ok: true; value: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  const hint = idHint(field.label);
  if (!INTEGER_PATTERN.test(trimmed)) {
    return {
      ok: false,
      message: `${quotedValue} is not a whole number. ${hint}`,
    };
  }
  const value = Number(trimmed);
  const minimum = field.minimum ?? 0;
  if (value < minimum) {
    return {
      ok: false,
      message: `${quotedValue} is below the minimum ${minimum}. ${hint}`,
    };
  }
  if (value > ID_MAXIMUM) {
    return {
      ok: false,
      message: `${quotedValue} is above the maximum ${ID_MAXIMUM}. ${hint}`,
    };
  }
  return { ok: true, value };
}

/** Returns the problem of a mapping whose label is not in the catalogue. */
export function unknownLabelProblem(label: string): FieldProblem {
  const valid = TICKET_FIELDS.map(f => f.label).join(', ');
  return {
    field: label,
    message: `unknown ticket field. Valid fields: ${valid}.`,
  };
}

/**
 * Returns the problem reported when neither Queue nor Assignee has a value.
 * Two public BMS integrations (tier2tickets and openclaw-bms) require one of
 * them to create a ticket, although the BMS API schema marks both optional.
 */
export function routingProblem(): FieldProblem {
  return {
    field: 'Queue',
    message:
      'Queue and Assignee are both empty. Map a queue id to Queue or a technician user id to Assignee, because BMS needs one of them to route the ticket.',
  };
}
