import { getLogger } from '../log/logger';

/**
 * Faults that a test or demo arms on a running emulator. Each armed fault
 * fires on the next matching requests, `times` times, then disarms itself.
 * Both emulators share this controller and differ only in the kinds they
 * support.
 */
export type Fault<Kind extends string> = {
  readonly kind: Kind;
  /** Substring of the request target (path and query), or any request if absent. */
  readonly path?: string;
  /** HTTP method, case-insensitive, or any method if absent. */
  readonly method?: string;
  /** Number of matching requests the fault fires on, 1 if absent. */
  readonly times?: number;
  /** HTTP status of a `server-error` fault, 503 if absent. */
  readonly status?: number;
  /** `Retry-After` value of a `rate-limit` fault in seconds, or no header if absent. */
  readonly retryAfterSeconds?: number;
  /** Delay of a `slow` fault before the normal response, in milliseconds. */
  readonly delayMs?: number;
};

/** An armed fault and the number of requests it still fires on. */
export type ArmedFault<Kind extends string> = {
  readonly fault: Fault<Kind>;
  remaining: number;
};

export class FaultController<Kind extends string> {
  readonly #armed: ArmedFault<Kind>[] = [];
  readonly #kinds: ReadonlySet<Kind>;

  constructor(kinds: readonly Kind[]) {
    this.#kinds = new Set(kinds);
  }

  /** Arms a fault. Throws on a kind this emulator does not support. */
  add(fault: Fault<Kind>): void {
    if (!this.#kinds.has(fault.kind)) {
      throw new Error(
        `Unsupported fault kind "${fault.kind}"; expected one of ${[...this.#kinds].join(', ')}.`,
      );
    }
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new Error(
        `Invalid fault times ${times}; expected an integer >= 1.`,
      );
    }
    this.#armed.push({ fault, remaining: times });
  }

  /** Disarms every fault. */
  clear(): void {
    this.#armed.length = 0;
  }

  /** Faults that have not fired their full number of times yet. */
  get pending(): readonly ArmedFault<Kind>[] {
    return this.#armed.map(armed => ({ ...armed }));
  }

  /**
   * Fires the first armed fault of one of `kinds` that matches the request,
   * counting it down, or returns undefined when none matches.
   */
  take(
    method: string,
    target: string,
    kinds: readonly Kind[],
  ): Fault<Kind> | undefined {
    const index = this.#armed.findIndex(
      armed =>
        kinds.includes(armed.fault.kind) &&
        matches(armed.fault, method, target),
    );
    const armed = this.#armed[index];
    if (armed === undefined) return undefined;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.#armed.splice(index, 1);
    getLogger('emulator').debug(
      { kind: armed.fault.kind, method, target, remaining: armed.remaining },
      'Emulator fault fired',
    );
    return armed.fault;
  }
}

function matches(
  fault: Fault<string>,
  method: string,
  target: string,
): boolean {
  if (
    fault.method !== undefined &&
    fault.method.toUpperCase() !== method.toUpperCase()
  ) {
    return false;
  }
  return fault.path === undefined || target.includes(fault.path);
}
