import type { Harness } from './harness';

const MARKER = /dwid-compromise:([0-9a-f-]{36})/;

/** Compromise uuid of each ticket stored by the BMS emulator, in order. */
export function ticketUuids(harness: Harness): string[] {
  return harness.bms.tickets.map(ticket => {
    const details = String(ticket.body.Details);
    const match = MARKER.exec(details);
    if (match?.[1] === undefined) {
      throw new Error(`Ticket ${ticket.id} carries no compromise marker`);
    }
    return match[1];
  });
}

/** Uuids that appear on more than one ticket. */
export function duplicateUuids(harness: Harness): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const uuid of ticketUuids(harness)) {
    if (seen.has(uuid)) duplicates.add(uuid);
    seen.add(uuid);
  }
  return [...duplicates];
}

/** Seeded compromises that the default conditions send (all but IP). */
export function eligibleUuids(harness: Harness): string[] {
  return harness.dwid.state.compromises
    .filter(record => record.record_type !== 'IP')
    .map(record => record.uuid);
}
