import pLimit from 'p-limit';

import type { BmsClient } from '../../clients/bms/bms-client';
import { ConnectorError, toErrorData } from '../../errors';
import type { Store } from '../../store/open-store';
import { buildTicket } from '../tickets/build-ticket';
import { buildCompanyIndex, type CompanyIndex } from '../company-match';
import { mayHaveReachedBms } from './classify-error';
import type { EngineEventListener } from './events';
import type { HealthTracker } from './health-tracker';
import { ClaimQueue } from './claim-queue';
import {
  LedgerWriter,
  type PendingRow,
  type PreparedTicket,
} from './ledger-writer';

export type DeliveryTally = {
  created: number;
  catchall: number;
  /** Rows that failed this run; rows stopped by the rate budget wait instead. */
  failed: number;
  /** Tickets found by reconciliation, created by an earlier interrupted run. */
  recovered: number;
};

export type DeliveryContext = {
  readonly store: Store;
  readonly client: BmsClient;
  readonly integration: { readonly id: number; readonly name: string };
  readonly health: HealthTracker;
  readonly onEvent: EngineEventListener;
  readonly now: () => Date;
  /** Ticket POSTs in flight at once. */
  readonly concurrency: number;
  readonly maxLengths?: { readonly Title?: number; readonly Details?: number };
  /** Throws when another engine took over the lease (see SyncDependencies). */
  readonly checkLease?: () => void;
};

/** Pending rows read from the ledger at once by `deliverPending`. */
export const DELIVERY_PAGE_SIZE = 500;

/**
 * Delivers every pending row of one integration, reading the ledger in
 * pages of `DELIVERY_PAGE_SIZE` rows by id, with at most
 * `context.concurrency` rows in flight. It stops taking rows once
 * `context.health.shouldStop` is true. Each row is tried at most once per
 * call, because a row that goes back to pending has an id already passed.
 */
export async function deliverPending(
  context: DeliveryContext,
  tally: DeliveryTally,
): Promise<void> {
  try {
    await deliverPages(context, tally);
  } finally {
    context.health.flush();
  }
}

async function deliverPages(
  context: DeliveryContext,
  tally: DeliveryTally,
): Promise<void> {
  const { store, integration } = context;
  const total = store.deliveries.counts(integration.id).pending;
  if (total === 0) return;

  await prefetchLocations(context, loadCompanyIndex(context));
  const ledger = new LedgerWriter(context, tally);
  const shared: SharedRowContext = {
    index: loadCompanyIndex(context),
    mappings: store.fieldMappings.get(integration.id),
    locations: new Map(),
    organizationNames: new Map(),
    ledger,
  };
  let done = 0;
  const countDone = (): void => {
    done += 1;
    if (done % 50 === 0 || done === total) {
      context.onEvent({
        type: 'sync-progress',
        phase: 'deliver',
        integrationId: integration.id,
        done,
        total,
      });
    }
  };

  // The workers share one queue of claimed tickets. The first failure (a
  // full disk, for example) stops every worker from taking more. Delivery
  // ends only once all workers have stopped and every claimed but unposted
  // row is back in pending, so no POST is in flight after the sync returns
  // and releases its lock.
  const failures: unknown[] = [];
  const queue = new ClaimQueue<PendingRow, PreparedTicket>({
    rows: pendingRows(context),
    batchSize: CLAIM_BATCH_SIZE,
    lowWater: context.concurrency,
    prepare: row => prepareTicket(context, { ...shared, row }, tally),
    claim: tickets => {
      context.checkLease?.();
      const claimed = ledger.markSending(tickets);
      // Deleting the integration deletes its ledger rows, so none can be
      // claimed. Noticing it here stops the workers after this batch.
      if (claimed.length < tickets.length) context.health.checkDeleted();
      return claimed;
    },
    shouldStop: () => failures.length > 0 || context.health.shouldStop,
    onDropped: countDone,
  });
  const worker = async (): Promise<void> => {
    try {
      await postClaimed(context, queue, ledger, tally, countDone);
    } catch (error) {
      failures.push(error);
    }
  };
  const workers = Math.max(1, Math.min(context.concurrency, total));
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    try {
      ledger.releaseSending(await queue.drain());
    } finally {
      ledger.flush();
    }
  }
  // A batch can fail while no worker waits for it, after a health stop for
  // example. That failure ends the run like a worker's error.
  const failure = failures.length > 0 ? { error: failures[0] } : queue.failed;
  if (failure !== null) throw failure.error;
}

/**
 * One delivery worker: posts claimed tickets one at a time until the queue
 * is empty or delivery must stop.
 */
async function postClaimed(
  context: DeliveryContext,
  queue: ClaimQueue<PendingRow, PreparedTicket>,
  ledger: LedgerWriter,
  tally: DeliveryTally,
  countDone: () => void,
): Promise<void> {
  for (;;) {
    const ticket = await queue.next();
    if (ticket === undefined) return;
    try {
      context.checkLease?.();
    } catch (error) {
      ledger.releaseSending([ticket]);
      throw error;
    }
    await postTicket(context, ledger, ticket, tally);
    countDone();
  }
}

/**
 * Rows built and moved to `sending` in one durable commit. A crash can leave
 * up to this many rows, plus one batch's low-water mark, in `sending` that
 * were never posted, and the next run searches BMS once for each of them.
 */
export const CLAIM_BATCH_SIZE = 64;

/**
 * Yields the integration's pending rows by id, reading the next page only
 * when the previous one is used up. Rows that leave pending after their
 * page was read are skipped when their turn comes, by `markSending`.
 */
function* pendingRows(context: DeliveryContext): Generator<PendingRow> {
  let afterId = 0;
  for (;;) {
    const page = context.store.deliveries.listByStateAfter(
      context.integration.id,
      'pending',
      afterId,
      DELIVERY_PAGE_SIZE,
    );
    for (const row of page) {
      yield { id: row.id, compromiseUuid: row.compromiseUuid };
    }
    const last = page[page.length - 1];
    if (last === undefined || page.length < DELIVERY_PAGE_SIZE) return;
    afterId = last.id;
  }
}

function loadCompanyIndex(context: DeliveryContext): CompanyIndex {
  const { store, integration } = context;
  return buildCompanyIndex(
    store.bmsCache.listAccounts(integration.id),
    store.companyLinks.list(integration.id),
  );
}

/**
 * Loads the main location of every matched account that pending rows need,
 * before any ticket is posted. Doing it first keeps the ticket POSTs in one
 * stretch, so their consecutive failures are not hidden by location lookups
 * that succeed in between.
 */
async function prefetchLocations(
  context: DeliveryContext,
  index: CompanyIndex,
): Promise<void> {
  const { store, integration } = context;
  const accountIds = new Set<number>();
  for (const uuid of store.deliveries.pendingOrganizationUuids(
    integration.id,
  )) {
    const title = store.organizations.getByUuid(uuid)?.title ?? uuid;
    const account = index.resolve(title);
    if (account !== undefined && account.mainLocationId == null) {
      accountIds.add(account.id);
    }
  }
  const limit = pLimit(context.concurrency);
  await Promise.all(
    [...accountIds].map(accountId =>
      limit(async () => {
        if (context.health.shouldStop) return;
        try {
          const locationId = await context.client.mainLocationId(accountId);
          store.bmsCache.setMainLocation(integration.id, accountId, locationId);
        } catch {
          // Recorded by the client's outcome hook; the rows of this account
          // try the lookup again when they are delivered.
        }
      }),
    ),
  );
}

/** State that every row of one `deliverPending` call shares. */
type SharedRowContext = {
  readonly index: CompanyIndex;
  readonly mappings: Readonly<Record<string, string>>;
  readonly locations: Map<number, Promise<number>>;
  /** Organization titles by uuid, read once per call. */
  readonly organizationNames: Map<string, string>;
  readonly ledger: LedgerWriter;
};

type RowContext = SharedRowContext & { readonly row: PendingRow };

/**
 * Builds the ticket of one row. Returns null, with the row back in pending
 * and its reason stored, when the compromise is missing, the company lookup
 * fails or the ticket is invalid.
 */
async function prepareTicket(
  context: DeliveryContext,
  rowContext: RowContext,
  tally: DeliveryTally,
): Promise<PreparedTicket | null> {
  const { store } = context;
  const { row } = rowContext;
  const compromise = store.compromises.get(row.compromiseUuid);
  if (compromise === null) {
    store.deliveries.markPending(
      row.id,
      'Compromise is missing from the local copy',
    );
    return null;
  }
  const organizationName = organizationNameOf(
    context,
    rowContext.organizationNames,
    compromise.organizationUuid,
  );

  let company: { accountId: number; locationId: number } | null;
  try {
    company = await resolveCompany(context, rowContext, organizationName);
  } catch (error) {
    fail(context, row, 'bms.locations', error, tally);
    return null;
  }

  const built = buildTicket({
    compromise,
    organizationName,
    mappings: rowContext.mappings,
    company,
    openDate: context.now(),
    maxLengths: context.maxLengths,
  });
  if (!built.ok) {
    const message = built.problems
      .map(p => `${p.field}: ${p.message}`)
      .join('; ');
    fail(
      context,
      row,
      'render-ticket',
      new ConnectorError('validation', message),
      tally,
    );
    return null;
  }
  return { row, built };
}

/** Posts one ticket whose row is `sending` and queues its `sent` update. */
async function postTicket(
  context: DeliveryContext,
  ledger: LedgerWriter,
  { row, built }: PreparedTicket,
  tally: DeliveryTally,
): Promise<void> {
  let ticket: Awaited<ReturnType<BmsClient['createTicket']>>;
  try {
    ticket = await context.client.createTicket(built.ticket);
  } catch (error) {
    onPostFailed(context, row, error, tally);
    return;
  }
  ledger.queueSent(
    row,
    {
      ticketId: ticket.id,
      ticketNumber: ticket.ticketNumber,
      accountId: built.ticket.AccountId,
      locationId: built.ticket.LocationId,
      isCatchall: built.isCatchall,
    },
    ticket.ticketNumber,
  );
}

/** Returns the organization's title, or its uuid when it has none stored. */
function organizationNameOf(
  context: DeliveryContext,
  cache: Map<string, string>,
  organizationUuid: string,
): string {
  let name = cache.get(organizationUuid);
  if (name === undefined) {
    name =
      context.store.organizations.getByUuid(organizationUuid)?.title ??
      organizationUuid;
    cache.set(organizationUuid, name);
  }
  return name;
}

/** Resolves the matched account and its location, or null for catch-all. */
async function resolveCompany(
  context: DeliveryContext,
  rowContext: RowContext,
  organizationName: string,
): Promise<{ accountId: number; locationId: number } | null> {
  const account = rowContext.index.resolve(organizationName);
  if (account === undefined) return null;
  if (account.mainLocationId !== undefined && account.mainLocationId !== null) {
    return { accountId: account.id, locationId: account.mainLocationId };
  }
  // One lookup per account per run, shared by concurrent deliveries.
  let pending = rowContext.locations.get(account.id);
  if (pending === undefined) {
    pending = context.client.mainLocationId(account.id).then(locationId => {
      context.store.bmsCache.setMainLocation(
        context.integration.id,
        account.id,
        locationId,
      );
      return locationId;
    });
    rowContext.locations.set(account.id, pending);
  }
  return { accountId: account.id, locationId: await pending };
}

/**
 * Counts a row that failed this run. A row stopped by the rate budget did
 * not fail: it waits for the next run, like the rows never tried.
 */
function countFailure(tally: DeliveryTally, code: string): void {
  if (code !== 'rate-limited') tally.failed += 1;
}

function onPostFailed(
  context: DeliveryContext,
  row: PendingRow,
  error: unknown,
  tally: DeliveryTally,
): void {
  const { code, message } = toErrorData(error);
  countFailure(tally, code);
  if (mayHaveReachedBms(error)) {
    // Stay in `sending`: the next run searches BMS before posting again.
    context.store.deliveries.setReason(row.id, message);
    context.onEvent({
      type: 'delivery',
      integrationId: context.integration.id,
      compromiseUuid: row.compromiseUuid,
      state: 'sending',
      reason: message,
    });
    return;
  }
  context.store.deliveries.markPending(row.id, message);
  context.onEvent({
    type: 'delivery',
    integrationId: context.integration.id,
    compromiseUuid: row.compromiseUuid,
    state: 'pending',
    reason: message,
  });
}

/** Records a failure that happened before any POST: the row stays pending. */
function fail(
  context: DeliveryContext,
  row: PendingRow,
  operation: string,
  error: unknown,
  tally: DeliveryTally,
): void {
  const { code, message } = toErrorData(error);
  countFailure(tally, code);
  context.store.deliveries.markPending(row.id, message);
  if (operation === 'render-ticket') {
    // The client's outcome hook records request errors. A ticket that
    // cannot be built made no request, so it is listed among the errors
    // without counting toward health: a few unbuildable rows must not stop
    // the rest of the integration's tickets.
    context.health.recordError(operation, code, message, row.compromiseUuid);
  }
}
