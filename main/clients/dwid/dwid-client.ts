import type { AxiosInstance } from 'axios';

import type { Compromise, Organization } from '../../../shared/domain';
import { ConnectorError } from '../../errors';
import { getLogger, registerSecret } from '../../log/logger';
import { createHttpClient } from '../http/create-http-client';
import {
  parseJsonBody,
  unexpectedStatusError,
  type RequestContext,
} from '../http/http-errors';
import { resolveRetryOptions } from '../http/retry-policy';
import type { ResolvedRetryOptions, RetryOptions } from '../http/retry-policy';
import { sendRequest } from '../http/send-request';
import { accessDeniedError, normaliseDwidUrl } from './dwid-errors';
import {
  envelopeSchema,
  parseCompromise,
  parseOrganization,
} from './dwid-wire';
import type { Envelope, InvalidRecord } from './dwid-wire';

export type DwidClientOptions = RetryOptions & {
  /** Dark Web ID base URL, such as https://secure.darkwebid.com. */
  readonly url: string;
  readonly username: string;
  /** The Dark Web ID password of the user, not the KaseyaOne one. */
  readonly password: string;
  /** Time allowed for each request, in milliseconds. Default 30 000. */
  readonly timeoutMs?: number;
  /** Records per page, 1 to 200 (the API maximum). Default 200. */
  readonly pageLimit?: number;
};

export type CompromisePage = {
  readonly compromises: Compromise[];
  readonly invalid: InvalidRecord[];
};

export type WalkCompromisesOptions = {
  /** Only records imported at or after `since − overlapMs` are fetched. */
  readonly since?: Date;
  /** Overlap in ms that covers late imports and clock skew. Default 2 h. */
  readonly overlapMs?: number;
};

export type WalkTotals = {
  /** Pages with at least one record. */
  readonly pages: number;
  readonly compromises: number;
  readonly invalid: number;
};

const SERVICE = 'Dark Web ID';
const MAX_PAGE_LIMIT = 200;
const DEFAULT_OVERLAP_MS = 2 * 60 * 60 * 1000;
/** Safety cap against a server that never signals the last page. */
const MAX_PAGES = 10_000;

/** Formats a date as Dark Web ID's `beginDate`: "YYYY-MM-DD HH:MM:SS" in UTC. */
export function formatBeginDate(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Client of the Dark Web ID partner API (v1, v2 for renames; HTTP Basic auth). */
export class DwidClient {
  private readonly http: AxiosInstance;
  private readonly baseUrl: string;
  private readonly username: string;
  private readonly pageLimit: number;
  private readonly retry: ResolvedRetryOptions;

  constructor(options: DwidClientOptions) {
    registerSecret(options.password);
    this.baseUrl = normaliseDwidUrl(options.url);
    this.username = options.username;
    this.pageLimit = options.pageLimit ?? MAX_PAGE_LIMIT;
    if (
      !Number.isInteger(this.pageLimit) ||
      this.pageLimit < 1 ||
      this.pageLimit > MAX_PAGE_LIMIT
    ) {
      throw new ConnectorError(
        'validation',
        `Invalid Dark Web ID page limit ${this.pageLimit}: expected a ` +
          `whole number from 1 to ${MAX_PAGE_LIMIT}.`,
      );
    }
    this.retry = resolveRetryOptions(options);
    this.http = createHttpClient({
      baseUrl: this.baseUrl,
      timeoutMs: options.timeoutMs,
      basicAuth: { username: options.username, password: options.password },
    });
  }

  /** Fetches every organization visible to the user, all pages. */
  async listOrganizations(): Promise<Organization[]> {
    const organizations: Organization[] = [];
    let invalidCount = 0;
    await this.walkPages(
      'listOrganizations',
      '/services/organization.json',
      {},
      list => {
        for (const item of list) {
          const parsed = parseOrganization(item);
          if (parsed.ok) organizations.push(parsed.value);
          else {
            invalidCount += 1;
            getLogger('http').warn(
              { service: SERVICE, ...parsed.invalid },
              'Skipped an invalid organization',
            );
          }
        }
      },
    );
    getLogger('http').debug(
      { service: SERVICE, count: organizations.length, invalidCount },
      'Listed organizations',
    );
    return organizations;
  }

  /**
   * Renames an organization (its `title` in the v1 listings). Repeating the
   * request after a timeout or 5xx is safe, because it sets a fixed name.
   */
  async renameOrganization(uuid: string, newName: string): Promise<void> {
    const path = `/services/v2/organization/${encodeURIComponent(uuid)}`;
    const context: RequestContext = {
      service: SERVICE,
      operation: 'renameOrganization',
      url: `${this.baseUrl}${path}`,
    };
    // NOTE: public material shows only that this v2 endpoint exists. The
    // body `{ "name": ... }` is a guess that no real tenant has confirmed.
    const reply = await sendRequest(
      this.http,
      { method: 'PATCH', path, data: { name: newName } },
      { context, retry: this.retry, retryTransient: true },
    );
    if (reply.status === 401 || reply.status === 403) {
      throw accessDeniedError(reply.status, this.username);
    }
    if (reply.status === 404) {
      throw new ConnectorError(
        'not-found',
        `Dark Web ID has no organization ${uuid} (HTTP 404 for ` +
          `${context.url}). Refresh the organizations; it may have been ` +
          'deleted.',
      );
    }
    if (reply.status < 200 || reply.status > 299) {
      throw unexpectedStatusError(reply.status, reply.text, context);
    }
  }

  /**
   * Fetches compromises page by page and passes each page to `onPage`, one
   * at a time: the next page is requested while `onPage` handles the
   * current one. Records that fail validation are returned in `invalid` and
   * do not stop the walk.
   */
  async walkCompromises(
    options: WalkCompromisesOptions,
    onPage: (page: CompromisePage) => Promise<void> | void,
  ): Promise<WalkTotals> {
    const query: Record<string, string> = {};
    if (options.since !== undefined) {
      query.beginDate = formatBeginDate(beginDateFor(options));
    }
    let pages = 0;
    let compromises = 0;
    let invalidCount = 0;
    await this.walkPages(
      'walkCompromises',
      '/services/compromise.json',
      query,
      async list => {
        const page: CompromisePage = { compromises: [], invalid: [] };
        for (const item of list) {
          const parsed = parseCompromise(item);
          if (parsed.ok) page.compromises.push(parsed.value);
          else page.invalid.push(parsed.invalid);
        }
        pages += 1;
        compromises += page.compromises.length;
        invalidCount += page.invalid.length;
        await onPage(page);
      },
    );
    return { pages, compromises, invalid: invalidCount };
  }

  /**
   * Requests pages 0, 1, … and passes each non-empty `list` to `onList`.
   * Stops at the page named in `last`, at an empty list, at a 404 after
   * page 0, or when a page repeats the previous one. The next page is
   * requested before `onList` handles the current one, so the server
   * prepares it while this side stores the records. When `onList` throws,
   * that request still completes (or fails) after the walk has ended. It
   * only reads, and its result is dropped.
   */
  private async walkPages(
    operation: string,
    path: string,
    query: Readonly<Record<string, string>>,
    onList: (list: unknown[]) => Promise<void> | void,
  ): Promise<void> {
    const fetchPage = (page: number): Promise<Envelope | null> => {
      const pending = this.fetchPage(operation, path, {
        ...query,
        page,
        limit: this.pageLimit,
      });
      // Awaited below unless `onList` throws first, in which case it is dropped.
      pending.catch(() => undefined);
      return pending;
    };
    let previousPage = '';
    let next = fetchPage(0);
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const envelope = await next;
      if (envelope === null || envelope.list.length === 0) return;
      const pageKey = pageFingerprint(envelope.list);
      if (pageKey === previousPage) {
        // The same records again: this server ignores the page parameter.
        getLogger('http').warn(
          { service: SERVICE, operation, page },
          'Page repeated the previous page; stopped paging',
        );
        return;
      }
      previousPage = pageKey;
      const lastPage = this.lastPageNumber(envelope);
      const hasMore = lastPage === null || page < lastPage;
      if (hasMore && page + 1 < MAX_PAGES) next = fetchPage(page + 1);
      await onList(envelope.list);
      if (!hasMore) return;
    }
    throw new ConnectorError(
      'bad-response',
      `Dark Web ID returned more than ${MAX_PAGES} pages for ${operation} ` +
        'without marking the last page; stopped to avoid an endless loop.',
    );
  }

  /** Returns the page number in the `last` link, or null if it has none. */
  private lastPageNumber(envelope: Envelope): number | null {
    if (envelope.last === null || envelope.last === undefined) return null;
    try {
      const page = new URL(envelope.last, this.baseUrl).searchParams.get(
        'page',
      );
      return page !== null && /^\d+$/.test(page) ? Number(page) : null;
    } catch {
      return null;
    }
  }

  /** Fetches one list page, or returns null for a 404 past the last page. */
  private async fetchPage(
    operation: string,
    path: string,
    query: Readonly<Record<string, string | number>>,
  ): Promise<Envelope | null> {
    const context: RequestContext = {
      service: SERVICE,
      operation,
      url: `${this.baseUrl}${path}`,
    };
    const reply = await sendRequest(
      this.http,
      { method: 'GET', path, query },
      { context, retry: this.retry, retryTransient: true },
    );
    if (reply.status === 404 && query.page !== 0) return null;
    if (reply.status === 404) {
      throw new ConnectorError(
        'not-found',
        `Dark Web ID returned HTTP 404 for ${context.url}. Check the Dark ` +
          'Web ID URL; it is usually https://secure.darkwebid.com.',
      );
    }
    if (reply.status === 401 || reply.status === 403) {
      throw accessDeniedError(reply.status, this.username);
    }
    if (reply.status < 200 || reply.status > 299) {
      throw unexpectedStatusError(reply.status, reply.text, context);
    }
    const body = parseJsonBody(reply.text, reply.contentType, context);
    const envelope = envelopeSchema.safeParse(body);
    if (!envelope.success) {
      throw new ConnectorError(
        'bad-response',
        `Dark Web ID returned JSON without a "list" array for ${operation} ` +
          `at ${context.url}. Check that the URL points at the Dark Web ID ` +
          'API, usually https://secure.darkwebid.com.',
      );
    }
    return envelope.data;
  }
}

function beginDateFor(options: WalkCompromisesOptions): Date {
  const since = options.since as Date;
  const overlapMs = options.overlapMs ?? DEFAULT_OVERLAP_MS;
  if (Number.isNaN(since.getTime()) || !(overlapMs >= 0)) {
    throw new ConnectorError(
      'validation',
      'Invalid compromise walk start: `since` must be a valid date and ' +
        '`overlapMs` a number of 0 or more.',
    );
  }
  return new Date(since.getTime() - overlapMs);
}

/**
 * Identifies a page by the uuid of each record, or by the whole record when
 * it has no uuid. A server that ignores `page` returns the same records
 * again, so an equal key means the walk would never end. Comparing uuids
 * keeps the check cheap on pages of 200.
 */
function pageFingerprint(list: readonly unknown[]): string {
  return JSON.stringify(
    list.map(item => {
      const uuid: unknown =
        typeof item === 'object' && item !== null
          ? (item as { uuid?: unknown }).uuid
          : undefined;
      return typeof uuid === 'string' ? uuid : item;
    }),
  );
}
