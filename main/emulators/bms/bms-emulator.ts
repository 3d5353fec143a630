import { FaultController } from '../faults';
import {
  applySlowFault,
  BodyTooLargeError,
  openExchange,
  RESPONSE_FAULT_KINDS,
  sendFaultResponse,
  startHttpServer,
  stopHttpServer,
  type Exchange,
  type RequestLogEntry,
} from '../http-server';
import { DEFAULT_TOKEN_TTL_MS, readBearerToken, TokenStore } from './bms-auth';
import { matchRoute, type BmsContext, type BmsRoute } from './bms-routes';
import type {
  BmsAccount,
  BmsLocation,
  BmsPriority,
  BmsQueue,
  BmsStatus,
  BmsUser,
  FieldMaxLengths,
  RejectedTicket,
  RequestBudget,
  StoredTicket,
} from './bms-types';
import {
  sendFailure,
  sendSecurityError,
  VALIDATION_ERROR_CODE,
} from './envelope';
import { RequestBudgetTracker } from './request-budget';

export type BmsFaultKind =
  | 'server-error'
  | 'rate-limit'
  | 'expire-token'
  | 'slow'
  | 'drop-after-store'
  | 'hang-after-store'
  | 'malformed-json'
  | 'html';

export const BMS_FAULT_KINDS: readonly BmsFaultKind[] = [
  'server-error',
  'rate-limit',
  'expire-token',
  'slow',
  'drop-after-store',
  'hang-after-store',
  'malformed-json',
  'html',
];

export const DEFAULT_MAX_PAGE_SIZE = 100;

export const DEFAULT_FIELD_MAX_LENGTHS: FieldMaxLengths = {
  Title: 255,
  Details: 8000,
};

export type BmsEmulatorOptions = {
  readonly users: readonly BmsUser[];
  readonly accounts?: readonly BmsAccount[];
  readonly locations?: readonly BmsLocation[];
  readonly statuses?: readonly BmsStatus[];
  readonly priorities?: readonly BmsPriority[];
  readonly queues?: readonly BmsQueue[];
  /** Access-token lifetime in milliseconds, one hour if absent. */
  readonly tokenTtlMs?: number;
  /** Largest PageSize served. Larger requests are capped silently. */
  readonly maxPageSize?: number;
  readonly fieldMaxLengths?: Partial<FieldMaxLengths>;
  /** Per-endpoint request budget, unlimited if absent. */
  readonly budget?: RequestBudget;
  /** Port on 127.0.0.1. The default, 0, picks a free one. */
  readonly port?: number;
};

export type BmsEmulator = {
  /** Base URL, `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly tickets: readonly StoredTicket[];
  readonly rejected: readonly RejectedTicket[];
  /** Accounts as stored now, renames included. */
  readonly accounts: readonly BmsAccount[];
  readonly requests: readonly RequestLogEntry[];
  readonly faults: FaultController<BmsFaultKind>;
  addAccounts(accounts: readonly BmsAccount[]): void;
  addLocations(locations: readonly BmsLocation[]): void;
  /** Invalidates every access token issued so far. */
  expireTokens(): void;
  close(): Promise<void>;
};

type BmsRuntime = {
  readonly context: BmsContext & {
    readonly accounts: BmsAccount[];
    readonly locations: BmsLocation[];
  };
  readonly faults: FaultController<BmsFaultKind>;
  readonly budget: RequestBudgetTracker | undefined;
};

/** Starts a Kaseya BMS REST API v2 emulator on 127.0.0.1. */
export async function startBmsEmulator(
  options: BmsEmulatorOptions,
): Promise<BmsEmulator> {
  const runtime = createRuntime(options);
  const requests: RequestLogEntry[] = [];
  const running = await startHttpServer(options.port ?? 0, (req, res) =>
    handleBmsRequest(runtime, openExchange(req, res, running.url, requests)),
  );
  const { context } = runtime;
  return {
    url: running.url,
    port: running.port,
    tickets: context.tickets,
    rejected: context.rejected,
    accounts: context.accounts,
    requests,
    faults: runtime.faults,
    addAccounts: accounts => context.accounts.push(...accounts),
    addLocations: locations => context.locations.push(...locations),
    expireTokens: () => context.tokens.expireAll(),
    close: () => stopHttpServer(running.server),
  };
}

function createRuntime(options: BmsEmulatorOptions): BmsRuntime {
  const faults = new FaultController(BMS_FAULT_KINDS);
  return {
    faults,
    budget:
      options.budget === undefined
        ? undefined
        : new RequestBudgetTracker(options.budget),
    context: {
      users: options.users,
      tenant: options.users[0]?.tenant ?? '',
      tokens: new TokenStore(options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS),
      accounts: [...(options.accounts ?? [])],
      locations: [...(options.locations ?? [])],
      statuses: options.statuses ?? [],
      priorities: options.priorities ?? [],
      queues: options.queues ?? [],
      maxPageSize: options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE,
      fieldMaxLengths: {
        ...DEFAULT_FIELD_MAX_LENGTHS,
        ...options.fieldMaxLengths,
      },
      tickets: [],
      rejected: [],
      faults,
    },
  };
}

async function handleBmsRequest(
  runtime: BmsRuntime,
  exchange: Exchange,
): Promise<void> {
  if (await applyFaults(runtime, exchange)) return;
  const { method, path } = exchange.entry;
  const match = matchRoute(method, path);
  if (match === undefined || match === 'methodMismatch') {
    sendFailure(exchange, match === undefined ? 404 : 405, {
      code: VALIDATION_ERROR_CODE,
      message: `No route for ${method} ${path}`,
    });
    return;
  }
  if (isOverBudget(runtime, exchange, match.route)) return;
  if (match.route.authenticated && !hasValidToken(runtime, exchange)) return;
  try {
    await match.route.handle(exchange, runtime.context, match.pathId);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    sendFailure(exchange, 413, {
      code: VALIDATION_ERROR_CODE,
      message: error.message,
    });
  }
}

/**
 * Applies the armed faults that match the request and returns whether one
 * of them already sent the response.
 */
async function applyFaults(
  runtime: BmsRuntime,
  exchange: Exchange,
): Promise<boolean> {
  const { method, path } = exchange.entry;
  const target = path + exchange.url.search;
  const slow = runtime.faults.take(method, target, ['slow']);
  if (slow !== undefined) await applySlowFault(slow);
  if (runtime.faults.take(method, target, ['expire-token']) !== undefined) {
    runtime.context.tokens.expireAll();
  }
  const fault = runtime.faults.take(method, target, RESPONSE_FAULT_KINDS);
  return fault !== undefined && sendFaultResponse(exchange, fault);
}

/** Counts the request against its endpoint and sends 429 when over budget. */
function isOverBudget(
  runtime: BmsRuntime,
  exchange: Exchange,
  route: BmsRoute,
): boolean {
  const retryAfterSeconds = runtime.budget?.consume(
    `${route.method} ${route.template}`,
  );
  if (retryAfterSeconds === undefined) return false;
  sendFailure(
    exchange,
    429,
    {
      code: 429,
      message: `Request budget for ${route.method} ${route.template} exhausted; retry after ${retryAfterSeconds} s.`,
    },
    { 'retry-after': String(retryAfterSeconds) },
  );
  return true;
}

/** Checks the bearer token and sends the 401 response when it is not valid. */
function hasValidToken(runtime: BmsRuntime, exchange: Exchange): boolean {
  const token = readBearerToken(exchange);
  if (token === undefined) {
    sendSecurityError(exchange, 'Missing bearer token.');
    return false;
  }
  if (!runtime.context.tokens.isValid(token)) {
    sendSecurityError(exchange, 'The access token is invalid or expired.');
    return false;
  }
  return true;
}
