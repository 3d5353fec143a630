import type { SeededRandom } from '../../main/emulators/demo-data/random';
import {
  BMS_FAULT_KINDS,
  type BmsFaultKind,
} from '../../main/emulators/bms/bms-emulator';
import {
  DWID_FAULT_KINDS,
  type DwidFaultKind,
} from '../../main/emulators/dwid/dwid-emulator';
import type { Fault, FaultController } from '../../main/emulators/faults';
import { SOAK_CLIENT_TUNING } from './client-tuning';

/** Ticket endpoint of the BMS API: POST creates, GET searches. */
const TICKETS_PATH = '/v2/servicedesk/tickets';

/** Where a BMS fault may fire. An absent path or method matches any request. */
const BMS_TARGETS: readonly { path?: string; method?: string }[] = [
  {},
  { path: TICKETS_PATH, method: 'POST' },
  { path: TICKETS_PATH, method: 'POST' },
  { path: TICKETS_PATH, method: 'GET' },
  { path: '/v2/security/authenticate' },
  { path: '/v2/crm/accounts' },
  { path: '/v2/system' },
];

/**
 * Where a Dark Web ID fault may fire. The path is matched against the
 * request target including its query, so `page=1&` hits only the second
 * page of a walk, after the first page was stored.
 */
const DWID_TARGETS: readonly { path?: string }[] = [
  {},
  { path: '/services/compromise.json' },
  { path: 'page=1&' },
  { path: 'page=1&' },
  { path: '/services/organization.json' },
];

/**
 * Delays of `slow` faults, in ms. Those past the child's 1.5 s client
 * timeout make the client give up and retry or fail the request.
 *
 * NOTE: the BMS emulator reads a ticket body only after the delay, and by
 * then the client has closed the connection, so a slow ticket POST that
 * times out is never stored. A POST that BMS completes after the client
 * gave up (and after the next sync searched for its marker) is therefore
 * not covered by this soak.
 */
export const SLOW_DELAYS_MS = { min: 100, max: 2_400 } as const;

export type RoundFaults = {
  readonly bms: Fault<BmsFaultKind>[];
  readonly dwid: Fault<DwidFaultKind>[];
};

/** Returns a random integer in [min, max]. */
export function between(
  random: SeededRandom,
  min: number,
  max: number,
): number {
  return min + random.integer(max - min + 1);
}

/** Picks 1 to 4 BMS faults and 0 to 3 Dark Web ID faults of random kinds. */
export function planRoundFaults(random: SeededRandom): RoundFaults {
  const bms: Fault<BmsFaultKind>[] = [];
  const bmsCount = between(random, 1, 4);
  for (let index = 0; index < bmsCount; index += 1) {
    bms.push(planBmsFault(random, random.pick(BMS_FAULT_KINDS)));
  }
  const dwid: Fault<DwidFaultKind>[] = [];
  const dwidCount = between(random, 0, 3);
  for (let index = 0; index < dwidCount; index += 1) {
    dwid.push(planDwidFault(random, random.pick(DWID_FAULT_KINDS)));
  }
  return { bms, dwid };
}

function planBmsFault(
  random: SeededRandom,
  kind: BmsFaultKind,
): Fault<BmsFaultKind> {
  if (kind === 'drop-after-store' || kind === 'hang-after-store') {
    // The emulator takes these faults only after storing a ticket.
    return {
      kind,
      path: TICKETS_PATH,
      method: 'POST',
      times: between(random, 1, 2),
    };
  }
  if (kind === 'expire-token') {
    return { kind, ...random.pick(BMS_TARGETS), times: 1 };
  }
  return { ...planCommonFault(random, kind), ...random.pick(BMS_TARGETS) };
}

function planDwidFault(
  random: SeededRandom,
  kind: DwidFaultKind,
): Fault<DwidFaultKind> {
  if (kind === 'bad-record' || kind === 'redeliver') {
    return {
      kind,
      path: '/services/compromise.json',
      times: between(random, 1, 3),
    };
  }
  return { ...planCommonFault(random, kind), ...random.pick(DWID_TARGETS) };
}

/** Parameters of the kinds that both emulators support. */
function planCommonFault<Kind extends string>(
  random: SeededRandom,
  kind: Kind,
): Fault<Kind> {
  switch (kind) {
    case 'server-error':
      return {
        kind,
        status: random.pick([500, 502, 503]),
        times: between(random, 1, 3),
      };
    case 'rate-limit':
      // A Retry-After of 1 s exceeds the child's 200 ms retryMaxMs, so the
      // client gives up at once instead of waiting.
      return {
        kind,
        times: between(random, 1, 4),
        ...(random.chance(0.5)
          ? { retryAfterSeconds: random.pick([0, 1]) }
          : {}),
      };
    case 'slow':
      return {
        kind,
        delayMs: between(random, SLOW_DELAYS_MS.min, SLOW_DELAYS_MS.max),
        times: between(random, 1, 2),
      };
    default:
      return { kind, times: between(random, 1, 2) };
  }
}

/**
 * Returns the report label of a fault: its kind, with the Retry-After of a
 * 429 and whether a delay passes the client timeout.
 */
export function faultLabel(
  emulator: 'bms' | 'dwid',
  fault: Fault<string>,
): string {
  if (fault.kind === 'rate-limit' && fault.retryAfterSeconds !== undefined) {
    return `${emulator} rate-limit (Retry-After ${fault.retryAfterSeconds} s)`;
  }
  if (fault.kind === 'slow') {
    const pastTimeout = (fault.delayMs ?? 0) > SOAK_CLIENT_TUNING.timeoutMs;
    return `${emulator} slow${pastTimeout ? ' (past timeout)' : ''}`;
  }
  return `${emulator} ${fault.kind}`;
}

/**
 * Counts how many times each fault in `armed` fired on `controller`, by
 * label, and adds the counts to `fired`. Call it before clearing the
 * controller.
 */
export function countFired<Kind extends string>(
  emulator: 'bms' | 'dwid',
  controller: FaultController<Kind>,
  armed: readonly Fault<Kind>[],
  fired: Map<string, number>,
): number {
  const remaining = new Map<Fault<Kind>, number>();
  for (const entry of controller.pending) {
    remaining.set(entry.fault, entry.remaining);
  }
  let total = 0;
  for (const fault of armed) {
    const count = (fault.times ?? 1) - (remaining.get(fault) ?? 0);
    if (count <= 0) continue;
    const label = faultLabel(emulator, fault);
    fired.set(label, (fired.get(label) ?? 0) + count);
    total += count;
  }
  return total;
}
