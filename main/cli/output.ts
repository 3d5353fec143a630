import { ConfigValidationError } from '../service/apply-config';
import { toErrorData } from '../errors';
import { redactText } from '../log/logger';

/** Writes `value` as one JSON document on standard output. */
export function printJson(value: unknown): void {
  process.stdout.write(`${redactText(JSON.stringify(value, null, 2))}\n`);
}

/** Writes lines of text on standard output, with secrets masked. */
export function printLines(lines: readonly string[]): void {
  process.stdout.write(`${redactText(lines.join('\n'))}\n`);
}

/** Formats rows as a left-aligned text table. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map(row => (row[column] ?? '').length)),
  );
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [format(headers), ...rows.map(format)];
}

/**
 * Reports a failed command: a one-line reason on standard error (with the
 * list of problems after it for configuration errors) and, with `--json`,
 * the error as JSON on standard output. Returns the exit status.
 */
export function reportFailure(error: unknown, asJson: boolean): number {
  const data = toErrorData(error);
  const firstLine = data.message.split('\n')[0] ?? data.message;
  process.stderr.write(`dwid-bms: ${redactText(firstLine)}\n`);
  const problems =
    error instanceof ConfigValidationError ? error.problems : undefined;
  if (problems !== undefined) {
    for (const problem of problems) {
      process.stderr.write(
        `  ${redactText(`${problem.path}: ${problem.message}`)}\n`,
      );
    }
  }
  if (asJson) {
    printJson({ ok: false, error: { ...data, message: firstLine, problems } });
  }
  return 1;
}
