import type {
  BmsAccount,
  BmsLocation,
  BmsPriority,
  BmsQueue,
  BmsStatus,
} from '../bms/bms-types';
import type { DwidOrganization } from '../dwid/dwid-types';
import { INACTIVE_ACCOUNT_NAME, UNMATCHED_ACCOUNT_NAMES } from './names';

export const CATCHALL_ACCOUNT_ID = 1000;
export const CATCHALL_LOCATION_ID = 4000;
export const CATCHALL_ACCOUNT_NAME = 'Unassigned Dark Web ID';

/** Account ids of organizations are this base plus the organization index. */
const ORGANIZATION_ACCOUNT_BASE_ID = 2001;
const UNMATCHED_ACCOUNT_BASE_ID = 3001;
const FIRST_LOCATION_ID = 4001;

/**
 * Organization indexes whose BMS account name differs from the title, and
 * how. Matching by name must cope with each of these.
 */
export const NAME_VARIANTS: ReadonlyMap<number, (title: string) => string> =
  new Map([
    [1, (title: string) => title.toLowerCase()],
    [2, (title: string) => `${title} `],
    [4, (title: string) => title.toUpperCase()],
  ]);

/** Organization index that has no BMS account at all. */
export const ORGANIZATION_WITHOUT_ACCOUNT = 5;

export type BmsSeed = {
  readonly accounts: BmsAccount[];
  readonly locations: BmsLocation[];
  readonly statuses: BmsStatus[];
  readonly priorities: BmsPriority[];
  readonly queues: BmsQueue[];
};

/**
 * Builds the BMS side of the demo: one account per organization (with the
 * name variants above), unmatched and inactive accounts, and the catch-all
 * account. Every account has a main location, and every third has a second.
 */
export function buildBmsSeed(
  organizations: readonly DwidOrganization[],
): BmsSeed {
  const accounts: BmsAccount[] = [
    { id: CATCHALL_ACCOUNT_ID, name: CATCHALL_ACCOUNT_NAME, isActive: true },
  ];
  organizations.forEach((organization, index) => {
    if (index === ORGANIZATION_WITHOUT_ACCOUNT) return;
    const rename = NAME_VARIANTS.get(index);
    accounts.push({
      id: ORGANIZATION_ACCOUNT_BASE_ID + index,
      name:
        rename === undefined ? organization.title : rename(organization.title),
      isActive: true,
    });
  });
  [...UNMATCHED_ACCOUNT_NAMES, INACTIVE_ACCOUNT_NAME].forEach((name, index) => {
    accounts.push({
      id: UNMATCHED_ACCOUNT_BASE_ID + index,
      name,
      isActive: name !== INACTIVE_ACCOUNT_NAME,
    });
  });
  return {
    accounts,
    locations: buildLocations(accounts),
    statuses: STATUSES.map(status => ({ ...status })),
    priorities: PRIORITIES.map(priority => ({ ...priority })),
    queues: QUEUES.map(queue => ({ ...queue })),
  };
}

function buildLocations(accounts: readonly BmsAccount[]): BmsLocation[] {
  const locations: BmsLocation[] = [];
  let nextId = FIRST_LOCATION_ID;
  accounts.forEach((account, index) => {
    const mainId =
      account.id === CATCHALL_ACCOUNT_ID ? CATCHALL_LOCATION_ID : nextId++;
    locations.push({
      id: mainId,
      accountId: account.id,
      name: 'Main Office',
      isMain: true,
    });
    if (index % 3 === 1) {
      locations.push({
        id: nextId++,
        accountId: account.id,
        name: 'Branch Office',
        isMain: false,
      });
    }
  });
  return locations;
}

export const STATUSES: readonly BmsStatus[] = [
  { id: 1, name: 'New', color: '#2e7d32', statusOrder: 1, isActive: true },
  {
    id: 2,
    name: 'In Progress',
    color: '#1565c0',
    statusOrder: 2,
    isActive: true,
  },
  { id: 3, name: 'Waiting', color: '#f9a825', statusOrder: 3, isActive: true },
  {
    id: 4,
    name: 'Completed',
    color: '#616161',
    statusOrder: 4,
    isActive: true,
  },
];

export const PRIORITIES: readonly BmsPriority[] = [
  { id: 1, name: 'Critical', color: '#c62828', isDefault: false },
  { id: 2, name: 'High', color: '#ef6c00', isDefault: false },
  { id: 3, name: 'Medium', color: '#f9a825', isDefault: true },
  { id: 4, name: 'Low', color: '#2e7d32', isDefault: false },
];

export const QUEUES: readonly BmsQueue[] = [
  { id: 7, name: 'Security', isActive: true },
  { id: 8, name: 'Service Desk', isActive: true },
];
