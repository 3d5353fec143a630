import pLimit from 'p-limit';

import type { BmsClient } from '../../clients/bms/bms-client';
import { ConnectorError, toErrorData } from '../../errors';
import type { Store } from '../../store/open-store';
import { buildTicket } from '../tickets/build-ticket';
import { hasMarker, ticketMarker } from '../tickets/marker';
import { buildCompanyIndex, type CompanyIndex } from '../company-match';
import { mayHaveReachedBms } from './classify-error';
import type { EngineEventListener } from './events';
import type { HealthTracker } from './health-tracker';

export type DeliveryTally = {
  created: number;
  catchall: number;
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
};

type PendingRow = { readonly id: number; readonly compromiseUuid: string };

/**
 * Settles rows left in `sending` by an interrupted run: a ticket whose marker
 * is found in BMS is recorded as sent; otherwise the row goes back to
 * pending. This runs before any new POST, so a crash between the POST and
 * the ledger commit never produces a second ticket.
 */
export async function reconcileSending(
  context: DeliveryContext,
  tally: DeliveryTally,
): Promise<boolean> {
  const { store, integration } = context;
  const rows = store.deliveries.listByState(
    integration.id,
    'sending',
    Number.MAX_SAFE_INTEGER,
  );
  for (const row of rows) {
    try {
      const found = await context.client.findTicketsByDetails(
        ticketMarker(row.compromiseUuid),
      );
      const ticket = found.find(t => hasMarker(t.details, row.compromiseUuid));
      if (ticket === undefined) {
        store.deliveries.markPending(
          row.id,
          'No ticket found after an interrupted attempt; sending again',
        );
        continue;
      }
      store.deliveries.markSent(row.id, {
        ticketId: ticket.id,
        ticketNumber: ticket.ticketNumber,
        accountId: ticket.accountId,
        locationId: null,
        isCatchall: null,
      });
      tally.recovered += 1;
    } catch {
      // The search failed (already recorded by the health tracker). Leave
      // every remaining row in `sending`: posting them now could duplicate.
      return false;
    }
  }
  return true;
}

/** Delivers every pending row of one integration. */
export async function deliverPending(
  context: DeliveryContext,
  tally: DeliveryTally,
): Promise<void> {
  const { store, integration } = context;
  const rows = store.deliveries.listByState(
    integration.id,
    'pending',
    Number.MAX_SAFE_INTEGER,
  );
  if (rows.length === 0) return;

  await prefetchLocations(context, loadCompanyIndex(context));
  const index = loadCompanyIndex(context);
  const mappings = store.fieldMappings.get(integration.id);
  const locations = new Map<number, Promise<number>>();
  const limit = pLimit(context.concurrency);
  let done = 0;

  await Promise.all(
    rows.map(row =>
      limit(async () => {
        if (context.health.shouldStop) return;
        await deliverOne(context, { row, index, mappings, locations }, tally);
        done += 1;
        if (done % 50 === 0 || done === rows.length) {
          context.onEvent({
            type: 'sync-progress',
            phase: 'deliver',
            integrationId: integration.id,
            done,
            total: rows.length,
          });
        }
      }),
    ),
  );
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

type RowContext = {
  readonly row: PendingRow;
  readonly index: CompanyIndex;
  readonly mappings: Readonly<Record<string, string>>;
  readonly locations: Map<number, Promise<number>>;
};

async function deliverOne(
  context: DeliveryContext,
  rowContext: RowContext,
  tally: DeliveryTally,
): Promise<void> {
  const { store, integration } = context;
  const { row } = rowContext;
  const compromise = store.compromises.get(row.compromiseUuid);
  if (compromise === null) {
    store.deliveries.markPending(
      row.id,
      'Compromise is missing from the local copy',
    );
    return;
  }
  const organization = store.organizations.getByUuid(
    compromise.organizationUuid,
  );
  const organizationName = organization?.title ?? compromise.organizationUuid;

  let company: { accountId: number; locationId: number } | null;
  try {
    company = await resolveCompany(context, rowContext, organizationName);
  } catch (error) {
    fail(context, row, 'bms.locations', error, tally);
    return;
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
    return;
  }

  if (!store.deliveries.markSending(row.id)) return;
  try {
    const ticket = await context.client.createTicket(built.ticket);
    store.deliveries.markSent(row.id, {
      ticketId: ticket.id,
      ticketNumber: ticket.ticketNumber,
      accountId: built.ticket.AccountId,
      locationId: built.ticket.LocationId,
      isCatchall: built.isCatchall,
    });
    tally.created += 1;
    if (built.isCatchall) tally.catchall += 1;
    context.onEvent({
      type: 'delivery',
      integrationId: integration.id,
      compromiseUuid: row.compromiseUuid,
      state: 'sent',
      ticketNumber: ticket.ticketNumber,
    });
  } catch (error) {
    onPostFailed(context, row, error, tally);
  }
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

function onPostFailed(
  context: DeliveryContext,
  row: PendingRow,
  error: unknown,
  tally: DeliveryTally,
): void {
  const { message } = toErrorData(error);
  tally.failed += 1;
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
  tally.failed += 1;
  context.store.deliveries.markPending(row.id, message);
  if (operation === 'render-ticket') {
    // Client errors are recorded by the client's outcome hook; a ticket that
    // cannot be built is recorded here so the technician sees why.
    context.health.recordFailure(operation, code, message, row.compromiseUuid);
  }
}
