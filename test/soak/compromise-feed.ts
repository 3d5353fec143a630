import { formatDateTime } from '../../main/emulators/demo-data/compromises';
import type { SeededRandom } from '../../main/emulators/demo-data/random';
import type { DwidCompromise } from '../../main/emulators/dwid/dwid-types';

/**
 * Seconds before the newest `date_added` that a late record may carry. The
 * connector starts each pull 2 h before its watermark, so records up to
 * 1 h late must still be pulled by a later run.
 */
export const MAX_LATE_SECONDS = 60 * 60;

/** Seconds after the newest `date_added` that a fresh record may carry. */
const MAX_FRESH_STEP_SECONDS = 60;

/** Records that one call to `CompromiseFeed.next` adds to the source. */
export type FeedBatch = {
  readonly records: DwidCompromise[];
  /** Records with a `date_added` after every earlier one. */
  readonly fresh: number;
  /** Records dated before the newest one, which shift the pages. */
  readonly late: number;
  /** Copies of records already in the source, under their old uuid. */
  readonly resent: number;
};

/**
 * Supplies the compromises that the source emulator gains between and
 * during rounds: unused seed records with a new `date_added`, and copies of
 * records it already contains. Every choice comes from the soak's seeded PRNG.
 */
export class CompromiseFeed {
  readonly #pool: DwidCompromise[];
  readonly #sent: DwidCompromise[] = [];
  #newestSeconds: number;

  /** The source already contains `initial`, and `pool` has not been sent. */
  constructor(
    initial: readonly DwidCompromise[],
    pool: readonly DwidCompromise[],
  ) {
    this.#pool = [...pool];
    this.#sent.push(...initial);
    this.#newestSeconds = Math.max(
      0,
      ...initial.map(record => parseDateAdded(record.date_added)),
    );
  }

  /**
   * Takes up to `count` new records (late ones with probability
   * `lateShare`) and `resend` copies of earlier records with a new
   * `date_added`. With `organizationUuid`, the new records belong to that
   * organization instead of their seeded one.
   */
  next(
    random: SeededRandom,
    count: number,
    resend: number,
    lateShare: number,
    organizationUuid?: string,
  ): FeedBatch {
    const records: DwidCompromise[] = [];
    let fresh = 0;
    let late = 0;
    for (let index = 0; index < count && this.#pool.length > 0; index += 1) {
      const seeded = this.#pool.shift() as DwidCompromise;
      const source =
        organizationUuid === undefined
          ? seeded
          : { ...seeded, organization: organizationUuid };
      const isLate = random.chance(lateShare);
      const seconds = isLate
        ? this.#newestSeconds - random.integer(MAX_LATE_SECONDS)
        : this.#newestSeconds + 1 + random.integer(MAX_FRESH_STEP_SECONDS);
      records.push(this.#stamp(source, seconds));
      if (isLate) late += 1;
      else fresh += 1;
    }
    const earlier = [...this.#sent];
    for (let index = 0; index < resend && earlier.length > 0; index += 1) {
      const seconds = this.#newestSeconds - random.integer(MAX_LATE_SECONDS);
      records.push(this.#stamp(random.pick(earlier), seconds));
    }
    return { records, fresh, late, resent: records.length - fresh - late };
  }

  #stamp(record: DwidCompromise, seconds: number): DwidCompromise {
    const stamped = { ...record, date_added: formatDateTime(seconds) };
    this.#sent.push(stamped);
    this.#newestSeconds = Math.max(this.#newestSeconds, seconds);
    return stamped;
  }
}

/** Parses a Dark Web ID `date_added` (`YYYY-MM-DD HH:MM:SS`, UTC) to epoch seconds. */
export function parseDateAdded(value: string): number {
  const epochMs = Date.parse(`${value.replace(' ', 'T')}Z`);
  if (Number.isNaN(epochMs)) {
    throw new Error(
      `Invalid date_added "${value}"; expected YYYY-MM-DD HH:MM:SS.`,
    );
  }
  return Math.floor(epochMs / 1000);
}
