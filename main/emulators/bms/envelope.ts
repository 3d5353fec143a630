import { sendJson, type Exchange } from '../http-server';

/**
 * Error code of BMS "Security Error" responses to a missing, invalid or
 * expired token, as a third-party client reports it.
 */
export const SECURITY_ERROR_CODE = 978001;

/**
 * Error code for validation and business-rule failures.
 * NOTE: the vendor document lists no codes, so this value is the
 * emulator's own choice.
 */
export const VALIDATION_ERROR_CODE = 400;

export type EnvelopeError = {
  readonly code: number;
  readonly message: string;
  readonly details?: string | null;
  readonly subErrors?: readonly string[] | null;
};

/** Sends `{ success: true, error: null, result }` with HTTP 200. */
export function sendResult(
  exchange: Exchange,
  result: unknown,
  totalRecords?: number,
): void {
  const body: Record<string, unknown> = { success: true, error: null, result };
  if (totalRecords !== undefined) body.totalRecords = totalRecords;
  sendJson(exchange, 200, body);
}

/** Sends `{ success: false, error, result: null }` with `httpStatus`. */
export function sendFailure(
  exchange: Exchange,
  httpStatus: number,
  error: EnvelopeError,
  headers: Record<string, string> = {},
): void {
  sendJson(
    exchange,
    httpStatus,
    {
      success: false,
      error: {
        code: error.code,
        message: error.message,
        details: error.details ?? null,
        stackStrace: null,
        subErrors: error.subErrors ?? null,
      },
      result: null,
    },
    headers,
  );
}

/** Sends the HTTP 401 "Security Error" of a rejected bearer token. */
export function sendSecurityError(exchange: Exchange, details: string): void {
  sendFailure(exchange, 401, {
    code: SECURITY_ERROR_CODE,
    message: 'Security Error',
    details,
  });
}
