/**
 * Every call the UI may make, by name: the schema of its input and of its
 * output. Main parses each input with `input` before the service receives it,
 * because the renderer is untrusted. Adding a call means adding one entry
 * here and one handler in main.
 */
import { z } from 'zod';

import {
  companyMappingSchema,
  compromiseChoiceSchema,
  conditionsSchema,
  deliveryFilterSchema,
  deliveryViewSchema,
  fieldMappingSchema,
  integrationDetailSchema,
  integrationInputSchema,
  integrationSummarySchema,
  lookupsSchema,
  organizationViewSchema,
  pendingChangeViewSchema,
  renameTargetSchema,
  sourceViewSchema,
  syncStatusSchema,
  ticketPreviewSchema,
} from './models';
import { MAX_NAME_LENGTH } from './limits';

const none = z.object({}).strict();
const integrationRef = z.object({ id: z.number().int().positive() }).strict();
const integrationIdInput = z
  .object({ integrationId: z.number().int().positive() })
  .strict();

export { MAX_NAME_LENGTH };

export const CONTRACT = {
  'source:get': { input: none, output: sourceViewSchema },
  'source:save': {
    input: z
      .object({
        url: z.string(),
        username: z.string(),
        /** A new password; absent keeps the stored one. */
        password: z.string().optional(),
      })
      .strict(),
    output: sourceViewSchema,
  },
  /** Pulls organizations from Dark Web ID now. */
  'source:refresh': { input: none, output: sourceViewSchema },

  'integrations:list': {
    input: none,
    output: z.array(integrationSummarySchema),
  },
  'integrations:get': {
    input: integrationRef,
    output: integrationDetailSchema,
  },
  /** Creates or updates an integration after checking every field. */
  'integrations:save': {
    input: integrationInputSchema.strict(),
    output: integrationDetailSchema,
  },
  /** Deletes an integration with its mappings and associations. */
  'integrations:delete': {
    input: integrationRef,
    output: z.object({ id: z.number().int() }),
  },
  /** Creates one ticket from the sample compromise. */
  'integrations:test-ticket': {
    input: integrationRef,
    output: z.object({
      ticketId: z.number().int(),
      ticketNumber: z.string(),
      accountId: z.number().int(),
    }),
  },
  /** Copies accounts and lookups from BMS now. */
  'integrations:refresh-cache': {
    input: integrationRef,
    output: z.object({
      accountCount: z.number().int(),
      fetchedAt: z.string(),
    }),
  },

  'company-mapping:get': {
    input: integrationIdInput,
    output: companyMappingSchema,
  },
  /**
   * Renames a BMS account or a Dark Web ID organization. The cached name
   * changes at once and the remote rename is queued.
   */
  'company-mapping:rename': {
    input: z
      .object({
        integrationId: z.number().int().positive(),
        target: renameTargetSchema,
        /** BMS account id (as text) or organization uuid. */
        targetId: z.string().min(1).max(100),
        newName: z.string().max(MAX_NAME_LENGTH),
      })
      .strict(),
    /** The queued rename, or null when it undid a queued one. */
    output: pendingChangeViewSchema.nullable(),
  },

  'lookups:get': { input: integrationIdInput, output: lookupsSchema },

  'organizations:list': {
    input: none,
    output: z.array(organizationViewSchema),
  },
  /**
   * Sets the BMS integration of an organization; null clears it. Choosing a
   * second integration is a `conflict` unless `replace` is true.
   */
  'organizations:associate': {
    input: z
      .object({
        organizationUuid: z.string().min(1).max(100),
        integrationId: z.number().int().positive().nullable(),
        replace: z.boolean().default(false),
        /**
         * The integration the caller saw (null for none). A different stored
         * one is a `conflict`, so a stale dialog cannot overwrite a change.
         */
        expectedIntegrationId: z
          .number()
          .int()
          .positive()
          .nullable()
          .optional(),
      })
      .strict(),
    output: organizationViewSchema,
  },

  'pending-changes:list': {
    input: none,
    output: z.array(pendingChangeViewSchema),
  },
  /** Tries every queued rename now; what still fails stays queued. */
  'pending-changes:apply': {
    input: none,
    output: z.object({
      applied: z.number().int(),
      remaining: z.number().int(),
    }),
  },

  'deliveries:list': {
    input: deliveryFilterSchema
      .extend({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    output: z.object({
      total: z.number().int(),
      rows: z.array(deliveryViewSchema),
    }),
  },
  /** The filtered ledger as CSV text, for a file the UI saves. */
  'deliveries:export': {
    input: deliveryFilterSchema.strict(),
    output: z.object({ fileName: z.string(), csv: z.string() }),
  },

  /** Compromises the preview can use, newest first. */
  'preview:compromises': {
    input: z
      .object({
        search: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.array(compromiseChoiceSchema),
  },
  /**
   * Renders unsaved mappings for one compromise (the sample when
   * `compromiseUuid` is absent). A leaked password is masked.
   */
  'preview:render': {
    input: z
      .object({
        integrationId: z.number().int().positive().optional(),
        conditions: conditionsSchema,
        fieldMappings: z.array(fieldMappingSchema).max(100),
        compromiseUuid: z.string().max(100).optional(),
      })
      .strict(),
    output: ticketPreviewSchema,
  },

  'sync:status': { input: none, output: syncStatusSchema },
  /** Starts a sync unless one runs; progress arrives as events. */
  'sync:start': {
    input: none,
    output: z.object({ isStarted: z.boolean() }),
  },
} as const;

export type CallName = keyof typeof CONTRACT;
export type CallInput<N extends CallName> = z.input<
  (typeof CONTRACT)[N]['input']
>;
export type CallOutput<N extends CallName> = z.infer<
  (typeof CONTRACT)[N]['output']
>;

export const CALL_NAMES = Object.keys(CONTRACT) as CallName[];

/** True when `name` is a call of the contract. */
export function isCallName(name: string): name is CallName {
  return Object.hasOwn(CONTRACT, name);
}
