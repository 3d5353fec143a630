/** Events the engine sends to the UI while it works. */
import { z } from 'zod';

import { deliveryStateSchema, syncSummarySchema } from './models';

export const syncPhaseSchema = z.enum([
  'organizations',
  'compromises',
  'bms-cache',
  'routing',
  'reconcile',
  'deliver',
  'done',
]);

export const connectorEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sync-progress'),
    phase: syncPhaseSchema,
    integrationId: z.number().int().optional(),
    /** Items handled so far in this phase. */
    done: z.number().int(),
    /** Items in this phase, when known. */
    total: z.number().int().optional(),
  }),
  z.object({
    type: z.literal('sync-finished'),
    summary: syncSummarySchema,
  }),
  z.object({
    type: z.literal('health-changed'),
    integrationId: z.number().int(),
    integrationName: z.string(),
    isHealthy: z.boolean(),
    message: z.string().optional(),
  }),
  z.object({
    type: z.literal('delivery'),
    integrationId: z.number().int(),
    compromiseUuid: z.string(),
    state: deliveryStateSchema,
    ticketNumber: z.string().optional(),
    reason: z.string().optional(),
  }),
  /**
   * Asks the window to open an integration's edit screen, for example after
   * the technician clicked a health notification.
   */
  z.object({
    type: z.literal('open-integration'),
    integrationId: z.number().int(),
  }),
  /** Stored data changed; views showing `scope` should reload. */
  z.object({
    type: z.literal('data-changed'),
    scope: z.enum([
      'source',
      'integrations',
      'organizations',
      'deliveries',
      'pending-changes',
      'cache',
    ]),
  }),
]);

export type ConnectorEvent = z.infer<typeof connectorEventSchema>;
export type ConnectorEventListener = (event: ConnectorEvent) => void;
