import { describe, expect, it } from 'vitest';

import { ClaimQueue } from '../../main/engine/sync/claim-queue';

type Options = {
  readonly rows: number;
  readonly batchSize?: number;
  readonly lowWater?: number;
  /** Rows whose ticket cannot be built. */
  readonly unbuildable?: ReadonlySet<number>;
  /** Rows another worker claimed first. */
  readonly claimedElsewhere?: ReadonlySet<number>;
  readonly failClaim?: number;
};

/** Builds a queue over rows 1..N whose ticket is the row number times ten. */
function makeQueue(options: Options) {
  const claims: number[][] = [];
  const state = { stop: false, dropped: 0 };
  const rows = Array.from({ length: options.rows }, (_, i) => i + 1);
  const queue = new ClaimQueue<number, number>({
    rows: rows[Symbol.iterator](),
    batchSize: options.batchSize ?? 4,
    lowWater: options.lowWater ?? 1,
    prepare: row =>
      Promise.resolve(options.unbuildable?.has(row) === true ? null : row * 10),
    claim: tickets => {
      if (claims.length === options.failClaim) {
        throw new Error('disk full');
      }
      claims.push([...tickets]);
      return tickets.filter(
        t => options.claimedElsewhere?.has(t / 10) !== true,
      );
    },
    shouldStop: () => state.stop,
    onDropped: () => {
      state.dropped += 1;
    },
  });
  return { queue, claims, state };
}

async function takeAll(queue: ClaimQueue<number, number>): Promise<number[]> {
  const out: number[] = [];
  for (;;) {
    const ticket = await queue.next();
    if (ticket === undefined) return out;
    out.push(ticket);
  }
}

describe('ClaimQueue', () => {
  it('hands out rows in claimed batches', async () => {
    const { queue, claims } = makeQueue({ rows: 10, batchSize: 4 });

    expect(await takeAll(queue)).toEqual([
      10, 20, 30, 40, 50, 60, 70, 80, 90, 100,
    ]);
    expect(claims).toEqual([
      [10, 20, 30, 40],
      [50, 60, 70, 80],
      [90, 100],
    ]);
    expect(await queue.drain()).toEqual([]);
  });

  it('hands out only committed claims', async () => {
    const { queue, claims } = makeQueue({ rows: 6, batchSize: 3 });
    const seen: number[] = [];
    for (;;) {
      const ticket = await queue.next();
      if (ticket === undefined) break;
      expect(claims.flat()).toContain(ticket);
      seen.push(ticket);
    }
    expect(seen).toHaveLength(6);
  });

  it('drops unbuildable and taken rows', async () => {
    const { queue, state } = makeQueue({
      rows: 8,
      unbuildable: new Set([2, 7]),
      claimedElsewhere: new Set([4]),
    });

    expect(await takeAll(queue)).toEqual([10, 30, 50, 60, 80]);
    expect(state.dropped).toBe(3);
  });

  it('keeps claimed tickets for drain after stop', async () => {
    const { queue, state } = makeQueue({ rows: 10, batchSize: 4 });
    expect(await queue.next()).toBe(10);
    state.stop = true;

    expect(await queue.next()).toBeUndefined();
    // The low-water mark of 1 started no second batch after one ticket.
    expect(await queue.drain()).toEqual([20, 30, 40]);
  });

  it('drain waits for a batch in progress', async () => {
    const { queue, claims } = makeQueue({
      rows: 10,
      batchSize: 4,
      lowWater: 4,
    });
    expect(await queue.next()).toBe(10);
    // Taking one ticket fell below the low-water mark and started a batch.
    const left = await queue.drain();

    expect(left).toEqual(claims.flat().slice(1));
    expect(await queue.next()).toBeUndefined();
  });

  it('rethrows a failed claim to every caller', async () => {
    const { queue, claims } = makeQueue({
      rows: 10,
      batchSize: 4,
      failClaim: 1,
    });

    await expect(takeAll(queue)).rejects.toThrow('disk full');
    await expect(queue.next()).rejects.toThrow('disk full');
    expect(claims).toEqual([[10, 20, 30, 40]]);
    expect(await queue.drain()).toEqual([]);
  });
});
