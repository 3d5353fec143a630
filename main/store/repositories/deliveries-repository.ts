import { ConnectorError } from '../../errors';
import type { RecordType } from '../../../shared/domain';
import type { StoreContext } from '../store-context';
import { NO_ASSOCIATION } from './compromises-repository';

/**
 * States of a ledger row. 'sending' means a POST may have reached BMS, so
 * the row must be reconciled before any new POST.
 */
export const DELIVERY_STATES = [
  'pending',
  'sending',
  'sent',
  'skipped',
] as const;

export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** Compromise summary that `routeNew` passes to its decision function. */
export type RoutingCandidate = {
  readonly uuid: string;
  readonly recordType: RecordType;
  readonly hasPassword: boolean;
};

export type RoutingDecision =
  | { readonly state: 'pending' }
  | { readonly state: 'skipped'; readonly reason: string };

export type RoutingOutcome = {
  readonly pending: number;
  /** Rows skipped by this call, by reason. */
  readonly skipped: Record<string, number>;
};

export type Delivery = {
  readonly id: number;
  readonly integrationId: number;
  readonly compromiseUuid: string;
  readonly state: DeliveryState;
  /** Skip reason, or the last error of a row sent back to pending. */
  readonly reason: string | null;
  readonly attempts: number;
  readonly accountId: number | null;
  readonly locationId: number | null;
  readonly isCatchall: boolean | null;
  readonly ticketId: number | null;
  readonly ticketNumber: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly sentAt: string | null;
};

export type DeliveryListItem = Delivery & { readonly integrationName: string };

export type SentTicket = {
  readonly ticketId: number;
  readonly ticketNumber: string;
  /** Null when a ticket found again after an interrupted attempt has none. */
  readonly accountId: number | null;
  readonly locationId: number | null;
  /**
   * True when the ticket went to the catch-all account. Null when unknown,
   * as for a ticket found again after an interrupted attempt.
   */
  readonly isCatchall: boolean | null;
};

export type DeliveryFilter = {
  readonly integrationId?: number;
  readonly state?: DeliveryState;
  /** Rows per page. Defaults to 100. */
  readonly limit?: number;
  readonly offset?: number;
};

type DeliveryRow = {
  id: number;
  integration_id: number;
  compromise_uuid: string;
  state: DeliveryState;
  reason: string | null;
  attempts: number;
  account_id: number | null;
  location_id: number | null;
  is_catchall: number | null;
  ticket_id: number | null;
  ticket_number: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  integration_name?: string;
};

type CandidateRow = {
  uuid: string;
  record_type: RecordType;
  has_password: number;
};

const DELIVERY_COLUMNS = `d.id, d.integration_id, d.compromise_uuid, d.state,
  d.reason, d.attempts, d.account_id, d.location_id, d.is_catchall,
  d.ticket_id, d.ticket_number, d.created_at, d.updated_at, d.sent_at`;

/**
 * Compromises of the integration's organizations that have no ledger row
 * for it yet. Exported so tests can check its query plan.
 */
export const UNROUTED_COMPROMISES_SQL = `
  SELECT c.uuid, c.record_type, c.has_password
  FROM org_integration oi
  JOIN compromises c ON c.organization_uuid = oi.organization_uuid
  WHERE oi.integration_id = @integrationId
    AND NOT EXISTS (
      SELECT 1 FROM deliveries d
      WHERE d.integration_id = @integrationId AND d.compromise_uuid = c.uuid)
  ORDER BY c.date_added, c.uuid`;

/**
 * Sets the skip reason @reason on compromises whose organization has no
 * integration, leaving rows that already have it. The organizations are
 * listed first, so that both steps read only the `compromises_for_routing`
 * index and never the table rows with their large `data_json`. Exported so
 * tests and the bench can check its query plan.
 */
export const MARK_UNASSOCIATED_SQL = `
  UPDATE compromises SET skip_reason = @reason
  WHERE organization_uuid IN (
      SELECT DISTINCT organization_uuid FROM compromises
      WHERE organization_uuid NOT IN (
        SELECT organization_uuid FROM org_integration))
    AND skip_reason IS NOT @reason`;

/**
 * Clears the skip reason @reason where the compromise's organization now
 * has an integration. Exported so tests can check its query plan.
 */
export const CLEAR_UNASSOCIATED_SQL = `
  UPDATE compromises SET skip_reason = NULL
  WHERE skip_reason = @reason AND organization_uuid IN (
    SELECT organization_uuid FROM org_integration)`;

/**
 * The delivery ledger: at most one row per integration and compromise
 * (UNIQUE in the schema), which is what keeps one ticket per compromise.
 */
export class DeliveriesRepository {
  constructor(private readonly context: StoreContext) {}

  /**
   * Inserts a ledger row, as `decide` returns, for each compromise of the
   * integration's organizations that has none yet. Runs in ONE transaction,
   * and INSERT OR IGNORE keeps a rerun or a concurrent run from adding rows.
   */
  routeNew(
    integrationId: number,
    decide: (candidate: RoutingCandidate) => RoutingDecision,
  ): RoutingOutcome {
    return this.context.transaction(() => {
      // .all() and not .iterate(), because better-sqlite3 cannot run the
      // INSERT while an iterator keeps the connection busy.
      const candidates = this.context
        .statement<CandidateRow>(UNROUTED_COMPROMISES_SQL)
        .all({ integrationId });
      const insert = this.context.statement(
        `INSERT OR IGNORE INTO deliveries (integration_id, compromise_uuid,
           state, reason, created_at, updated_at)
         VALUES (@integrationId, @uuid, @state, @reason, @now, @now)`,
      );
      const now = this.context.nowIso();
      let pending = 0;
      const skipped: Record<string, number> = {};
      for (const row of candidates) {
        const decision = decide({
          uuid: row.uuid,
          recordType: row.record_type,
          hasPassword: row.has_password === 1,
        });
        const reason = decision.state === 'skipped' ? decision.reason : null;
        const params = { integrationId, uuid: row.uuid, now, reason };
        const { changes } = insert.run({ ...params, state: decision.state });
        if (changes === 0) continue;
        if (reason === null) pending += 1;
        else skipped[reason] = (skipped[reason] ?? 0) + 1;
      }
      return { pending, skipped };
    });
  }

  /**
   * Sets the compromise skip reason 'no-association' on compromises whose
   * organization has no integration (replacing any other compromise skip
   * reason), and clears it where one now has. Returns both counts.
   */
  markUnassociated(): { marked: number; cleared: number } {
    return this.context.transaction(() => {
      const marked = this.context
        .statement(MARK_UNASSOCIATED_SQL)
        .run({ reason: NO_ASSOCIATION }).changes;
      const cleared = this.context
        .statement(CLEAR_UNASSOCIATED_SQL)
        .run({ reason: NO_ASSOCIATION }).changes;
      return { marked, cleared };
    });
  }

  getById(id: number): Delivery | null {
    const row = this.context
      .statement<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries d WHERE d.id = ?`,
      )
      .get(id);
    return row === undefined ? null : toDelivery(row);
  }

  /** Returns up to `limit` rows of the integration in `state`, oldest first. */
  listByState(
    integrationId: number,
    state: DeliveryState,
    limit = 100,
  ): Delivery[] {
    return this.context
      .statement<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries d
         WHERE d.integration_id = ? AND d.state = ? ORDER BY d.id LIMIT ?`,
      )
      .all(integrationId, assertState(state), limit)
      .map(toDelivery);
  }

  /**
   * Returns up to `limit` rows of the integration in `state` with an id
   * greater than `afterId`, by id. Passing the last id of one page as
   * `afterId` of the next walks the rows in pages (keyset pagination).
   */
  listByStateAfter(
    integrationId: number,
    state: DeliveryState,
    afterId: number,
    limit: number,
  ): Delivery[] {
    return this.context
      .statement<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries d
         WHERE d.integration_id = ? AND d.state = ? AND d.id > ?
         ORDER BY d.id LIMIT ?`,
      )
      .all(integrationId, assertState(state), afterId, limit)
      .map(toDelivery);
  }

  /** Returns the organizations that have pending rows for the integration. */
  pendingOrganizationUuids(integrationId: number): string[] {
    return this.context
      .statement<{ organizationUuid: string }>(
        `SELECT DISTINCT c.organization_uuid AS organizationUuid
         FROM deliveries d JOIN compromises c ON c.uuid = d.compromise_uuid
         WHERE d.integration_id = ? AND d.state = 'pending'`,
      )
      .all(integrationId)
      .map(row => row.organizationUuid);
  }

  /**
   * Moves a pending row to 'sending' and counts the attempt. Returns false,
   * changing nothing, unless the row is pending, so two workers never send
   * the same row.
   */
  markSending(id: number): boolean {
    return this.transition(
      id,
      ['pending'],
      `state = 'sending', attempts = attempts + 1`,
      {},
    );
  }

  /**
   * Returns a `sending` row whose POST was never started to pending and
   * takes back the attempt that `markSending` counted. Returns false, changing
   * nothing, unless the row is sending. Only for rows known not to have
   * reached BMS.
   */
  releaseSending(id: number): boolean {
    return this.transition(
      id,
      ['sending'],
      `state = 'pending', attempts = attempts - 1`,
      {},
    );
  }

  /** Records the created ticket. Returns false unless pending or sending. */
  markSent(id: number, ticket: SentTicket): boolean {
    return this.transition(
      id,
      ['pending', 'sending'],
      `state = 'sent', reason = NULL, ticket_id = @ticketId,
       ticket_number = @ticketNumber, account_id = @accountId,
       location_id = @locationId, is_catchall = @isCatchall, sent_at = @now`,
      {
        ...ticket,
        isCatchall:
          ticket.isCatchall === null ? null : Number(ticket.isCatchall),
      },
    );
  }

  /**
   * Returns a pending or sending row to pending with its last error as the
   * reason. Returns false for sent and skipped rows.
   */
  markPending(id: number, reason: string): boolean {
    return this.transition(
      id,
      ['pending', 'sending'],
      `state = 'pending', reason = @reason`,
      { reason },
    );
  }

  /**
   * Stores the last error of a row that has not been sent, keeping its
   * state (a 'sending' row whose POST may have reached BMS stays sending).
   */
  setReason(id: number, reason: string): boolean {
    return this.transition(id, ['pending', 'sending'], 'reason = @reason', {
      reason,
    });
  }

  /** Skips a row that has not been sent. Returns false otherwise. */
  markSkipped(id: number, reason: string): boolean {
    return this.transition(
      id,
      ['pending', 'sending'],
      `state = 'skipped', reason = @reason`,
      { reason },
    );
  }

  /** Returns ledger rows with their integration's name, newest first. */
  list(filter: DeliveryFilter = {}): DeliveryListItem[] {
    return this.context
      .statement<DeliveryRow & { integration_name: string }>(
        `SELECT ${DELIVERY_COLUMNS}, i.name AS integration_name
         FROM deliveries d JOIN integrations i ON i.id = d.integration_id
         WHERE (@integrationId IS NULL OR d.integration_id = @integrationId)
           AND (@state IS NULL OR d.state = @state)
         ORDER BY d.id DESC LIMIT @limit OFFSET @offset`,
      )
      .all({
        integrationId: filter.integrationId ?? null,
        state: filter.state === undefined ? null : assertState(filter.state),
        limit: filter.limit ?? 100,
        offset: filter.offset ?? 0,
      })
      .map(row => ({
        ...toDelivery(row),
        integrationName: row.integration_name,
      }));
  }

  /** Returns the number of the integration's rows in each state. */
  counts(integrationId: number): Record<DeliveryState, number> {
    const result = { pending: 0, sending: 0, sent: 0, skipped: 0 };
    const rows = this.context
      .statement<{ state: DeliveryState; count: number }>(
        `SELECT state, COUNT(*) AS count FROM deliveries
         WHERE integration_id = ? GROUP BY state`,
      )
      .all(integrationId);
    for (const row of rows) result[row.state] = row.count;
    return result;
  }

  /** Returns the number of the integration's skipped rows per reason. */
  skipReasonCounts(integrationId: number): Record<string, number> {
    const rows = this.context
      .statement<{ reason: string; count: number }>(
        `SELECT reason, COUNT(*) AS count FROM deliveries
         WHERE integration_id = ? AND state = 'skipped' GROUP BY reason`,
      )
      .all(integrationId);
    return Object.fromEntries(rows.map(row => [row.reason, row.count]));
  }

  /**
   * Applies `assignments` to row `id` when its state is one of `from`.
   * `assignments` is SQL text from this file only, and values go in
   * `params`.
   */
  private transition(
    id: number,
    from: readonly DeliveryState[],
    assignments: string,
    params: Record<string, unknown>,
  ): boolean {
    const allowed = from.map(state => `'${state}'`).join(', ');
    const result = this.context
      .statement(
        `UPDATE deliveries SET ${assignments}, updated_at = @now
         WHERE id = @id AND state IN (${allowed})`,
      )
      .run({ ...params, id, now: this.context.nowIso() });
    return result.changes > 0;
  }
}

function assertState(state: string): DeliveryState {
  if (!(DELIVERY_STATES as readonly string[]).includes(state)) {
    throw new ConnectorError(
      'validation',
      `Delivery state "${state}" is invalid; use one of ` +
        `${DELIVERY_STATES.join(', ')}.`,
    );
  }
  return state as DeliveryState;
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    integrationId: row.integration_id,
    compromiseUuid: row.compromise_uuid,
    state: row.state,
    reason: row.reason,
    attempts: row.attempts,
    accountId: row.account_id,
    locationId: row.location_id,
    isCatchall: row.is_catchall === null ? null : row.is_catchall === 1,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
  };
}
