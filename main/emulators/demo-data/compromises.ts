import type {
  DwidCompromise,
  DwidOrganization,
  DwidPiiHit,
  DwidRecordType,
} from '../dwid/dwid-types';
import { exposesPasswords, type Breach } from './breach-catalog';
import { CITY_NAMES, FIRST_NAMES, LAST_NAMES, STREET_NAMES } from './names';
import type { SeededRandom } from './random';

/** Days before the reference date over which `date_added` is spread. */
export const DATE_ADDED_SPREAD_DAYS = 90;

const DAY_SECONDS = 24 * 60 * 60;

/** IPv4 documentation ranges (RFC 5737), which route nowhere. */
const DOCUMENTATION_NETWORKS = ['192.0.2', '198.51.100', '203.0.113'];

const PASSWORD_ALPHABET =
  'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export type CompromiseInputs = {
  readonly random: SeededRandom;
  readonly organizations: readonly DwidOrganization[];
  readonly breaches: readonly Breach[];
  /** Reference time in epoch seconds. Every `date_added` falls in the 90 days before it. */
  readonly referenceSeconds: number;
};

/**
 * Builds compromise number `index`. Fixed index patterns put IP and Domain
 * records and both shapes of `pii_hit` into any seed of 6 or more
 * compromises, and random choices fill in the rest.
 */
export function buildCompromise(
  inputs: CompromiseInputs,
  index: number,
  searchRecords: Map<string, string>,
): DwidCompromise {
  const { random, organizations } = inputs;
  // The first compromises visit every organization once.
  const organization = organizations[index] ?? random.pick(organizations);
  const recordType = chooseRecordType(index, random);
  const breach = random.pick(inputs.breaches);
  const searchValue = buildSearchValue(recordType, organization, random);
  let searchRecord = searchRecords.get(searchValue);
  if (searchRecord === undefined) {
    searchRecord = random.uuid();
    searchRecords.set(searchValue, searchRecord);
  }
  const addedSeconds =
    inputs.referenceSeconds -
    1 -
    random.integer(DATE_ADDED_SPREAD_DAYS * DAY_SECONDS);
  return {
    uuid: random.uuid(),
    organization: organization.uuid,
    search_value: searchValue,
    search_record: searchRecord,
    record_type: recordType,
    ...buildPassword(recordType, breach, random),
    source: breach.title,
    origin: breach.domain === '' ? 'Aggregated list' : breach.domain,
    compromise: `${breach.title} breach: ${breach.dataClasses.slice(0, 3).join(', ')}`,
    record_status: 'Unresolved',
    detected: addedSeconds - random.integer(3 * DAY_SECONDS),
    date_added: formatDateTime(addedSeconds),
    occurred: breach.breachDate,
    pii_hit: buildPiiHit(index, random),
    attribution: [],
  };
}

function chooseRecordType(index: number, random: SeededRandom): DwidRecordType {
  if (index % 17 === 3) return 'IP';
  if (index % 13 === 5) return 'Domain';
  return random.chance(0.03) ? 'Domain' : 'Email';
}

/** Turns an organization name into a DNS label: `Contoso Ltd` → `contoso-ltd`. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function buildSearchValue(
  recordType: DwidRecordType,
  organization: DwidOrganization,
  random: SeededRandom,
): string {
  const domain = `${slugify(organization.title)}.example`;
  if (recordType === 'IP') {
    return `${random.pick(DOCUMENTATION_NETWORKS)}.${1 + random.integer(254)}`;
  }
  if (recordType === 'Domain') return domain;
  const mailDomain = random.chance(0.1)
    ? random.pick(['example.com', 'example.org'])
    : domain;
  return `${random.pick(FIRST_NAMES)}.${random.pick(LAST_NAMES)}@${mailDomain}`;
}

type PasswordFields = Pick<
  DwidCompromise,
  'password' | 'password_status_name' | 'hash_type' | 'password_criteria'
>;

/** IP records and breaches without the Passwords data class get none. */
function buildPassword(
  recordType: DwidRecordType,
  breach: Breach,
  random: SeededRandom,
): PasswordFields {
  if (recordType === 'IP' || !exposesPasswords(breach)) {
    return {
      password: null,
      password_status_name: 'None',
      hash_type: null,
      password_criteria: null,
    };
  }
  if (random.chance(0.25)) {
    return {
      password: random.text(40, '0123456789abcdef'),
      password_status_name: 'Hashed',
      hash_type: 'SHA1',
      password_criteria: null,
    };
  }
  // The FAKE- prefix marks the value as synthetic wherever it shows up.
  return {
    password: `FAKE-${random.text(10, PASSWORD_ALPHABET)}`,
    password_status_name: 'Plaintext',
    hash_type: null,
    password_criteria: random.chance(0.5),
  };
}

function buildPiiHit(
  index: number,
  random: SeededRandom,
): DwidPiiHit | DwidPiiHit[] | null {
  if (index % 7 === 1) return buildPerson(random, false);
  if (index % 11 === 2) {
    return [buildPerson(random, true), buildPerson(random, true)];
  }
  return null;
}

function buildPerson(random: SeededRandom, withAddress: boolean): DwidPiiHit {
  const name = {
    namefirst: capitalize(random.pick(FIRST_NAMES)),
    namelast: capitalize(random.pick(LAST_NAMES)),
  };
  if (!withAddress) return name;
  return {
    ...name,
    addr1: `${1 + random.integer(999)} ${random.pick(STREET_NAMES)}`,
    addrcity: random.pick(CITY_NAMES),
    addrzip: String(10000 + random.integer(89999)),
  };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Formats epoch seconds as `YYYY-MM-DD HH:MM:SS` in UTC. */
export function formatDateTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000)
    .toISOString()
    .slice(0, 19)
    .replace('T', ' ');
}
