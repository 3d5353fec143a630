/**
 * Seeded pseudo-random numbers (mulberry32), so a demo seed rebuilds the
 * same records every time. Not for anything that needs unpredictability.
 */
export type SeededRandom = {
  /** Float in [0, 1). */
  next(): number;
  /** Integer in [0, bound). */
  integer(bound: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** `length` characters from `alphabet`. */
  text(length: number, alphabet: string): string;
  /** Version-4-shaped UUID built from this generator. */
  uuid(): string;
};

const HEX = '0123456789abcdef';

export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const integer = (bound: number): number => Math.floor(next() * bound);
  const text = (length: number, alphabet: string): string => {
    let result = '';
    for (let index = 0; index < length; index += 1) {
      result += alphabet[integer(alphabet.length)];
    }
    return result;
  };
  return {
    next,
    integer,
    pick: items => {
      const item = items[integer(items.length)];
      if (item === undefined) {
        throw new Error('Cannot pick from an empty list.');
      }
      return item;
    },
    chance: probability => next() < probability,
    text,
    uuid: () => {
      const hex = text(32, HEX);
      const variant = HEX[8 + integer(4)] ?? '8';
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
  };
}
