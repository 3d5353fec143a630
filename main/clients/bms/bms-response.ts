import { z } from 'zod';

import { ConnectorError } from '../../errors';
import { redactText } from '../../log/logger';
import {
  parseJsonBody,
  unexpectedStatusError,
  type RequestContext,
} from '../http/http-errors';
import type { HttpReply } from '../http/send-request';

/** Max characters kept of each text that BMS sends in an error. */
const PART_LENGTH = 300;
/** Max sub-errors quoted in a message. */
const MAX_SUB_ERRORS = 5;

/**
 * Returns a copy of a JSON value with every object key lower-cased, at any
 * depth. BMS writes camelCase on the wire while its OpenAPI document uses
 * PascalCase. The zod schemas of this client use lower-case keys, so both
 * spellings parse.
 */
export function lowerCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerCaseKeys);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key.toLowerCase()] = lowerCaseKeys(item);
  }
  return copy;
}

const errorInfoSchema = z.object({
  code: z.union([z.number(), z.string()]).nullish(),
  message: z.string().nullish(),
  details: z.string().nullish(),
  suberrors: z.array(z.unknown()).nullish(),
});

/** Error that BMS reported with `success: false`. */
export class BmsRejectedError extends ConnectorError {
  /** `error.message` of the response, or '' when absent. */
  readonly remoteMessage: string;
  /** `error.details` of the response, or '' when absent. */
  readonly remoteDetails: string;
  /** `error.subErrors`, each rendered as one line of text. */
  readonly subErrors: readonly string[];

  constructor(
    context: RequestContext,
    status: number,
    info: z.infer<typeof errorInfoSchema>,
  ) {
    const remoteMessage = clip(info.message ?? '');
    const remoteDetails = clip(info.details ?? '');
    const subErrors = (info.suberrors ?? []).map(describeSubError);
    // BMS often repeats one text in message, details and sub-errors: quote
    // each distinct text once, without its trailing full stop.
    const seen = new Set<string>();
    const isNew = (part: string) => {
      const key = part.replace(/\.+$/, '');
      if (key === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    };
    const parts = [remoteMessage, remoteDetails]
      .filter(isNew)
      .map(part => part.replace(/\.+$/, ''));
    const newSubErrors = subErrors
      .filter(isNew)
      .map(part => part.replace(/\.+$/, ''));
    const quotedSubErrors = newSubErrors.slice(0, MAX_SUB_ERRORS);
    if (newSubErrors.length > quotedSubErrors.length) {
      quotedSubErrors.push(
        `and ${newSubErrors.length - quotedSubErrors.length} more`,
      );
    }
    super(
      'remote-rejected',
      `Kaseya BMS rejected ${context.operation} (HTTP ${status}): ` +
        `${parts.length > 0 ? parts.join(' - ') : 'no error message given'}` +
        `${quotedSubErrors.length > 0 ? `. Sub-errors: ${quotedSubErrors.join('; ')}` : ''}.`,
    );
    this.remoteMessage = remoteMessage;
    this.remoteDetails = remoteDetails;
    this.subErrors = subErrors;
  }
}

function clip(text: string): string {
  const oneLine = redactText(text.replace(/\s+/g, ' ').trim());
  return oneLine.length > PART_LENGTH
    ? `${oneLine.slice(0, PART_LENGTH)}…`
    : oneLine;
}

function describeSubError(item: unknown): string {
  if (typeof item === 'string') return clip(item);
  const parsed = z
    .object({
      field: z.string().nullish(),
      propertyname: z.string().nullish(),
      message: z.string().nullish(),
      details: z.string().nullish(),
    })
    .safeParse(item);
  if (parsed.success) {
    const field = parsed.data.field ?? parsed.data.propertyname;
    const text = parsed.data.message ?? parsed.data.details;
    if (text !== null && text !== undefined) {
      return clip(field ? `${field}: ${text}` : text);
    }
  }
  return clip(JSON.stringify(item) ?? '');
}

export type Unwrapped = {
  readonly result: unknown;
  /** `totalRecords` of a paged response, or null when absent. */
  readonly totalRecords: number | null;
};

/**
 * Returns the `result` of a BMS response whose keys are already lower-case.
 * The envelope `{success, error, result, totalRecords}` is removed. A body
 * without `success` or `result` is the unwrapped form that some endpoints
 * use and is returned whole. Throws BmsRejectedError when `success` is not
 * true.
 */
export function unwrapEnvelope(
  body: unknown,
  status: number,
  context: RequestContext,
): Unwrapped {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { result: body, totalRecords: null };
  }
  const record = body as Record<string, unknown>;
  if (!('success' in record) && !('result' in record)) {
    return { result: body, totalRecords: null };
  }
  if ('success' in record && record.success !== true) {
    const info = errorInfoSchema.safeParse(record.error ?? {});
    throw new BmsRejectedError(context, status, info.success ? info.data : {});
  }
  const total = record.totalrecords;
  return {
    result: record.result,
    totalRecords: typeof total === 'number' ? total : null,
  };
}

/**
 * Interprets a BMS reply that is not 401, 429 or 5xx. HTTP 400 often carries
 * the usual `success: false` envelope, so its message is used when present.
 */
export function readReply(
  reply: HttpReply,
  context: RequestContext,
): Unwrapped {
  const { status } = reply;
  if (status === 400) {
    let body: unknown;
    try {
      body = lowerCaseKeys(JSON.parse(reply.text) as unknown);
    } catch {
      throw unexpectedStatusError(status, reply.text, context);
    }
    unwrapEnvelope(body, status, context);
    throw unexpectedStatusError(status, reply.text, context);
  }
  if (status === 403) {
    throw new ConnectorError(
      'permission-denied',
      `Kaseya BMS denied ${context.operation} (HTTP 403). Give the BMS user ` +
        'the security rights for it: Service Desk tickets View and Modify, ' +
        'and CRM accounts View.',
    );
  }
  if (status === 404) {
    throw new ConnectorError(
      'not-found',
      `Kaseya BMS returned HTTP 404 for ${context.url}. Check the BMS URL ` +
        'and region, and that the record still exists.',
    );
  }
  if (status < 200 || status > 299) {
    throw unexpectedStatusError(status, reply.text, context);
  }
  const body = parseJsonBody(reply.text, reply.contentType, context);
  return unwrapEnvelope(lowerCaseKeys(body), status, context);
}

/**
 * Adds to a createTicket error that the ticket may exist, when the request
 * may have reached BMS: a timeout, a 5xx or a malformed success response.
 */
export function withDuplicateWarning(error: unknown): unknown {
  if (!(error instanceof ConnectorError)) return error;
  const isAmbiguous =
    error.code === 'timeout' ||
    error.code === 'bad-response' ||
    (error.code === 'remote-rejected' && error.isRetryable);
  if (!isAmbiguous) return error;
  return new ConnectorError(
    error.code,
    `${error.message} The ticket may have been created anyway; search BMS ` +
      'for it before sending it again.',
    { isRetryable: error.isRetryable, cause: error },
  );
}
