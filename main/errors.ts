import type { ErrorCode, ErrorData, FieldProblem } from '../shared/errors';

/**
 * Error raised inside the main process. It carries a stable code so that it
 * can cross a process boundary as data (see `toErrorData`).
 */
export class ConnectorError extends Error {
  readonly code: ErrorCode;
  /** True when the same request may succeed later (network, 5xx, 429). */
  readonly isRetryable: boolean;
  /** Each field problem of a `validation` error, also listed in the message. */
  readonly problems: readonly FieldProblem[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      isRetryable?: boolean;
      cause?: unknown;
      problems?: readonly FieldProblem[];
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ConnectorError';
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
    this.problems = options.problems;
  }
}

/**
 * Converts any thrown value to the `{ code, message }` that crosses
 * processes, with the field problems of a validation error.
 */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof ConnectorError) {
    return error.problems === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, problems: error.problems };
  }
  const storage = describeSqliteError(error);
  if (storage !== null) return { code: 'storage', message: storage };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}

/**
 * Explains a better-sqlite3 `SqliteError` by its result code, or returns
 * null for any other value. Codes: https://www.sqlite.org/rescode.html
 */
function describeSqliteError(error: unknown): string | null {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return null;
  const raw = (error as Error & { code?: unknown }).code;
  const code = typeof raw === 'string' ? raw : '';
  if (code === 'SQLITE_FULL') {
    return (
      'The disk that holds the database is full (SQLite: database or disk ' +
      'is full). Free some space; the next sync resumes where this one ' +
      'stopped.'
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return (
      `The database cannot be written (${code}). Check that the data ` +
      'folder and its files are writable by this user.'
    );
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return `Reading or writing the database failed (${code}). Check the disk.`;
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return (
      `The database file is damaged (${code}). Restore it from a backup, or ` +
      'move it aside to start with an empty one.'
    );
  }
  return null;
}
