import { hasMarker, ticketMarker } from '../tickets/marker';
import type { DeliveryContext, DeliveryTally } from './deliver';

/**
 * Settles rows left in `sending` by an interrupted run. A row whose marker
 * is found in a BMS ticket is recorded as sent, and any other row goes back
 * to pending. This runs before any new POST, so a process crash between the
 * POST and the ledger commit does not produce a second ticket. Returns
 * false when a search failed or the run should stop (see
 * `HealthTracker.shouldStop`), with the remaining rows left in `sending`.
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
    // Stop after repeated failures, an exhausted budget or the deletion of
    // the integration, which the update below notices when it changes no
    // row, because the deletion removed them.
    if (context.health.shouldStop) return false;
    try {
      const found = await context.client.findTicketsByDetails(
        ticketMarker(row.compromiseUuid),
      );
      const ticket = found.find(t => hasMarker(t.details, row.compromiseUuid));
      const updated =
        ticket === undefined
          ? store.deliveries.markPending(
              row.id,
              'No ticket found after an interrupted attempt; sending again',
            )
          : store.deliveries.markSent(row.id, {
              ticketId: ticket.id,
              ticketNumber: ticket.ticketNumber,
              accountId: ticket.accountId,
              locationId: null,
              isCatchall: null,
            });
      if (!updated) context.health.checkDeleted();
      if (ticket !== undefined && updated) tally.recovered += 1;
    } catch {
      // The search failed (already recorded by the health tracker). Leave
      // every remaining row in `sending`: posting them now could duplicate.
      return false;
    }
  }
  return true;
}
