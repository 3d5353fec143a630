import type { SentTicket } from '../../store/repositories/deliveries-repository';
import type { buildTicket } from '../tickets/build-ticket';
import type { DeliveryContext, DeliveryTally } from './deliver';

/** One pending ledger row, as delivery reads it. */
export type PendingRow = {
  readonly id: number;
  readonly compromiseUuid: string;
};

/** A ticket built for one ledger row, ready to post. */
export type PreparedTicket = {
  readonly row: PendingRow;
  readonly built: Extract<ReturnType<typeof buildTicket>, { ok: true }>;
};

/** A created ticket whose `sent` update waits for the next ledger commit. */
type QueuedSent = {
  readonly row: PendingRow;
  readonly ticket: SentTicket;
  readonly ticketNumber: string;
};

/**
 * Ledger writes of one `deliverPending` call. A row's `sending` update is
 * committed before its POST. Its `sent` update is queued and committed in
 * the same transaction as the next batch of `sending` updates, or by
 * `flush`. A crash before that commit leaves the row in `sending`, and the
 * next run reconciles it by searching BMS for its marker. The `delivery`
 * event and the tally follow the commit.
 */
export class LedgerWriter {
  private queued: QueuedSent[] = [];

  constructor(
    private readonly context: DeliveryContext,
    private readonly tally: DeliveryTally,
  ) {}

  /**
   * Commits the queued `sent` updates and moves the rows of `tickets` to
   * `sending`, in one transaction. Returns the tickets whose rows were
   * pending and so may be posted now.
   */
  markSending(tickets: readonly PreparedTicket[]): PreparedTicket[] {
    const batch = this.queued;
    const { store } = this.context;
    // Durable: once the POST goes out, a power loss must not turn the row
    // back into pending, or the next run would post it again.
    const claimed = store.durableTransaction(() => {
      this.writeSent(batch);
      return tickets.filter(({ row }) => store.deliveries.markSending(row.id));
    });
    this.afterCommit(batch);
    return claimed;
  }

  /** Moves rows whose POST was never started from `sending` back to pending. */
  releaseSending(tickets: readonly PreparedTicket[]): void {
    if (tickets.length === 0) return;
    const { store } = this.context;
    store.transaction(() => {
      for (const { row } of tickets) store.deliveries.releaseSending(row.id);
    });
  }

  queueSent(row: PendingRow, ticket: SentTicket, ticketNumber: string): void {
    this.queued.push({ row, ticket, ticketNumber });
  }

  /** Commits the queued `sent` updates. */
  flush(): void {
    const batch = this.queued;
    if (batch.length === 0) return;
    this.context.store.transaction(() => this.writeSent(batch));
    this.afterCommit(batch);
  }

  private writeSent(batch: readonly QueuedSent[]): void {
    for (const { row, ticket } of batch) {
      this.context.store.deliveries.markSent(row.id, ticket);
    }
  }

  /** Counts and reports `batch` once its transaction has committed. */
  private afterCommit(batch: readonly QueuedSent[]): void {
    if (batch.length === 0) return;
    // Nothing runs between the commit and here, so no row was queued since.
    this.queued = [];
    for (const { row, ticket, ticketNumber } of batch) {
      this.tally.created += 1;
      if (ticket.isCatchall === true) this.tally.catchall += 1;
      this.context.onEvent({
        type: 'delivery',
        integrationId: this.context.integration.id,
        compromiseUuid: row.compromiseUuid,
        state: 'sent',
        ticketNumber,
      });
    }
  }
}
