import type { CompromisePage } from '../../clients/dwid/dwid-client';
import type { Store } from '../../store/open-store';

/**
 * Records, valid or not, after which pulled pages are stored. Every
 * compromise also goes into two indexes ordered by uuid, so one transaction
 * of 200 records rewrites most of their pages. Fewer, larger transactions
 * write each page once: storing 10,000 records took about 430 ms in pages
 * of 200 and 265 ms in batches of 2,000, on one 2-core machine (estimates).
 */
export const PULL_BATCH_RECORDS = 2000;

/**
 * Age of the oldest unstored page, in ms, past which the next page to arrive
 * stores the batch. The age is checked only when a page arrives, so with a
 * slow server a page can wait unstored until the next one arrives.
 */
export const PULL_BATCH_MAX_AGE_MS = 1000;

/**
 * Pages of a Dark Web ID pull waiting to be stored together. A batch is
 * stored once it reaches `PULL_BATCH_RECORDS` records or its first page is
 * `PULL_BATCH_MAX_AGE_MS` old when another page arrives, and by `flush`.
 */
export class PullBatch {
  private pages: CompromisePage[] = [];
  private records = 0;
  private startedAt = 0;

  constructor(
    private readonly store: Store,
    /** Called after each commit with the pages it stored. */
    private readonly onStored: (pages: readonly CompromisePage[]) => void,
    private readonly now: () => number = Date.now,
  ) {}

  add(page: CompromisePage): void {
    const now = this.now();
    if (this.pages.length === 0) this.startedAt = now;
    this.pages.push(page);
    this.records += page.compromises.length + page.invalid.length;
    if (
      this.records >= PULL_BATCH_RECORDS ||
      now - this.startedAt >= PULL_BATCH_MAX_AGE_MS
    ) {
      this.flush();
    }
  }

  /**
   * Stores the waiting pages in one transaction. When it fails, the pages
   * are dropped and the error is raised: the watermark then stays where it
   * was, so the next pull reads them again.
   */
  flush(): void {
    if (this.pages.length === 0) return;
    const pages = this.pages;
    this.pages = [];
    this.records = 0;
    this.store.transaction(() => {
      for (const page of pages) storePage(this.store, page);
    });
    this.onStored(pages);
  }
}

/** Stores one page of compromises and records its invalid records. */
function storePage(store: Store, page: CompromisePage): void {
  store.compromises.upsertMany(page.compromises);
  for (const invalid of page.invalid) {
    store.errors.recordSourceError({
      operation: 'dwid.compromise',
      code: 'bad-response',
      message: `Compromise ${invalid.uuid ?? '(no uuid)'} was skipped: ${invalid.reason}`,
      compromiseUuid: invalid.uuid ?? undefined,
    });
  }
}
