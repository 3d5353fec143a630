/**
 * Stable error codes. They cross process boundaries (IPC, HTTP bridge, CLI
 * `--json`) as data, so renaming one is a breaking change.
 */
export const ERROR_CODES = [
  'validation',
  'not-found',
  'conflict',
  'auth-failed',
  'permission-denied',
  'network',
  'timeout',
  'rate-limited',
  'remote-rejected',
  'bad-response',
  'storage',
  'database-too-new',
  'secret-unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem of a `validation` error, for the field it names. */
export type FieldProblem = {
  /** The field's label as the window shows it, e.g. `Kaseya BMS URL`. */
  readonly field: string;
  readonly message: string;
};

/** Error as it crosses a process boundary. */
export type ErrorData = {
  readonly code: ErrorCode;
  /** The whole error, each problem included, for logs and the CLI. */
  readonly message: string;
  /** Each problem of a `validation` error that lists its fields. */
  readonly problems?: readonly FieldProblem[];
};

/** Reply of every operation that crosses a process boundary. */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ErrorData };
