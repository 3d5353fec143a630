import { redactText } from '../../log/logger';
import type { StoreContext } from '../store-context';

/** Errors kept per integration and for the source. Older ones are deleted. */
export const MAX_STORED_ERRORS = 500;

/** Maximum stored message length, in characters. Longer ones are cut. */
const MAX_MESSAGE_LENGTH = 2000;

export type ErrorInput = {
  /** Operation that failed, such as 'create-ticket' or 'dwid.pull'. */
  readonly operation: string;
  /** A ConnectorError code. */
  readonly code: string;
  readonly message: string;
  readonly compromiseUuid?: string;
};

export type StoredError = {
  readonly id: number;
  /** Null for errors of the Dark Web ID source. */
  readonly integrationId: number | null;
  readonly occurredAt: string;
  readonly operation: string;
  readonly code: string;
  readonly message: string;
  readonly compromiseUuid: string | null;
};

type ErrorRow = {
  id: number;
  integration_id: number | null;
  occurred_at: string;
  operation: string;
  code: string;
  message: string;
  compromise_uuid: string | null;
};

/** The `integration_errors` table, bounded to MAX_STORED_ERRORS per owner. */
export class ErrorsRepository {
  constructor(private readonly context: StoreContext) {}

  /** Records an error of the Dark Web ID source (shown by every integration). */
  recordSourceError(input: ErrorInput): void {
    this.record(null, input);
  }

  /** Records an error of one integration. */
  recordIntegrationError(integrationId: number, input: ErrorInput): void {
    this.record(integrationId, input);
  }

  /** Returns the integration's errors and the source's, newest first. */
  list(integrationId: number, limit = 50): StoredError[] {
    return this.context
      .statement<ErrorRow>(
        `SELECT id, integration_id, occurred_at, operation, code, message,
           compromise_uuid
         FROM integration_errors
         WHERE integration_id = @integrationId OR integration_id IS NULL
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({ integrationId, limit })
      .map(row => ({
        id: row.id,
        integrationId: row.integration_id,
        occurredAt: row.occurred_at,
        operation: row.operation,
        code: row.code,
        message: row.message,
        compromiseUuid: row.compromise_uuid,
      }));
  }

  private record(integrationId: number | null, input: ErrorInput): void {
    // Messages are shown in the UI and exported, so known secrets are masked
    // here as they are in log files.
    const message = redactText(input.message).slice(0, MAX_MESSAGE_LENGTH);
    this.context.transaction(() => {
      this.context
        .statement(
          `INSERT INTO integration_errors (integration_id, occurred_at,
             operation, code, message, compromise_uuid)
           VALUES (@integrationId, @now, @operation, @code, @message, @uuid)`,
        )
        .run({
          integrationId,
          now: this.context.nowIso(),
          operation: input.operation,
          code: input.code,
          message,
          uuid: input.compromiseUuid ?? null,
        });
      // `IS` matches NULL too, so the same statement bounds source errors.
      this.context
        .statement(
          `DELETE FROM integration_errors
           WHERE integration_id IS @integrationId AND id <= (
             SELECT id FROM integration_errors
             WHERE integration_id IS @integrationId
             ORDER BY id DESC LIMIT 1 OFFSET @keep)`,
        )
        .run({ integrationId, keep: MAX_STORED_ERRORS });
    });
  }
}
