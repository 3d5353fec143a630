import { ConfigValidationError } from '../service/apply-config';
import { toErrorData } from '../errors';
import { redactText } from '../log/logger';

/**
 * Writes `value` as one JSON document on standard output, with secrets
 * masked in each string value. Masking the serialized text instead would
 * let the credential patterns of `redactText` rewrite JSON syntax, such as
 * `"hasPassword": true`, into invalid JSON.
 */
export function printJson(value: unknown): void {
  const document = JSON.stringify(
    value,
    (_key, item: unknown) =>
      typeof item === 'string' ? redactText(item) : item,
    2,
  );
  process.stdout.write(`${document}\n`);
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

/** Writes one `dwid-bms: MESSAGE` line on standard error, secrets masked. */
export function printErrorLine(message: string): void {
  const firstLine = message.split('\n')[0] ?? message;
  process.stderr.write(`dwid-bms: ${redactText(firstLine)}\n`);
}

/**
 * Reports a failed command: a one-line reason on standard error (with the
 * list of problems after it for configuration errors) and, with `--json`,
 * the error as JSON on standard output. Returns the exit status.
 */
export function reportFailure(error: unknown, asJson: boolean): number {
  const data = toErrorData(error);
  const firstLine = data.message.split('\n')[0] ?? data.message;
  printErrorLine(firstLine);
  const problems =
    error instanceof ConfigValidationError ? error.configProblems : undefined;
  if (problems !== undefined) {
    for (const problem of problems) {
      process.stderr.write(
        `  ${redactText(`${problem.path}: ${problem.message}`)}\n`,
      );
    }
  }
  if (asJson) {
    // A configuration error lists paths in the file instead of fields.
    const error =
      problems === undefined
        ? { ...data, message: firstLine }
        : { ...data, message: firstLine, problems };
    printJson({ ok: false, error });
  }
  return 1;
}
