/** One table row: a cell per column. */
export type Row = readonly string[];

/** Formats rows as a Markdown table with columns padded to equal width. */
export function formatTable(header: Row, rows: readonly Row[]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map(row => (row[column] ?? '').length)),
  );
  const line = (row: Row): string =>
    `| ${widths.map((width, column) => (row[column] ?? '').padEnd(width)).join(' | ')} |\n`;
  const rule = `| ${widths.map(width => '-'.repeat(width)).join(' | ')} |\n`;
  return line(header) + rule + rows.map(line).join('');
}
