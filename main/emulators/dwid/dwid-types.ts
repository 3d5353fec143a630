/**
 * Dark Web ID wire records, snake_case as the partner API sends them from
 * `/services/organization.json` and `/services/compromise.json`.
 */
export type DwidOrganization = {
  readonly uuid: string;
  /** Organization name, which BMS account names are matched against. */
  readonly title: string;
  readonly status: 'Enabled' | 'Disabled';
};

/** Personal information found with a record. Every key is optional. */
export type DwidPiiHit = {
  readonly namefirst?: string;
  readonly namelast?: string;
  readonly addr1?: string;
  readonly addrcity?: string;
  readonly addrzip?: string;
};

export type DwidRecordType = 'Email' | 'Domain' | 'IP';

export type DwidCompromise = {
  readonly uuid: string;
  /** UUID of the organization the record belongs to. */
  readonly organization: string;
  /** E-mail address, domain or IPv4 address that was found. */
  readonly search_value: string;
  /** UUID of the monitored asset that matched. */
  readonly search_record: string;
  readonly record_type: DwidRecordType;
  readonly password: string | null;
  readonly password_status_name: 'Plaintext' | 'Hashed' | 'None';
  readonly hash_type: string | null;
  readonly password_criteria: boolean | null;
  readonly source: string;
  readonly origin: string;
  readonly compromise: string;
  readonly record_status: 'Unresolved';
  /** When the record was found, in epoch seconds. */
  readonly detected: number;
  /** When Dark Web ID imported the record, `YYYY-MM-DD HH:MM:SS` in UTC. */
  readonly date_added: string;
  /** Breach date, `YYYY-MM-DD`. */
  readonly occurred: string;
  readonly pii_hit: DwidPiiHit | readonly DwidPiiHit[] | null;
  readonly attribution: readonly unknown[];
};

/** List response of every paged endpoint, whose links are absolute URLs. */
export type DwidPage<T> = {
  readonly self: string;
  readonly first: string;
  readonly last: string;
  readonly list: readonly T[];
};
