/**
 * Records a BMS emulator starts with, in the camelCase that the vendor's
 * lookup DTOs have on the wire.
 */
export type BmsUser = {
  readonly username: string;
  readonly password: string;
  /** Company name the user logs in to, as BMS "My Settings" shows it. */
  readonly tenant: string;
};

export type BmsAccount = {
  readonly id: number;
  readonly name: string;
  readonly isActive: boolean;
};

export type BmsLocation = {
  readonly id: number;
  readonly accountId: number;
  readonly name: string;
  readonly isMain: boolean;
};

/** Vendor `StatusLookupOutputDto`, of which only `id` and `name` are required here. */
export type BmsStatus = {
  readonly id: number;
  readonly name: string;
  readonly color?: string | null;
  readonly fontColor?: string | null;
  readonly statusOrder?: number;
  readonly typeId?: number;
  readonly isSystemStatus?: number;
  readonly slaEventId?: number | null;
  readonly isActive?: boolean;
};

/** Vendor `PriorityLookupOutputDto`. */
export type BmsPriority = {
  readonly id: number;
  readonly name: string;
  readonly color?: string | null;
  readonly isDefault?: boolean;
};

/** Vendor `QueueLookupOutputDto`. */
export type BmsQueue = {
  readonly id: number;
  readonly name: string;
  readonly isActive?: boolean;
};

/** Maximum lengths of ticket text fields, in UTF-16 code units. */
export type FieldMaxLengths = {
  readonly Title: number;
  readonly Details: number;
};

/** Requests allowed per endpoint (method and route template) per window. */
export type RequestBudget = {
  readonly limit: number;
  /** Length of the fixed window, in milliseconds. */
  readonly windowMs: number;
};

/** A ticket the emulator accepted. */
export type StoredTicket = {
  readonly id: number;
  readonly ticketNumber: string;
  /** ISO 8601 in UTC. */
  readonly createdOn: string;
  /** The request body as sent, a valid `TicketInputDto`. */
  readonly body: Readonly<Record<string, unknown>>;
  readonly accountName: string;
  readonly locationName: string;
};

/** A ticket POST that failed schema validation or a business rule. */
export type RejectedTicket = {
  readonly body: unknown;
  /** HTTP status sent: 400 for schema errors, 200 for business rules. */
  readonly httpStatus: number;
  readonly reasons: readonly string[];
};
