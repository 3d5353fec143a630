/**
 * Data shapes that cross the boundary between the engine and the UI. Every
 * shape is a zod schema, so main can check what it sends and receives. No
 * shape has a field for a stored password or an access token: the UI learns
 * only whether a password is set.
 */
import { z } from 'zod';

/** ISO 8601 time in UTC. */
export const isoTime = z.string();

export const healthSchema = z.enum(['healthy', 'unhealthy']);

/** The Dark Web ID connection, without its password. */
export const sourceViewSchema = z.object({
  /** Null until the connection has been set up. */
  url: z.string().nullable(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  organizationCount: z.number().int(),
  /** When organizations were last pulled, or null. */
  organizationsFetchedAt: isoTime.nullable(),
});

export const conditionsSchema = z.object({
  /** `Do not send PSA ticket if no password is found`. */
  skipWithoutPassword: z.boolean(),
  /** `Enable processing of IP address-related compromises`. */
  includeIpCompromises: z.boolean(),
});

/** One field mapping: a ticket field label and its content with tokens. */
export const fieldMappingSchema = z.object({
  field: z.string(),
  content: z.string(),
});

/** A row of the integrations list. */
export const integrationSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  bmsUrl: z.string(),
  health: healthSchema,
  consecutiveFailures: z.number().int(),
  /** Organizations associated with this integration. */
  organizationCount: z.number().int(),
  lastSyncAt: isoTime.nullable(),
  /** Renames waiting for this integration's BMS to be reachable. */
  pendingChangeCount: z.number().int(),
});

/** One recorded failure of an integration. */
export const integrationErrorSchema = z.object({
  at: isoTime,
  operation: z.string(),
  code: z.string(),
  message: z.string(),
});

/** Everything the edit screen shows about one integration. */
export const integrationDetailSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  bmsUrl: z.string(),
  username: z.string(),
  /** Tenant name used at BMS sign-in, `company` in the BMS portal. */
  company: z.string(),
  hasPassword: z.boolean(),
  conditions: conditionsSchema,
  fieldMappings: z.array(fieldMappingSchema),
  health: healthSchema,
  consecutiveFailures: z.number().int(),
  /** Most recent failures first. */
  errors: z.array(integrationErrorSchema),
  lastSyncAt: isoTime.nullable(),
  /** When accounts and lookups were last copied from BMS, or null. */
  cacheFetchedAt: isoTime.nullable(),
});

/** Input of `integrations:save`; `id` absent creates a new integration. */
export const integrationInputSchema = z.object({
  id: z.number().int().positive().optional(),
  name: z.string(),
  bmsUrl: z.string(),
  username: z.string(),
  /** A new password; absent keeps the stored one. */
  password: z.string().optional(),
  company: z.string(),
  conditions: conditionsSchema,
  fieldMappings: z.array(fieldMappingSchema),
});

export const bmsAccountViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Uuid of the Dark Web ID organization whose name equals this one. */
  matchedOrganizationUuid: z.string().nullable(),
  /** The name waiting to be written to BMS, when a rename is queued. */
  pendingName: z.string().nullable(),
});

export const organizationViewSchema = z.object({
  uuid: z.string(),
  name: z.string(),
  isEnabled: z.boolean(),
  /** The BMS integration the organization sends tickets to, or null. */
  integrationId: z.number().int().nullable(),
  integrationName: z.string().nullable(),
  /** The name waiting to be written to Dark Web ID, when one is queued. */
  pendingName: z.string().nullable(),
});

/** The data behind the Kaseya Company Mapping panel. */
export const companyMappingSchema = z.object({
  integrationId: z.number().int(),
  /** When the accounts were copied from BMS; null when never. */
  fetchedAt: isoTime.nullable(),
  /** `Total Kaseya Accounts`: every account retrieved, matched or not. */
  totalAccounts: z.number().int(),
  /** Id in the saved `Catchall Account` mapping, or null when not a number. */
  catchallAccountId: z.number().int().nullable(),
  accounts: z.array(bmsAccountViewSchema),
  /** Every Dark Web ID organization, to match and to suggest from. */
  organizations: z.array(organizationViewSchema),
});

export const renameTargetSchema = z.enum(['bms-account', 'dwid-organization']);

export const pendingChangeViewSchema = z.object({
  id: z.number().int(),
  integrationId: z.number().int().nullable(),
  target: renameTargetSchema,
  targetId: z.string(),
  newName: z.string(),
  /** The name in the remote system before the rename, or null if unknown. */
  previousName: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: isoTime,
});

export const lookupEntrySchema = z.object({
  id: z.number().int(),
  name: z.string(),
});

/** Cached BMS lookups for the integer field mappings. */
export const lookupsSchema = z.object({
  fetchedAt: isoTime.nullable(),
  statuses: z.array(lookupEntrySchema),
  priorities: z.array(lookupEntrySchema),
  queues: z.array(lookupEntrySchema),
});

/**
 * `pending` waits for a POST (its `reason` contains the last failure, if any),
 * `sending` had a POST that may have reached BMS and is checked before any
 * new one, `sent` made a ticket, `skipped` made none on purpose.
 */
export const deliveryStateSchema = z.enum([
  'pending',
  'sending',
  'sent',
  'skipped',
]);

/** One row of the Activity screen. */
export const deliveryViewSchema = z.object({
  integrationId: z.number().int(),
  integrationName: z.string(),
  compromiseUuid: z.string(),
  organizationName: z.string(),
  /** E-mail address, domain or IP address that was found. */
  searchValue: z.string(),
  recordType: z.string(),
  accountName: z.string().nullable(),
  ticketNumber: z.string().nullable(),
  state: deliveryStateSchema,
  reason: z.string().nullable(),
  updatedAt: isoTime,
});

export const deliveryFilterSchema = z.object({
  integrationId: z.number().int().positive().optional(),
  state: deliveryStateSchema.optional(),
  /** Matched against organization, search value, ticket number, uuid. */
  search: z.string().max(200).optional(),
});

/** A compromise that the ticket preview can render. */
export const compromiseChoiceSchema = z.object({
  uuid: z.string(),
  organizationName: z.string(),
  recordType: z.string(),
  searchValue: z.string(),
  dateFound: isoTime,
});

/** One rendered ticket field of the preview. */
export const previewFieldSchema = z.object({
  field: z.string(),
  value: z.string(),
  /** True when the value was cut to the field's maximum length. */
  isTrimmed: z.boolean(),
  /** Length before trimming, in UTF-16 code units. */
  fullLength: z.number().int(),
  maxLength: z.number().int().nullable(),
});

export const ticketPreviewSchema = z.object({
  compromise: compromiseChoiceSchema.extend({ isSample: z.boolean() }),
  fields: z.array(previewFieldSchema),
  /** Tokens used in the mappings, and whether the compromise had a value. */
  tokens: z.array(z.object({ token: z.string(), hasValue: z.boolean() })),
  /** Problems that would stop the ticket, each naming its field. */
  problems: z.array(z.string()),
  /** The condition that would skip this compromise, or null. */
  skippedBecause: z.string().nullable(),
  company: z.object({
    accountId: z.number().int().nullable(),
    accountName: z.string().nullable(),
    via: z.enum(['match', 'link', 'catch-all']),
  }),
});

export const syncSummarySchema = z.object({
  startedAt: isoTime,
  finishedAt: isoTime,
  ticketsCreated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  /** True when every step finished; false leaves work for the next run. */
  isComplete: z.boolean(),
  /** Reason the run stopped early, or null. */
  message: z.string().nullable(),
});

export const syncStatusSchema = z.object({
  isRunning: z.boolean(),
  last: syncSummarySchema.nullable(),
});

export type SourceView = z.infer<typeof sourceViewSchema>;
export type Conditions = z.infer<typeof conditionsSchema>;
export type FieldMapping = z.infer<typeof fieldMappingSchema>;
export type IntegrationSummary = z.infer<typeof integrationSummarySchema>;
export type IntegrationError = z.infer<typeof integrationErrorSchema>;
export type IntegrationDetail = z.infer<typeof integrationDetailSchema>;
export type IntegrationInput = z.infer<typeof integrationInputSchema>;
export type BmsAccountView = z.infer<typeof bmsAccountViewSchema>;
export type OrganizationView = z.infer<typeof organizationViewSchema>;
export type CompanyMapping = z.infer<typeof companyMappingSchema>;
export type RenameTarget = z.infer<typeof renameTargetSchema>;
export type PendingChangeView = z.infer<typeof pendingChangeViewSchema>;
export type LookupEntryView = z.infer<typeof lookupEntrySchema>;
export type Lookups = z.infer<typeof lookupsSchema>;
export type DeliveryState = z.infer<typeof deliveryStateSchema>;
export type DeliveryView = z.infer<typeof deliveryViewSchema>;
export type DeliveryFilter = z.infer<typeof deliveryFilterSchema>;
export type CompromiseChoice = z.infer<typeof compromiseChoiceSchema>;
export type PreviewField = z.infer<typeof previewFieldSchema>;
export type TicketPreview = z.infer<typeof ticketPreviewSchema>;
export type SyncSummary = z.infer<typeof syncSummarySchema>;
export type SyncStatus = z.infer<typeof syncStatusSchema>;
