import { AxiosError } from 'axios';

import { ConnectorError } from '../../errors';
import { redactText } from '../../log/logger';

/** Names the remote call in error messages and log lines. */
export type RequestContext = {
  /** Product name, such as "Dark Web ID" or "Kaseya BMS". */
  readonly service: string;
  /** Short operation name, such as "listOrganizations". */
  readonly operation: string;
  /** Origin and path of the request, without the query string. */
  readonly url: string;
};

/** Max characters of a response body quoted in an error message. */
const EXCERPT_LENGTH = 160;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/**
 * Returns the start of a response body on one line, with known secrets
 * masked, for quoting in an error message.
 */
export function bodyExcerpt(text: string): string {
  const oneLine = redactText(text.replace(/\s+/g, ' ').trim());
  if (oneLine.length <= EXCERPT_LENGTH) return oneLine;
  return `${oneLine.slice(0, EXCERPT_LENGTH)}…`;
}

/**
 * Maps an error thrown by axios before any response arrived (connection
 * refused, unknown host, timeout) to a retryable ConnectorError. The message
 * carries the URL without its query and never the request headers.
 */
export function mapTransportError(
  error: unknown,
  context: RequestContext,
): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const code = error instanceof AxiosError ? error.code : undefined;
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return new ConnectorError(
      'timeout',
      `${context.service} did not answer ${context.operation} at ` +
        `${context.url} in time. Check the network, or raise the timeout ` +
        'if the server is slow.',
      { isRetryable: true },
    );
  }
  const reason = code ?? (error instanceof Error ? error.message : 'unknown');
  if (code !== undefined && NETWORK_CODES.has(code)) {
    return new ConnectorError(
      'network',
      `Could not reach ${context.service} at ${context.url} (${reason}). ` +
        'Check the URL, the DNS name and the network connection.',
      { isRetryable: true },
    );
  }
  return new ConnectorError(
    'network',
    `Request ${context.operation} to ${context.service} at ${context.url} ` +
      `failed (${redactText(reason)}). Check the URL and the network.`,
    { isRetryable: true },
  );
}

/** Builds the retryable error for an HTTP 5xx status. */
export function serverError(
  status: number,
  body: string,
  context: RequestContext,
): ConnectorError {
  const excerpt = bodyExcerpt(body);
  return new ConnectorError(
    'remote-rejected',
    `${context.service} failed ${context.operation} with HTTP ${status}` +
      `${excerpt === '' ? '' : `: ${excerpt}`}. This is a server-side ` +
      'error; it is retried later.',
    { isRetryable: true },
  );
}

/** Builds the error for a 4xx status that the caller has no rule for. */
export function unexpectedStatusError(
  status: number,
  body: string,
  context: RequestContext,
): ConnectorError {
  const excerpt = bodyExcerpt(body);
  return new ConnectorError(
    'remote-rejected',
    `${context.service} rejected ${context.operation} at ${context.url} ` +
      `with HTTP ${status}${excerpt === '' ? '' : `: ${excerpt}`}.`,
  );
}

/**
 * Parses a response body as JSON. HTML or other text raises `bad-response`,
 * because a server that sends a web page instead of JSON is almost always a
 * wrong URL or a sign-in page shown for wrong credentials.
 */
export function parseJsonBody(
  text: string,
  contentType: string | undefined,
  context: RequestContext,
): unknown {
  const trimmed = text.trimStart();
  const looksHtml =
    /^<(!doctype|html|head|body|\?xml)/i.test(trimmed) ||
    (contentType ?? '').toLowerCase().includes('text/html');
  if (!looksHtml) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Falls through to the bad-response error below.
    }
  }
  const kind = looksHtml ? 'an HTML page' : 'a body that is not JSON';
  const excerpt = bodyExcerpt(text);
  throw new ConnectorError(
    'bad-response',
    `${context.service} returned ${kind} for ${context.operation} at ` +
      `${context.url}${excerpt === '' ? '' : ` ("${excerpt}")`}. This ` +
      `usually means a wrong ${context.service} URL or wrong credentials ` +
      '(a sign-in page); check both.',
  );
}
