import { describe, expect, it } from 'vitest';

import type { CompromisePage } from '../../main/clients/dwid/dwid-client';
import {
  PULL_BATCH_MAX_AGE_MS,
  PULL_BATCH_RECORDS,
  PullBatch,
} from '../../main/engine/sync/pull-batch';
import type { Store } from '../../main/store/open-store';
import { compromise, openMemoryStore } from '../store/fixtures';

let nextId = 0;

/** Builds a page of `valid` compromises and `invalid` unreadable records. */
function page(valid: number, invalid = 0): CompromisePage {
  return {
    compromises: Array.from({ length: valid }, () => {
      nextId += 1;
      return compromise(`c-${nextId}`, 'org-1');
    }),
    invalid: Array.from({ length: invalid }, (_, i) => ({
      uuid: `bad-${nextId}-${i}`,
      reason: 'date_added: Required',
    })),
  };
}

function openBatch(store: Store, clock: { ms: number }) {
  const stored: number[] = [];
  const batch = new PullBatch(
    store,
    pages => stored.push(pages.length),
    () => clock.ms,
  );
  return { batch, stored };
}

describe('PullBatch', () => {
  it('stores pages once the record count is reached', () => {
    const store = openMemoryStore();
    const { batch, stored } = openBatch(store, { ms: 0 });
    const pages = PULL_BATCH_RECORDS / 200;

    for (let i = 1; i < pages; i += 1) batch.add(page(200));
    expect(stored).toEqual([]);
    expect(store.compromises.count()).toBe(0);

    batch.add(page(200));
    expect(stored).toEqual([pages]);
    expect(store.compromises.count()).toBe(PULL_BATCH_RECORDS);
  });

  it('counts invalid records toward the batch', () => {
    const store = openMemoryStore();
    const { batch, stored } = openBatch(store, { ms: 0 });

    batch.add(page(100, PULL_BATCH_RECORDS - 100));
    expect(stored).toEqual([1]);
    expect(store.compromises.count()).toBe(100);
  });

  it('stores an old batch when the next page arrives', () => {
    const store = openMemoryStore();
    const clock = { ms: 0 };
    const { batch, stored } = openBatch(store, clock);

    batch.add(page(10));
    clock.ms = PULL_BATCH_MAX_AGE_MS - 1;
    batch.add(page(10));
    expect(stored).toEqual([]);

    clock.ms = PULL_BATCH_MAX_AGE_MS;
    batch.add(page(10));
    expect(stored).toEqual([3]);
    expect(store.compromises.count()).toBe(30);
  });

  it('drops the pages of a failed store', () => {
    const store = openMemoryStore();
    const { batch, stored } = openBatch(store, { ms: 0 });
    batch.add(page(5));
    store.compromises.upsertMany = () => {
      throw new Error('database or disk is full');
    };

    expect(() => batch.flush()).toThrow('disk is full');
    expect(stored).toEqual([]);
    batch.flush();
    expect(stored).toEqual([]);
  });
});
