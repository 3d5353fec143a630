import { randomUUID, timingSafeEqual } from 'node:crypto';
import { FaultController } from '../faults';
import {
  applySlowFault,
  openExchange,
  RESPONSE_FAULT_KINDS,
  sendFaultResponse,
  sendJson,
  startHttpServer,
  stopHttpServer,
  type Exchange,
  type RequestLogEntry,
} from '../http-server';
import {
  buildPage,
  compareCompromises,
  DwidQueryError,
  lastPageIndex,
  parsePageRequest,
  selectCompromises,
  type PageRequest,
} from './dwid-paging';
import type { DwidCompromise, DwidOrganization } from './dwid-types';
import {
  handleRenameOrganization,
  matchOrganizationV2Path,
} from './organization-routes';

export type DwidFaultKind =
  | 'server-error'
  | 'rate-limit'
  | 'slow'
  | 'malformed-json'
  | 'html'
  | 'bad-record'
  | 'redeliver';

export const DWID_FAULT_KINDS: readonly DwidFaultKind[] = [
  'server-error',
  'rate-limit',
  'slow',
  'malformed-json',
  'html',
  'bad-record',
  'redeliver',
];

export type DwidEmulatorOptions = {
  readonly organizations?: readonly DwidOrganization[];
  readonly compromises?: readonly DwidCompromise[];
  /** HTTP Basic user name the emulator accepts. */
  readonly username: string;
  readonly password: string;
  /** Port on 127.0.0.1. The default, 0, picks a free one. */
  readonly port?: number;
};

export type DwidEmulatorState = {
  readonly organizations: readonly DwidOrganization[];
  readonly compromises: readonly DwidCompromise[];
};

export type DwidEmulator = {
  /** Base URL, `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly state: DwidEmulatorState;
  readonly requests: readonly RequestLogEntry[];
  readonly faults: FaultController<DwidFaultKind>;
  addOrganizations(records: readonly DwidOrganization[]): void;
  addCompromises(records: readonly DwidCompromise[]): void;
  close(): Promise<void>;
};

/** Number of earlier records a `redeliver` fault repeats. */
const REDELIVERED_RECORDS = 2;

type DwidContext = {
  readonly organizations: DwidOrganization[];
  readonly compromises: DwidCompromise[];
  /**
   * `compromises` in page order, built on the first page request after a
   * change. Each page request sorts its selection again, which takes linear
   * time on input that is already in order.
   */
  sortedCompromises: DwidCompromise[] | null;
  readonly faults: FaultController<DwidFaultKind>;
  readonly expectedAuthorization: Buffer;
};

/** Starts a Dark Web ID partner API emulator on 127.0.0.1. */
export async function startDwidEmulator(
  options: DwidEmulatorOptions,
): Promise<DwidEmulator> {
  const context: DwidContext = {
    organizations: [...(options.organizations ?? [])],
    compromises: [...(options.compromises ?? [])],
    sortedCompromises: null,
    faults: new FaultController(DWID_FAULT_KINDS),
    expectedAuthorization: Buffer.from(
      `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`,
    ),
  };
  const requests: RequestLogEntry[] = [];
  const running = await startHttpServer(options.port ?? 0, (req, res) =>
    handleDwidRequest(context, openExchange(req, res, running.url, requests)),
  );
  return {
    url: running.url,
    port: running.port,
    get state(): DwidEmulatorState {
      return {
        organizations: [...context.organizations],
        compromises: [...context.compromises],
      };
    },
    requests,
    faults: context.faults,
    addOrganizations: records => context.organizations.push(...records),
    addCompromises: records => {
      context.compromises.push(...records);
      context.sortedCompromises = null;
    },
    close: () => stopHttpServer(running.server),
  };
}

async function handleDwidRequest(
  context: DwidContext,
  exchange: Exchange,
): Promise<void> {
  const { method, path } = exchange.entry;
  const target = path + exchange.url.search;
  const slow = context.faults.take(method, target, ['slow']);
  if (slow !== undefined) await applySlowFault(slow);
  const fault = context.faults.take(method, target, RESPONSE_FAULT_KINDS);
  if (fault !== undefined && sendFaultResponse(exchange, fault)) return;

  if (!isAuthorized(context, exchange)) {
    sendJson(
      exchange,
      401,
      { error: 'Invalid or missing credentials' },
      { 'www-authenticate': 'Basic realm="Dark Web ID"' },
    );
    return;
  }
  const organizationUuid = matchOrganizationV2Path(path);
  if (organizationUuid !== undefined) {
    if (method === 'PATCH') {
      await handleRenameOrganization(
        context.organizations,
        exchange,
        organizationUuid,
      );
    } else {
      sendJson(exchange, 405, { error: `Method ${method} not allowed` });
    }
    return;
  }
  if (method !== 'GET') {
    sendJson(exchange, 405, { error: `Method ${method} not allowed` });
    return;
  }
  try {
    routeDwidRequest(context, exchange, target);
  } catch (error) {
    if (!(error instanceof DwidQueryError)) throw error;
    sendJson(exchange, 400, { error: error.message });
  }
}

function routeDwidRequest(
  context: DwidContext,
  exchange: Exchange,
  target: string,
): void {
  const params = exchange.url.searchParams;
  if (exchange.entry.path === '/services/organization.json') {
    sendListPage(
      exchange,
      context.organizations,
      parsePageRequest(params),
      () => ({
        append: takeBadRecord(context, target, MALFORMED_ORGANIZATION),
      }),
    );
    return;
  }
  if (exchange.entry.path === '/services/compromise.json') {
    sendCompromisePage(context, exchange, target, params);
    return;
  }
  sendJson(exchange, 404, { error: `No route for ${exchange.entry.path}` });
}

const MALFORMED_ORGANIZATION = (): Record<string, unknown> => ({
  uuid: randomUUID(),
  title: null,
  status: 1,
});

/** A record with a uuid but wrong types and no `search_value`. */
const MALFORMED_COMPROMISE = (): Record<string, unknown> => ({
  uuid: randomUUID(),
  organization: 42,
  record_type: 7,
  password: ['not', 'a', 'string'],
  detected: 'yesterday',
  date_added: null,
});

function sendCompromisePage(
  context: DwidContext,
  exchange: Exchange,
  target: string,
  params: URLSearchParams,
): void {
  context.sortedCompromises ??= [...context.compromises].sort(
    compareCompromises,
  );
  const selected = selectCompromises(context.sortedCompromises, params);
  const request = parsePageRequest(params);
  sendListPage(exchange, selected, request, () => {
    // A redelivery needs an earlier page, so page 0 leaves the fault armed.
    const redeliver =
      request.page > 0
        ? context.faults.take('GET', target, ['redeliver'])
        : undefined;
    const repeated =
      redeliver === undefined
        ? []
        : selected
            .slice(0, request.page * request.limit)
            .slice(-REDELIVERED_RECORDS);
    return {
      prepend: repeated,
      append: takeBadRecord(context, target, MALFORMED_COMPROMISE),
    };
  });
}

/** Returns the malformed record of an armed `bad-record` fault, if any. */
function takeBadRecord(
  context: DwidContext,
  target: string,
  build: () => Record<string, unknown>,
): Record<string, unknown>[] {
  const fault = context.faults.take('GET', target, ['bad-record']);
  return fault === undefined ? [] : [build()];
}

/** Records that faults add around a page, outside the page limit. */
type PageAdditions = {
  readonly prepend?: readonly unknown[];
  readonly append?: readonly unknown[];
};

/**
 * Sends one page of `records`, or 404 for a page past the last one. The
 * additions are built only for a page that exists, so a 404 leaves
 * page faults armed.
 */
function sendListPage(
  exchange: Exchange,
  records: readonly unknown[],
  request: PageRequest,
  buildAdditions: () => PageAdditions,
): void {
  const lastPage = lastPageIndex(records.length, request.limit);
  if (request.page > lastPage) {
    sendJson(exchange, 404, {
      error: `Page ${request.page} not found; the last page is ${lastPage}.`,
    });
    return;
  }
  const additions = buildAdditions();
  const start = request.page * request.limit;
  const list = [
    ...(additions.prepend ?? []),
    ...records.slice(start, start + request.limit),
    ...(additions.append ?? []),
  ];
  sendJson(
    exchange,
    200,
    buildPage(exchange.url, request, records.length, list),
  );
}

function isAuthorized(context: DwidContext, exchange: Exchange): boolean {
  const header = Buffer.from(exchange.req.headers.authorization ?? '');
  return (
    header.length === context.expectedAuthorization.length &&
    timingSafeEqual(header, context.expectedAuthorization)
  );
}
