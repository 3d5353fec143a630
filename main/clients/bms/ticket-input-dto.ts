/**
 * Body of `POST /v2/servicedesk/tickets`, the vendor's `TicketInputDto`
 * (PascalCase, as the vendor document writes it). Optional ids are omitted
 * rather than sent as null.
 */
export type TicketInputDto = {
  Title: string;
  Details: string;
  AccountId: number;
  LocationId: number;
  StatusId: number;
  PriorityId: number;
  TypeId: number;
  SourceId: number;
  /** ISO 8601 date-time in UTC, ending in `Z`. */
  OpenDate: string;
  QueueId?: number;
  AssigneeId?: number;
  ContactId?: number;
  IssueTypeId?: number;
  SubIssueTypeId?: number;
  ContractId?: number;
  WorkTypeId?: number;
  SLAId?: number;
};

/** Ticket as BMS returns it after creation or in a search. */
export type CreatedTicket = {
  readonly id: number;
  readonly ticketNumber: string;
};

/** Ticket found by a search, with the fields reconciliation compares. */
export type TicketSummary = CreatedTicket & {
  readonly title: string;
  readonly details: string;
  readonly accountId: number | null;
};
