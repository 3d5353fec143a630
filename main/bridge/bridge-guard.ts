import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import type { ErrorData } from '../../shared/errors';

/** Reason and HTTP status of a rejected bridge request. */
export type Rejection = { readonly status: number; readonly error: ErrorData };

/**
 * Checks that a request comes from this machine's page and carries the
 * token. The Host check stops DNS rebinding, where a foreign name resolves to
 * 127.0.0.1. The Origin check stops other pages open in the browser, and the
 * token stops other local programs and users.
 */
export function checkRequest(
  request: IncomingMessage,
  port: number,
  token: string | null,
): Rejection | null {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowedHosts.includes(request.headers.host ?? '')) {
    return reject(403, 'permission-denied', 'Unknown Host header.');
  }
  const origin = request.headers.origin;
  if (
    origin !== undefined &&
    !allowedHosts.some(host => origin === `http://${host}`)
  ) {
    return reject(
      403,
      'permission-denied',
      'Requests from other web pages are not accepted.',
    );
  }
  if (token !== null && !hasToken(request, token)) {
    return reject(
      401,
      'auth-failed',
      'Missing or wrong bearer token: open the URL that `dwid-bms serve` printed.',
    );
  }
  return null;
}

function hasToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer (\S+)$/.exec(header);
  if (match?.[1] === undefined) return false;
  const presented = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  // Constant-time comparison, so response times do not reveal the token.
  return (
    presented.length === expected.length && timingSafeEqual(presented, expected)
  );
}

function reject(
  status: number,
  code: ErrorData['code'],
  message: string,
): Rejection {
  return { status, error: { code, message } };
}
