import { setTimeout as sleep } from 'node:timers/promises';

import type { AxiosInstance } from 'axios';

import { ConnectorError } from '../../errors';
import { getLogger } from '../../log/logger';
import { mapTransportError, serverError } from './http-errors';
import type { RequestContext } from './http-errors';
import { backoffDelayMs, parseRetryAfterMs } from './retry-policy';
import type { ResolvedRetryOptions } from './retry-policy';

export type HttpRequest = {
  readonly method: 'GET' | 'POST' | 'PATCH';
  /** Path below the base URL, starting with `/`. */
  readonly path: string;
  /** Query parameters, sent in this order. */
  readonly query?: Readonly<Record<string, string | number>>;
  /** JSON value, or URLSearchParams for a form body. */
  readonly data?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
};

/** A response with any status except 429 and 5xx, which are handled here. */
export type HttpReply = {
  readonly status: number;
  readonly text: string;
  readonly contentType: string | undefined;
};

export type SendPolicy = {
  readonly context: RequestContext;
  readonly retry: ResolvedRetryOptions;
  /**
   * Whether a network error, timeout or 5xx may be retried. False for
   * requests that could take effect twice, such as creating a ticket.
   */
  readonly retryTransient: boolean;
  /** Called before each wait caused by HTTP 429, with the wait in ms. */
  readonly onThrottled?: (delayMs: number) => void;
  /** Clock for `Retry-After` dates, in ms since the epoch. */
  readonly now?: () => number;
};

type Attempt =
  | { readonly kind: 'reply'; readonly reply: HttpReply; retryAfter?: string }
  | { readonly kind: 'error'; readonly error: ConnectorError };

/** Builds `path?query` with URLSearchParams encoding. */
export function buildUrl(request: HttpRequest): string {
  if (request.query === undefined) return request.path;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query)) {
    query.append(key, String(value));
  }
  return `${request.path}?${query.toString()}`;
}

async function attemptOnce(
  http: AxiosInstance,
  request: HttpRequest,
  context: RequestContext,
): Promise<Attempt> {
  try {
    const response = await http.request<string>({
      method: request.method,
      url: buildUrl(request),
      data: request.data,
      headers: request.headers,
    });
    const header = (name: string): string | undefined => {
      const value: unknown = response.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const text = typeof response.data === 'string' ? response.data : '';
    return {
      kind: 'reply',
      reply: {
        status: response.status,
        text,
        contentType: header('content-type'),
      },
      retryAfter: header('retry-after'),
    };
  } catch (error) {
    return { kind: 'error', error: mapTransportError(error, context) };
  }
}

function rateLimitedError(
  context: RequestContext,
  detail: string,
): ConnectorError {
  return new ConnectorError(
    'rate-limited',
    `${context.service} kept rejecting ${context.operation} with HTTP 429 ` +
      `(too many requests): ${detail}. The request is retried later; ` +
      'lower the polling frequency if this repeats.',
    { isRetryable: true },
  );
}

/** Returns the wait before the next attempt after a 429, or throws. */
function throttleDelayMs(
  throttles: number,
  retryAfter: string | undefined,
  policy: SendPolicy,
): number {
  const { retry, context } = policy;
  if (throttles >= retry.maxThrottleRetries) {
    throw rateLimitedError(context, `gave up after ${throttles} waits`);
  }
  const now = policy.now ?? Date.now;
  const requested = parseRetryAfterMs(retryAfter, now());
  if (requested === null) return backoffDelayMs(throttles, retry);
  if (requested > retry.retryMaxMs) {
    throw rateLimitedError(
      context,
      `the server asked to wait ${Math.ceil(requested / 1000)} s, longer ` +
        `than the ${Math.ceil(retry.retryMaxMs / 1000)} s limit`,
    );
  }
  return requested;
}

/**
 * Sends one logical request. HTTP 429 is waited out (Retry-After, else
 * backoff) and does not count as a failure. Network errors, timeouts and
 * 5xx statuses are retried with backoff when `policy.retryTransient` is set,
 * then raised. Every other status is returned for the caller to interpret.
 */
export async function sendRequest(
  http: AxiosInstance,
  request: HttpRequest,
  policy: SendPolicy,
): Promise<HttpReply> {
  const { context, retry } = policy;
  const log = getLogger('http');
  let throttles = 0;
  let transientFailures = 0;
  for (;;) {
    const attempt = await attemptOnce(http, request, context);
    if (attempt.kind === 'reply' && attempt.reply.status === 429) {
      const delayMs = throttleDelayMs(throttles, attempt.retryAfter, policy);
      throttles += 1;
      log.warn(
        { ...context, status: 429, delayMs, wait: throttles },
        'Rate limited; waiting before sending the request again',
      );
      policy.onThrottled?.(delayMs);
      await sleep(delayMs);
      continue;
    }
    if (attempt.kind === 'reply' && attempt.reply.status < 500) {
      return attempt.reply;
    }
    const failure =
      attempt.kind === 'error'
        ? attempt.error
        : serverError(attempt.reply.status, attempt.reply.text, context);
    if (
      !policy.retryTransient ||
      transientFailures >= retry.maxTransientRetries
    ) {
      throw failure;
    }
    const delayMs = backoffDelayMs(transientFailures, retry);
    transientFailures += 1;
    log.warn(
      { ...context, code: failure.code, delayMs, retry: transientFailures },
      'Request failed; retrying after a delay',
    );
    await sleep(delayMs);
  }
}
