import { hasMarker, ticketMarker } from '../tickets/marker';
import type { DeliveryContext, DeliveryTally } from './deliver';

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
