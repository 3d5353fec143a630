import type { Compromise, PiiHit } from '../../../shared/domain';
import type { TokenName } from '../../../shared/tokens';
import { TOKENS, TOKEN_VALUE_MAX_LENGTH } from '../../../shared/tokens';
import { splitGraphemes, trimToGraphemes } from './graphemes';

/** Number of leading graphemes `[obscured_password]` shows of a long password. */
const OBSCURED_VISIBLE_GRAPHEMES = 4;

/**
 * Computes the value of every token for one compromise. Each value is cut to
 * `TOKEN_VALUE_MAX_LENGTH` (255) grapheme clusters. Missing data yields ''.
 */
export function tokenValues(
  compromise: Compromise,
  organizationName: string,
): Record<TokenName, string> {
  // `[password]` is empty for IP records even when the feed sends one.
  const password =
    compromise.recordType === 'IP' ? '' : (compromise.password ?? '');
  const values: Record<TokenName, string> = {
    uuid: compromise.uuid,
    password,
    // Masking splits the password into clusters, so cut it first. One
    // cluster over the token maximum keeps the trimmed result unchanged.
    obscured_password: obscurePassword(
      trimToGraphemes(password, TOKEN_VALUE_MAX_LENGTH + 1).text,
    ),
    record_type: compromise.recordType,
    source: compromise.source,
    origin: compromise.origin,
    organization_name: organizationName,
    compromise: compromise.compromise,
    password_criteria: compromise.passwordCriteria,
    search_value: compromise.searchValue,
    date_added: formatUtcDate(compromise.dateAdded),
    date_found: formatUtcDate(compromise.dateFound),
    pii: formatPii(compromise.pii),
  };
  for (const { name } of TOKENS) {
    values[name] = trimToGraphemes(values[name], TOKEN_VALUE_MAX_LENGTH).text;
  }
  return values;
}

/**
 * Masks a password with `*`, one `*` per grapheme. A password of more than
 * four graphemes keeps its first four. A password of two to four graphemes
 * keeps only its first, and a one-grapheme password is fully masked, so that
 * no password is ever shown whole.
 */
export function obscurePassword(password: string): string {
  const graphemes = splitGraphemes(password);
  const visible = visibleGraphemeCount(graphemes.length);
  const visiblePart = graphemes.slice(0, visible).join('');
  return visiblePart + '*'.repeat(graphemes.length - visible);
}

function visibleGraphemeCount(length: number): number {
  if (length > OBSCURED_VISIBLE_GRAPHEMES) {
    return OBSCURED_VISIBLE_GRAPHEMES;
  }
  return length >= 2 ? 1 : 0;
}

/**
 * Formats an ISO 8601 date-time as `YYYY-MM-DD HH:mm UTC`. A value without a
 * zone is read as UTC, because Dark Web ID dates are UTC. Text that is not a
 * date is returned unchanged, so the ticket still shows what the feed sent.
 */
export function formatUtcDate(isoText: string): string {
  const trimmed = isoText.trim();
  if (trimmed === '') {
    return '';
  }
  const hasTime = /\d[T ]\d/.test(trimmed);
  const hasZone = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(trimmed);
  // Date.parse reads a zone-less date-time as local time, so add the zone.
  const normalized =
    hasTime && !hasZone ? `${trimmed.replace(' ', 'T')}Z` : trimmed;
  const time = Date.parse(normalized);
  if (Number.isNaN(time)) {
    return isoText;
  }
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * Formats personal information as `Name: …; Address: …`, one hit after
 * another separated by ` | `. Blank parts and empty hits are left out.
 */
export function formatPii(hits: readonly PiiHit[]): string {
  return hits
    .map(formatPiiHit)
    .filter(text => text !== '')
    .join(' | ');
}

function formatPiiHit(hit: PiiHit): string {
  const name = joinNonBlank([hit.firstName, hit.lastName], ' ');
  const cityLine = joinNonBlank([hit.city, hit.zip], ' ');
  const address = joinNonBlank([hit.address, cityLine], ', ');
  const parts: string[] = [];
  if (name !== '') {
    parts.push(`Name: ${name}`);
  }
  if (address !== '') {
    parts.push(`Address: ${address}`);
  }
  return parts.join('; ');
}

function joinNonBlank(
  parts: readonly (string | undefined)[],
  separator: string,
): string {
  return parts
    .map(part => (part ?? '').trim())
    .filter(part => part !== '')
    .join(separator);
}
