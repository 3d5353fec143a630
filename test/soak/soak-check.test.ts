import { describe, expect, it } from 'vitest';

import type { StoredTicket } from '../../main/emulators/bms/bms-types';
import type { DwidCompromise } from '../../main/emulators/dwid/dwid-types';
import { buildDemoSeed, DEMO_TICKET_IDS } from '../../main/emulators/seed';
import {
  checkSoak,
  type CheckInput,
  type ConnectorRecord,
  type LedgerRow,
} from './soak-check';

const seed = buildDemoSeed({ seed: 3, organizations: 8, compromises: 40 });
const compromises = seed.dwid.compromises;
const eligible = compromises.filter(record => record.record_type !== 'IP');
const ipRecords = compromises.filter(record => record.record_type === 'IP');

/** Account and main location the check expects for `record`. */
function companyOf(record: DwidCompromise): {
  accountId: number;
  locationId: number;
} {
  const title = seed.dwid.organizations.find(
    organization => organization.uuid === record.organization,
  )?.title;
  const account = seed.bms.accounts.find(
    candidate => candidate.isActive && candidate.name === title,
  );
  const location = seed.bms.locations.find(
    candidate => candidate.accountId === account?.id && candidate.isMain,
  );
  return account === undefined || location === undefined
    ? {
        accountId: DEMO_TICKET_IDS.catchallAccountId,
        locationId: DEMO_TICKET_IDS.catchallLocationId,
      }
    : { accountId: account.id, locationId: location.id };
}

function ticketFor(record: DwidCompromise, id: number): StoredTicket {
  const company = companyOf(record);
  return {
    id,
    ticketNumber: `T${id}`,
    createdOn: '2026-12-04T00:00:00.000Z',
    accountName: '',
    locationName: '',
    body: {
      Title: `Compromised credential: ${record.search_value}`,
      Details: `Body\n\ndwid-compromise:${record.uuid}`,
      AccountId: company.accountId,
      LocationId: company.locationId,
      StatusId: DEMO_TICKET_IDS.statusId,
      PriorityId: DEMO_TICKET_IDS.priorityId,
      QueueId: DEMO_TICKET_IDS.queueId,
      TypeId: DEMO_TICKET_IDS.typeId,
      SourceId: DEMO_TICKET_IDS.sourceId,
    },
  };
}

/** Builds a correct outcome: one ticket per eligible record, IP records skipped. */
function correctInput(): CheckInput & {
  tickets: StoredTicket[];
  connector: ConnectorRecord & { ledger: Map<string, LedgerRow> };
} {
  const tickets = eligible.map((record, index) =>
    ticketFor(record, 90001 + index),
  );
  const ledger = new Map<string, LedgerRow>();
  tickets.forEach((ticket, index) => {
    const uuid = eligible[index]?.uuid ?? '';
    ledger.set(uuid, {
      compromiseUuid: uuid,
      state: 'sent',
      reason: null,
      ticketId: ticket.id,
    });
  });
  for (const record of ipRecords) {
    ledger.set(record.uuid, {
      compromiseUuid: record.uuid,
      state: 'skipped',
      reason: 'ip-compromise',
      ticketId: null,
    });
  }
  return {
    compromises,
    organizations: seed.dwid.organizations,
    bms: seed.bms,
    tickets,
    connector: {
      ledger,
      skipReasons: new Map(),
      states: { sent: eligible.length, skipped: ipRecords.length },
    },
    ticketRounds: new Map(),
  };
}

describe('soak check', () => {
  it('passes a correct outcome', () => {
    const figures = checkSoak(correctInput());

    expect(ipRecords.length).toBeGreaterThan(0);
    expect(figures.eligible).toBe(eligible.length);
    expect(figures.skipped).toBe(ipRecords.length);
    expect(figures.duplicates).toBe(0);
    expect(figures.losses).toBe(0);
    expect(figures.wrongCompany).toBe(0);
    expect(figures.wrongFields).toBe(0);
    expect(figures.unrecordedSkips).toBe(0);
    expect(figures.strayTickets).toBe(0);
    expect(figures.ledgerMismatches).toBe(0);
    expect(figures.examples).toEqual([]);
  });

  it('counts a duplicate and a loss', () => {
    const input = correctInput();
    const [first, second] = eligible;
    if (first === undefined || second === undefined) {
      throw new Error('The seed needs two eligible records.');
    }
    input.tickets.push(ticketFor(first, 99001));
    input.tickets.splice(1, 1);

    const figures = checkSoak(input);

    expect(figures.duplicates).toBe(1);
    expect(figures.losses).toBe(1);
    expect(figures.examples.some(line => line.includes(second.uuid))).toBe(
      true,
    );
  });

  it('counts wrong company and fields', () => {
    const input = correctInput();
    const ticket = input.tickets[0];
    if (ticket === undefined) throw new Error('No ticket to change.');
    input.tickets[0] = {
      ...ticket,
      body: { ...ticket.body, AccountId: 3001, QueueId: 8 },
    };

    const figures = checkSoak(input);

    expect(figures.wrongCompany).toBe(1);
    expect(figures.wrongFields).toBe(1);
  });

  it('counts stuck rows and skips without a reason', () => {
    const input = correctInput();
    const ip = ipRecords[0];
    if (ip === undefined) throw new Error('The seed needs an IP record.');
    input.connector.ledger.delete(ip.uuid);
    const stuck = {
      ...input,
      connector: { ...input.connector, states: { pending: 2, sending: 1 } },
    };

    const figures = checkSoak(stuck);

    expect(figures.stuckRows).toBe(3);
    expect(figures.unrecordedSkips).toBe(1);
  });

  it('counts tickets for unknown and IP compromises', () => {
    const input = correctInput();
    const ip = ipRecords[0];
    if (ip === undefined) throw new Error('The seed needs an IP record.');
    input.tickets.push(ticketFor(ip, 99002));
    const unknown = ticketFor(ip, 99003);
    input.tickets.push({
      ...unknown,
      body: {
        ...unknown.body,
        Details: 'dwid-compromise:00000000-0000-4000-8000-000000000000',
      },
    });

    const figures = checkSoak(input);

    expect(figures.strayTickets).toBe(2);
  });
});
