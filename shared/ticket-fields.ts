/**
 * Kaseya BMS service-ticket fields that a field mapping can fill. `dtoField`
 * is the property of the vendor's `TicketInputDto`; `label` is the name shown
 * to the technician and the key in configuration files.
 */
export type TicketFieldKind = 'integer' | 'string';

export type TicketField = {
  /** Name shown to the technician and used as the key in configuration. */
  readonly label: string;
  /** Property of `TicketInputDto` that the rendered value fills. */
  readonly dtoField: string;
  readonly kind: TicketFieldKind;
  /** One of the eight mappings that every integration has. */
  readonly required: boolean;
  /** Smallest accepted value of an integer field, per the vendor document. */
  readonly minimum?: number;
  /**
   * Default maximum length of a string field, in UTF-16 code units (what
   * .NET counts); trimming still cuts only between grapheme clusters.
   */
  readonly maxLength?: number;
  /** Lookup that lists the valid ids of an integer field, when BMS has one. */
  readonly lookup?: 'status' | 'priority' | 'queue';
  readonly description: string;
};

// NOTE: the vendor document declares no maximum length for Title or Details;
// 255 and 8000 are this product's choice, and each integration may lower them.
export const TITLE_MAX_LENGTH = 255;
export const DETAILS_MAX_LENGTH = 8000;

export const TICKET_FIELDS: readonly TicketField[] = [
  {
    label: 'Catchall Account',
    dtoField: 'AccountId',
    kind: 'integer',
    required: true,
    minimum: 1,
    description: 'BMS account used when no organization name matches',
  },
  {
    label: 'Catchall Location',
    dtoField: 'LocationId',
    kind: 'integer',
    required: true,
    minimum: 1,
    description: 'Location of the Catchall Account',
  },
  {
    label: 'Ticket Source',
    dtoField: 'SourceId',
    kind: 'integer',
    required: true,
    minimum: 0,
    description: 'Ticket source id (5 is Monitoring System on most tenants)',
  },
  {
    label: 'Ticket Type',
    dtoField: 'TypeId',
    kind: 'integer',
    required: true,
    minimum: 1,
    description: 'Ticket type id',
  },
  {
    label: 'Title',
    dtoField: 'Title',
    kind: 'string',
    required: true,
    maxLength: TITLE_MAX_LENGTH,
    description: 'Ticket title',
  },
  {
    label: 'Details',
    dtoField: 'Details',
    kind: 'string',
    required: true,
    maxLength: DETAILS_MAX_LENGTH,
    description: 'Ticket body',
  },
  {
    label: 'Status',
    dtoField: 'StatusId',
    kind: 'integer',
    required: true,
    minimum: 1,
    lookup: 'status',
    description: 'Status of the new ticket',
  },
  {
    label: 'Priority',
    dtoField: 'PriorityId',
    kind: 'integer',
    required: true,
    minimum: 1,
    lookup: 'priority',
    description: 'Priority of the new ticket',
  },
  {
    label: 'Queue',
    dtoField: 'QueueId',
    kind: 'integer',
    required: false,
    minimum: 1,
    lookup: 'queue',
    description:
      'Queue the ticket is routed to (a queue or an assignee is required)',
  },
  {
    label: 'Assignee',
    dtoField: 'AssigneeId',
    kind: 'integer',
    required: false,
    minimum: 1,
    description: 'Technician user id (a queue or an assignee is required)',
  },
  {
    label: 'Issue Type',
    dtoField: 'IssueTypeId',
    kind: 'integer',
    required: false,
    minimum: 1,
    description: 'Issue type id',
  },
  {
    label: 'Sub-Issue Type',
    dtoField: 'SubIssueTypeId',
    kind: 'integer',
    required: false,
    minimum: 1,
    description: 'Sub-issue type id',
  },
  {
    label: 'Contact',
    dtoField: 'ContactId',
    kind: 'integer',
    required: false,
    minimum: 1,
    description: 'Contact id',
  },
  {
    label: 'Contract',
    dtoField: 'ContractId',
    kind: 'integer',
    required: false,
    minimum: 1,
    description: 'Contract id',
  },
  {
    label: 'Work Type',
    dtoField: 'WorkTypeId',
    kind: 'integer',
    required: false,
    minimum: 1,
    description: 'Work type id',
  },
  {
    label: 'SLA',
    dtoField: 'SLAId',
    kind: 'integer',
    required: false,
    minimum: 1,
    description: 'Service level agreement id',
  },
];

/** Labels of the eight mappings every integration has and cannot remove. */
export const REQUIRED_FIELD_LABELS: readonly string[] = TICKET_FIELDS.filter(
  f => f.required,
).map(f => f.label);

/** Returns the field with this label, or undefined. */
export function findTicketField(label: string): TicketField | undefined {
  return TICKET_FIELDS.find(f => f.label === label);
}
