/**
 * Normalised Dark Web ID records, as the client returns them and the engine,
 * store and ticket renderer use them. Wire formats live in the clients.
 */

/** Kind of monitored asset that matched the record. */
export type RecordType = 'Email' | 'Domain' | 'IP';

export type PasswordCriteria = 'N/A' | 'Matches' | "Doesn't Match";

/** Personal information found with a record. Every part is optional. */
export type PiiHit = {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly address?: string;
  readonly city?: string;
  readonly zip?: string;
};

export type Organization = {
  readonly uuid: string;
  /** Organization name, `title` on the wire. */
  readonly title: string;
  /** Disabled organizations stop e-mail alerts but still produce tickets. */
  readonly isEnabled: boolean;
};

export type Compromise = {
  readonly uuid: string;
  readonly organizationUuid: string;
  readonly recordType: RecordType;
  /** E-mail address, domain or IP address that was found. */
  readonly searchValue: string;
  /** Leaked password, or null when the record has none. */
  readonly password: string | null;
  readonly passwordCriteria: PasswordCriteria;
  readonly source: string;
  readonly origin: string;
  readonly compromise: string;
  /** When Dark Web ID imported the record, ISO 8601 in UTC. */
  readonly dateAdded: string;
  /** When the record was found, ISO 8601 in UTC. */
  readonly dateFound: string;
  readonly pii: readonly PiiHit[];
};
