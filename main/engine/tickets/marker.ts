import { trimToLength } from './graphemes';

/** Text between the Details body and the marker. */
const MARKER_SEPARATOR = '\n\n';

// Characters a uuid may contain. The marker only matches when it is not
// followed or preceded by one, so `…:ab` never matches inside `…:abc`.
const UUID_CHARACTER = /[0-9A-Za-z-]/;

/**
 * Returns the text that ties a BMS ticket to its compromise. Reconciliation
 * searches tickets for it, so its format must not change.
 */
export function ticketMarker(uuid: string): string {
  return `dwid-compromise:${uuid}`;
}

/**
 * Returns the smallest Details maximum length, in UTF-16 code units, that
 * has room for one character of body, the separator and the marker.
 */
export function detailsMinimumLength(uuid: string): number {
  return (MARKER_SEPARATOR + ticketMarker(uuid)).length + 1;
}

/**
 * Appends the marker to `details`, separated by a blank line, and trims the
 * body (never the marker) on a grapheme boundary so that the result is at
 * most `maxLength` UTF-16 code units. Throws a RangeError when `maxLength` is below
 * `detailsMinimumLength(uuid)`.
 */
export function appendMarker(
  details: string,
  uuid: string,
  maxLength: number,
): { text: string; isTrimmed: boolean } {
  const minimum = detailsMinimumLength(uuid);
  if (!Number.isInteger(maxLength) || maxLength < minimum) {
    throw new RangeError(
      `Details maximum length must be a whole number >= ${minimum} to hold the ticket marker, got ${maxLength}`,
    );
  }
  const suffix = MARKER_SEPARATOR + ticketMarker(uuid);
  const body = trimToLength(details, maxLength - suffix.length);
  return { text: body.text + suffix, isTrimmed: body.isTrimmed };
}

/**
 * Tells whether `details` contains the marker of `uuid` as a whole word, in
 * any position, because BMS may add or change text around it.
 */
export function hasMarker(details: string, uuid: string): boolean {
  const marker = ticketMarker(uuid);
  let start = details.indexOf(marker);
  while (start !== -1) {
    const before = details.charAt(start - 1);
    const after = details.charAt(start + marker.length);
    if (!UUID_CHARACTER.test(before) && !UUID_CHARACTER.test(after)) {
      return true;
    }
    start = details.indexOf(marker, start + 1);
  }
  return false;
}
