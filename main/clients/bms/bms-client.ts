import type { AxiosInstance } from 'axios';
import { z } from 'zod';

import { ConnectorError } from '../../errors';
import { getLogger, registerSecret } from '../../log/logger';
import { createHttpClient } from '../http/create-http-client';
import type { RequestContext } from '../http/http-errors';
import { resolveRetryOptions } from '../http/retry-policy';
import type { ResolvedRetryOptions, RetryOptions } from '../http/retry-policy';
import { sendRequest } from '../http/send-request';
import type { HttpReply, HttpRequest } from '../http/send-request';
import { deriveApiBaseUrl } from './api-base-url';
import { readReply, withDuplicateWarning } from './bms-response';
import type { Unwrapped } from './bms-response';
import { BmsTokenProvider } from './bms-token-provider';
import {
  endpointBudget,
  KASEYA_BMS_BUDGET,
  type RateBudget,
} from './request-budget';
import {
  accountSchema,
  accountSummarySchema,
  locationSchema,
  lookupSchema,
  parseWire,
  readCreatedTicket,
  ticketListItemSchema,
} from './bms-wire';
import type { Account, Location, LookupItem, RenamedAccount } from './bms-wire';
import type {
  CreatedTicket,
  TicketInputDto,
  TicketSummary,
} from './ticket-input-dto';

export type { Account, Location, LookupItem, RenamedAccount } from './bms-wire';

/** One report per logical request, for health tracking. */
export type RequestOutcome = {
  readonly operation: string;
  /** `throttled` is sent for each HTTP 429 wait and is not a failure. */
  readonly outcome: 'success' | 'failure' | 'throttled';
  /** The error raised to the caller, for `failure` only. */
  readonly error?: ConnectorError;
};

export type BmsClientOptions = RetryOptions & {
  /** API base URL. A BMS web address is converted by deriveApiBaseUrl. */
  readonly apiBaseUrl: string;
  readonly username: string;
  readonly password: string;
  /** Company name exactly as BMS shows it under My Settings. */
  readonly tenant: string;
  /** Time allowed for each request, in milliseconds. Default 30 000. */
  readonly timeoutMs?: number;
  readonly onRequestOutcome?: (outcome: RequestOutcome) => void;
  /** Clock in ms since the epoch, for token expiry. Default Date.now. */
  readonly now?: () => number;
  /**
   * Calls per endpoint to stay within, or null for none. Default: the
   * published 1,500 calls per hour. A call that would wait longer than
   * `retryMaxMs` for its slot raises `rate-limited` instead.
   */
  readonly budget?: RateBudget | null;
};

const SERVICE = 'Kaseya BMS';
const ACCOUNT_PAGE_SIZE = 100;
const TICKET_PAGE_SIZE = 50;
/** Safety caps against a server that never returns an empty page. */
const MAX_ACCOUNT_PAGES = 1000;
const MAX_TICKET_PAGES = 100;

/** Converts the unwrapped `result` of a response to the returned value. */
type ReadResult<T> = (unwrapped: Unwrapped, context: RequestContext) => T;

type CallOptions = {
  /** False when repeating the request could create a duplicate. */
  readonly retryTransient: boolean;
};

/** Client of the Kaseya BMS REST API v2 (bearer token from a password). */
export class BmsClient {
  private readonly http: AxiosInstance;
  private readonly baseUrl: string;
  private readonly retry: ResolvedRetryOptions;
  private readonly tokens: BmsTokenProvider;
  private readonly onRequestOutcome: (outcome: RequestOutcome) => void;
  private readonly now: () => number;
  private readonly budget: RateBudget | null;
  private readonly accountKey: string;

  constructor(options: BmsClientOptions) {
    registerSecret(options.password);
    this.baseUrl = deriveApiBaseUrl(options.apiBaseUrl);
    this.retry = resolveRetryOptions(options);
    this.now = options.now ?? Date.now;
    this.budget =
      options.budget === undefined ? KASEYA_BMS_BUDGET : options.budget;
    this.accountKey = `${this.baseUrl}|${options.tenant}|${options.username}`;
    this.onRequestOutcome = options.onRequestOutcome ?? (() => undefined);
    this.http = createHttpClient({
      baseUrl: this.baseUrl,
      timeoutMs: options.timeoutMs,
    });
    this.tokens = new BmsTokenProvider({
      http: this.http,
      baseUrl: this.baseUrl,
      credentials: options,
      retry: this.retry,
      now: this.now,
      onThrottled: () => this.report('authenticate', 'throttled'),
    });
  }

  /**
   * Lists CRM accounts, 100 per page from page 1 until a page is empty.
   * A short page is not taken as the end because BMS may cap the page size.
   */
  async listAccounts(): Promise<Account[]> {
    const byId = new Map<number, Account>();
    for (let page = 1; page <= MAX_ACCOUNT_PAGES; page += 1) {
      const operation = 'listAccounts';
      const accounts = await this.get(
        operation,
        {
          path: '/v2/crm/accounts/lookup',
          query: { PageSize: ACCOUNT_PAGE_SIZE, PageNumber: page },
        },
        ({ result }, context) =>
          parseWire(
            z.array(accountSchema),
            result ?? [],
            context,
            'account list',
          ),
      );
      if (accounts.length === 0) return [...byId.values()];
      const sizeBefore = byId.size;
      for (const account of accounts) {
        if (!byId.has(account.id)) byId.set(account.id, account);
      }
      if (byId.size === sizeBefore) {
        // The same accounts again: this server ignores PageNumber.
        getLogger('http').warn(
          { service: SERVICE, operation, page },
          'Account page repeated earlier accounts; stopped paging',
        );
        return [...byId.values()];
      }
    }
    throw new ConnectorError(
      'bad-response',
      `Kaseya BMS returned ${MAX_ACCOUNT_PAGES} pages of accounts ` +
        `(${byId.size} accounts) without reaching the end. The connector ` +
        `reads at most ${MAX_ACCOUNT_PAGES} pages and keeps the accounts ` +
        'it cached before, if any.',
    );
  }

  /** Lists the locations of one CRM account. */
  async listLocations(accountId: number): Promise<Location[]> {
    assertId(accountId, 'account id');
    const locations = await this.get(
      'listLocations',
      { path: `/v2/crm/accounts/${accountId}/locations/lookup` },
      ({ result }, context) =>
        parseWire(
          z.array(locationSchema),
          result ?? [],
          context,
          'location list',
        ),
    );
    return locations.map(location => ({
      id: location.id,
      name: location.name,
      accountId: location.accountid ?? accountId,
      isMain: location.ismain ?? false,
    }));
  }

  /** Returns the main location of an account, else its first location. */
  async mainLocationId(accountId: number): Promise<number> {
    const locations = await this.listLocations(accountId);
    const chosen = locations.find(location => location.isMain) ?? locations[0];
    if (chosen === undefined) {
      throw new ConnectorError(
        'not-found',
        `Kaseya BMS account ${accountId} has no locations. Add a location ` +
          'to the account in BMS, because every ticket needs one.',
      );
    }
    return chosen.id;
  }

  /**
   * Renames a CRM account with a JSON Patch (RFC 6902) `replace` of
   * `/AccountName`. Repeating it after a timeout or 5xx is safe, because
   * replacing a value with the same value changes nothing.
   */
  async renameAccount(
    accountId: number,
    newName: string,
  ): Promise<RenamedAccount> {
    assertId(accountId, 'account id');
    return this.call(
      'renameAccount',
      {
        method: 'PATCH',
        path: `/v2/crm/accounts/${accountId}`,
        data: [{ op: 'replace', path: '/AccountName', value: newName }],
        // The first request content type that the vendor document lists
        // for PatchAccount.
        headers: { 'Content-Type': 'application/json-patch+json' },
      },
      { retryTransient: true },
      ({ result }, context) =>
        parseWire(accountSummarySchema, result, context, 'account'),
    );
  }

  listStatuses(): Promise<LookupItem[]> {
    return this.listLookup('listStatuses', 'statuses');
  }

  listPriorities(): Promise<LookupItem[]> {
    return this.listLookup('listPriorities', 'priorities');
  }

  listQueues(): Promise<LookupItem[]> {
    return this.listLookup('listQueues', 'queues');
  }

  /**
   * Creates a service ticket. The POST is never repeated after a timeout or
   * 5xx, because BMS has no idempotency key and a repeat could create a
   * duplicate. Only a 401 (request not processed) or a 429 leads to a
   * second attempt.
   */
  async createTicket(dto: TicketInputDto): Promise<CreatedTicket> {
    try {
      return await this.call(
        'createTicket',
        { method: 'POST', path: '/v2/servicedesk/tickets', data: dto },
        { retryTransient: false },
        ({ result }, context) => readCreatedTicket(result, context),
      );
    } catch (error) {
      throw withDuplicateWarning(error);
    }
  }

  /** Finds tickets whose details contain `text`, all pages. */
  async findTicketsByDetails(text: string): Promise<TicketSummary[]> {
    const tickets: TicketSummary[] = [];
    for (let page = 1; page <= MAX_TICKET_PAGES; page += 1) {
      const { items, totalRecords } = await this.get(
        'findTicketsByDetails',
        {
          path: '/v2/servicedesk/tickets',
          query: {
            'Filter.Details': text,
            PageSize: TICKET_PAGE_SIZE,
            PageNumber: page,
          },
        },
        ({ result, totalRecords }, context) => ({
          items: parseWire(
            z.array(ticketListItemSchema),
            result ?? [],
            context,
            'ticket list',
          ),
          totalRecords,
        }),
      );
      tickets.push(...items);
      const isLast =
        items.length === 0 ||
        (totalRecords !== null
          ? page * TICKET_PAGE_SIZE >= totalRecords
          : items.length < TICKET_PAGE_SIZE);
      if (isLast) return tickets;
    }
    throw new ConnectorError(
      'bad-response',
      `Kaseya BMS returned more than ${MAX_TICKET_PAGES} pages of tickets ` +
        'for one search; stopped to avoid an endless loop.',
    );
  }

  private async listLookup(
    operation: string,
    table: 'statuses' | 'priorities' | 'queues',
  ): Promise<LookupItem[]> {
    return this.get(
      operation,
      { path: `/v2/system/${table}/lookup` },
      ({ result }, context) =>
        parseWire(z.array(lookupSchema), result ?? [], context, table),
    );
  }

  private get<T>(
    operation: string,
    request: Omit<HttpRequest, 'method'>,
    read: ReadResult<T>,
  ): Promise<T> {
    return this.call(
      operation,
      { ...request, method: 'GET' },
      { retryTransient: true },
      read,
    );
  }

  /**
   * Sends one logical request with a bearer token, reads its result with
   * `read`, and reports the outcome once: success, or failure with the error
   * after all retries (throttled when the 429 waits ran out). A result that
   * `read` rejects counts as a failure.
   */
  private async call<T>(
    operation: string,
    request: HttpRequest,
    options: CallOptions,
    read: ReadResult<T>,
  ): Promise<T> {
    const context: RequestContext = {
      service: SERVICE,
      operation,
      url: `${this.baseUrl}${request.path}`,
    };
    try {
      if (this.budget !== null) {
        // NOTE: the budget lives in this process only, so calls made by
        // another process on the same account are not counted here.
        await endpointBudget(this.accountKey, operation, this.budget).acquire(
          this.retry.retryMaxMs,
        );
      }
      const reply = await this.sendAuthorized(request, context, options);
      const value = read(readReply(reply, context), context);
      this.report(operation, 'success');
      return value;
    } catch (error) {
      const failure =
        error instanceof ConnectorError
          ? error
          : new ConnectorError(
              'internal',
              `Kaseya BMS ${operation} failed unexpectedly: ${String(error)}`,
              { cause: error },
            );
      // Throttling is BMS pacing us, not BMS failing: it never counts
      // towards unhealthy, even once the waits are used up.
      const outcome = failure.code === 'rate-limited' ? 'throttled' : 'failure';
      this.report(operation, outcome, failure);
      throw failure;
    }
  }

  /**
   * Sends the request with the current token. After a 401 it signs in again
   * and repeats the request once. A second 401 raises `auth-failed`.
   */
  private async sendAuthorized(
    request: HttpRequest,
    context: RequestContext,
    options: CallOptions,
  ): Promise<HttpReply> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.tokens.getToken();
      const reply = await sendRequest(
        this.http,
        {
          ...request,
          headers: { ...request.headers, Authorization: `Bearer ${token}` },
        },
        {
          context,
          retry: this.retry,
          retryTransient: options.retryTransient,
          onThrottled: () => this.report(context.operation, 'throttled'),
          now: this.now,
        },
      );
      if (reply.status !== 401) return reply;
      this.tokens.invalidate(token);
      if (attempt >= 1) {
        throw new ConnectorError(
          'auth-failed',
          `Kaseya BMS rejected a new access token for ${context.operation} ` +
            '(HTTP 401 twice). Check that the user still has the "Has API ' +
            'Access" security right and the rights for this operation.',
        );
      }
      getLogger('http').info(
        { service: SERVICE, operation: context.operation },
        'Access token rejected with HTTP 401; signing in again',
      );
    }
  }

  private report(
    operation: string,
    outcome: RequestOutcome['outcome'],
    error?: ConnectorError,
  ): void {
    this.onRequestOutcome(
      error === undefined
        ? { operation, outcome }
        : { operation, outcome, error },
    );
  }
}

function assertId(value: number, label: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new ConnectorError(
      'validation',
      `Invalid ${label} ${String(value)}: expected a whole number of 1 or more.`,
    );
  }
}
