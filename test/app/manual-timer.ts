import type { Clock, Timer, TimerHandle } from '../../main/app/scheduler';

type Pending = { readonly callback: () => void; readonly dueAt: number };

/**
 * Clock and timer driven by the test: time moves only when `advance` or
 * `sleep` is called, and due callbacks run in order of their due time.
 */
export class ManualTimer implements Timer, Clock {
  private time = 1_700_000_000_000;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.pending.set(id, { callback, dueAt: this.time + ms });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending.delete(handle as number);
  }

  /** Number of armed timeouts. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Due time of the earliest armed timeout, or null. */
  get nextDueAt(): number | null {
    const times = [...this.pending.values()].map(entry => entry.dueAt);
    return times.length === 0 ? null : Math.min(...times);
  }

  /** Moves time forward by `ms`, running each timeout that falls due. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.takeNextDue(end);
      if (next === null) break;
      this.time = next.dueAt;
      next.callback();
    }
    this.time = end;
  }

  /** Moves time forward by `ms` without running any timeout, like a suspended computer. */
  sleep(ms: number): void {
    this.time += ms;
  }

  private takeNextDue(end: number): Pending | null {
    let found: [number, Pending] | null = null;
    for (const entry of this.pending) {
      if (entry[1].dueAt > end) continue;
      if (found === null || entry[1].dueAt < found[1].dueAt) found = entry;
    }
    if (found === null) return null;
    this.pending.delete(found[0]);
    return found[1];
  }
}

/** Lets every queued promise continuation run. */
export async function flushPromises(): Promise<void> {
  await new Promise<void>(resolve => setImmediate(resolve));
}
