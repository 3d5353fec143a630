import type { DeliveryView } from '../../shared/contract/models';

/** Columns of the exported ledger, in order, with their header text. */
const COLUMNS: readonly [string, (row: DeliveryView) => string][] = [
  ['Updated At', row => row.updatedAt],
  ['Integration', row => row.integrationName],
  ['Organization', row => row.organizationName],
  ['Search Value', row => row.searchValue],
  ['Record Type', row => row.recordType],
  ['Account', row => row.accountName ?? ''],
  ['Ticket Number', row => row.ticketNumber ?? ''],
  ['State', row => row.state],
  ['Reason', row => row.reason ?? ''],
  ['Compromise UUID', row => row.compromiseUuid],
];

// Spreadsheet programs run a cell that starts with one of these as a
// formula, so a leaked value such as `=HYPERLINK(...)` could execute.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Formats the rows as CSV per RFC 4180: a header row, every field quoted
 * with inner quotes doubled, and CRLF line ends. A cell that a spreadsheet
 * would read as a formula gets a leading `'`, which shows it as text.
 */
export function formatDeliveriesCsv(rows: Iterable<DeliveryView>): string {
  const lines = [COLUMNS.map(([header]) => quoteCell(header)).join(',')];
  for (const row of rows) {
    lines.push(COLUMNS.map(([, read]) => quoteCell(read(row))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Neutralises a formula and quotes one CSV field. */
export function quoteCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

/** Returns the export file name for the UTC date of `now`. */
export function exportFileName(now: Date): string {
  return `dwid-bms-activity-${now.toISOString().slice(0, 10)}.csv`;
}
