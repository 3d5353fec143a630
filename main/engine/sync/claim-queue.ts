/**
 * Tickets built and claimed ahead of their POSTs, shared by the delivery
 * workers of one integration. Rows are claimed (moved to `sending`) in
 * batches, so one durable commit covers many POSTs instead of one each.
 * The next batch is built while the last tickets of the current one are
 * still in flight, so the POSTs keep flowing during the claim.
 *
 * Invariant: every ticket handed out by `next` has its row in `sending`,
 * committed before `next` returns it. Tickets still held when delivery ends
 * are returned by `drain`, and their rows must be released to pending.
 */
export type ClaimQueueSource<Row, Ticket> = {
  /** Rows waiting for delivery, in order. Each is taken once. */
  readonly rows: Iterator<Row>;
  /** Rows built and claimed together. */
  readonly batchSize: number;
  /** The next batch starts building when fewer tickets than this are left. */
  readonly lowWater: number;
  /** Builds the ticket of one row, or null when the row cannot be sent. */
  readonly prepare: (row: Row) => Promise<Ticket | null>;
  /** Commits the claim of `tickets` and returns those that may be posted. */
  readonly claim: (tickets: readonly Ticket[]) => Ticket[];
  /** True once delivery must take no more rows. */
  readonly shouldStop: () => boolean;
  /** Called once for each row that will not be posted by this queue. */
  readonly onDropped: () => void;
};

export class ClaimQueue<Row, Ticket> {
  private ready: Ticket[] = [];
  private readIndex = 0;
  private exhausted = false;
  /** Set by `drain`: a batch being built takes no more rows. */
  private draining = false;
  private refilling: Promise<void> | null = null;
  private failure: { readonly error: unknown } | null = null;

  constructor(private readonly source: ClaimQueueSource<Row, Ticket>) {}

  /**
   * Returns the next claimed ticket, or undefined when no rows are left or
   * delivery must stop. Throws the error of a failed build or claim.
   */
  async next(): Promise<Ticket | undefined> {
    for (;;) {
      if (this.failure !== null) throw this.failure.error;
      // Claimed tickets left here go back to pending through `drain`.
      if (this.mustStop()) return undefined;
      if (this.readIndex < this.ready.length) {
        const ticket = this.ready[this.readIndex] as Ticket;
        this.readIndex += 1;
        if (this.ready.length - this.readIndex < this.source.lowWater) {
          this.startRefill();
        }
        return ticket;
      }
      if (this.exhausted && this.refilling === null) return undefined;
      this.startRefill();
      await this.refilling;
    }
  }

  /**
   * Waits for a batch being built or claimed, then returns every claimed
   * ticket not handed out, and empties the queue. A build or claim that
   * failed after the last `next` is reported by `failed`.
   */
  async drain(): Promise<Ticket[]> {
    this.exhausted = true;
    this.draining = true;
    await this.refilling;
    const left = this.ready.slice(this.readIndex);
    this.ready = [];
    this.readIndex = 0;
    return left;
  }

  /** The error of a failed build or claim, or null when none failed. */
  get failed(): { readonly error: unknown } | null {
    return this.failure;
  }

  private startRefill(): void {
    if (this.refilling !== null || this.exhausted) return;
    this.refilling = this.refill()
      .catch((error: unknown) => {
        this.failure = { error };
        this.exhausted = true;
      })
      .finally(() => {
        this.refilling = null;
      });
  }

  private async refill(): Promise<void> {
    const prepared: Ticket[] = [];
    let rowsTaken = 0;
    while (rowsTaken < this.source.batchSize && !this.mustStop()) {
      const next = this.source.rows.next();
      if (next.done === true) {
        this.exhausted = true;
        break;
      }
      rowsTaken += 1;
      const ticket = await this.source.prepare(next.value);
      if (ticket === null) this.source.onDropped();
      else prepared.push(ticket);
    }
    if (this.mustStop()) {
      // Built but unclaimed rows are still pending: nothing to undo.
      this.exhausted = true;
      return;
    }
    if (rowsTaken === 0) {
      this.exhausted = true;
      return;
    }
    const claimed = this.source.claim(prepared);
    for (let i = claimed.length; i < prepared.length; i += 1) {
      this.source.onDropped();
    }
    this.ready = [...this.ready.slice(this.readIndex), ...claimed];
    this.readIndex = 0;
  }

  private mustStop(): boolean {
    return this.draining || this.source.shouldStop();
  }
}
