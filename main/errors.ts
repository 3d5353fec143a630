import type { ErrorCode, ErrorData } from '../shared/errors';

/**
 * Error raised inside the main process. It carries a stable code so that it
 * can cross a process boundary as data (see `toErrorData`).
 */
export class ConnectorError extends Error {
  readonly code: ErrorCode;
  /** True when the same request may succeed later (network, 5xx, 429). */
  readonly isRetryable: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    options: { isRetryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ConnectorError';
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
  }
}

/** Converts any thrown value to the `{ code, message }` that crosses processes. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof ConnectorError) {
    return { code: error.code, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}
