import type { BmsSeed } from './demo-data/bms-records';
import {
  buildBmsSeed,
  CATCHALL_ACCOUNT_ID,
  CATCHALL_LOCATION_ID,
} from './demo-data/bms-records';
import { loadBreachCatalog } from './demo-data/breach-catalog';
import { buildCompromise } from './demo-data/compromises';
import { ORGANIZATION_NAMES } from './demo-data/names';
import { createSeededRandom, type SeededRandom } from './demo-data/random';
import type { DwidCompromise, DwidOrganization } from './dwid/dwid-types';

export type DemoSeedOptions = {
  /** PRNG seed, 42 if absent. The same value gives the same records. */
  readonly seed?: number;
  /** Default 30. The name and account variants need at least 6. */
  readonly organizations?: number;
  /** Default 1200. */
  readonly compromises?: number;
  /** Every `date_added` falls in the 90 days before it. Default 2026-12-01T00:00:00Z. */
  readonly referenceDate?: string;
};

export type DemoSeed = {
  readonly dwid: {
    readonly organizations: DwidOrganization[];
    readonly compromises: DwidCompromise[];
  };
  readonly bms: BmsSeed;
};

/** Ticket field ids that route every ticket of the demo seed. */
export const DEMO_TICKET_IDS = {
  catchallAccountId: CATCHALL_ACCOUNT_ID,
  catchallLocationId: CATCHALL_LOCATION_ID,
  statusId: 1,
  priorityId: 2,
  queueId: 7,
  typeId: 2,
  sourceId: 5,
} as const;

const DEFAULT_REFERENCE_DATE = '2026-12-01T00:00:00Z';

/** Organization indexes 3, 13, 23 … are disabled in Dark Web ID. */
const DISABLED_EVERY = 10;
const FIRST_DISABLED = 3;

/**
 * Builds matching Dark Web ID and BMS data for the demo and tests from the
 * public breach catalogue, with synthetic people at example domains.
 */
export function buildDemoSeed(options: DemoSeedOptions = {}): DemoSeed {
  const random = createSeededRandom(options.seed ?? 42);
  const referenceMs = Date.parse(
    options.referenceDate ?? DEFAULT_REFERENCE_DATE,
  );
  if (Number.isNaN(referenceMs)) {
    throw new Error(
      `Invalid referenceDate "${options.referenceDate}"; expected ISO 8601.`,
    );
  }
  const organizations = buildOrganizations(options.organizations ?? 30, random);
  const inputs = {
    random,
    organizations,
    breaches: loadBreachCatalog(),
    referenceSeconds: Math.floor(referenceMs / 1000),
  };
  const count = options.compromises ?? 1200;
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`Invalid compromises ${count}; expected 0 or more.`);
  }
  const searchRecords = new Map<string, string>();
  const compromises: DwidCompromise[] = [];
  for (let index = 0; index < count; index += 1) {
    compromises.push(buildCompromise(inputs, index, searchRecords));
  }
  return {
    dwid: { organizations, compromises },
    bms: buildBmsSeed(organizations),
  };
}

function buildOrganizations(
  count: number,
  random: SeededRandom,
): DwidOrganization[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`Invalid organizations ${count}; expected 1 or more.`);
  }
  return Array.from({ length: count }, (_, index) => {
    const base = ORGANIZATION_NAMES[index % ORGANIZATION_NAMES.length] ?? '';
    const round = Math.floor(index / ORGANIZATION_NAMES.length);
    return {
      uuid: random.uuid(),
      title: round === 0 ? base : `${base} ${round + 1}`,
      status:
        index % DISABLED_EVERY === FIRST_DISABLED ? 'Disabled' : 'Enabled',
    };
  });
}
