/**
 * Tokens that a field mapping may contain. Each is replaced by the
 * compromise's data when a ticket is rendered.
 */
export const TOKENS = [
  { name: 'uuid', description: "Dark Web ID's unique id of the compromise" },
  {
    name: 'password',
    description: 'The leaked password (never present for IP compromises)',
  },
  {
    name: 'obscured_password',
    description:
      'The password with every character after the first four replaced by *',
  },
  {
    name: 'record_type',
    description: 'What was monitored: Email, Domain or IP',
  },
  {
    name: 'source',
    description: "The record's source as Dark Web ID reports it",
  },
  { name: 'origin', description: 'The website the record came from' },
  {
    name: 'organization_name',
    description: 'The organization the compromise belongs to',
  },
  {
    name: 'compromise',
    description: 'The compromise as Dark Web ID reports it',
  },
  {
    name: 'password_criteria',
    description:
      "Whether the password meets the organization's password criteria: N/A, Matches, Doesn't Match",
  },
  {
    name: 'search_value',
    description: 'The email address or IP address that was found',
  },
  {
    name: 'date_added',
    description: 'Date the compromise was added to Dark Web ID',
  },
  { name: 'date_found', description: 'Date the compromise was found' },
  { name: 'pii', description: 'Personal information found with the record' },
] as const;

/** Name of a token, written in a mapping as `[name]`. */
export type TokenName = (typeof TOKENS)[number]['name'];

/** Maximum length of one substituted token value, in grapheme clusters. */
export const TOKEN_VALUE_MAX_LENGTH = 255;

const TOKEN_NAMES: ReadonlySet<string> = new Set(TOKENS.map(t => t.name));

/** Tells whether `name` (without brackets) is a known token. */
export function isTokenName(name: string): name is TokenName {
  return TOKEN_NAMES.has(name);
}
