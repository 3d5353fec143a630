import Database from 'better-sqlite3';

import type { BmsSeed } from '../../main/emulators/demo-data/bms-records';
import type { StoredTicket } from '../../main/emulators/bms/bms-types';
import type {
  DwidCompromise,
  DwidOrganization,
} from '../../main/emulators/dwid/dwid-types';
import { DEMO_TICKET_IDS } from '../../main/emulators/seed';

/** Title mapping of the soak integration, and how the check renders it. */
export const TITLE_MAPPING = 'Compromised credential: [search_value]';

function expectedTitle(record: DwidCompromise): string {
  return `Compromised credential: ${record.search_value}`;
}

/** Ticket ids that the soak integration maps every ticket to. */
const EXPECTED_IDS = {
  StatusId: DEMO_TICKET_IDS.statusId,
  PriorityId: DEMO_TICKET_IDS.priorityId,
  QueueId: DEMO_TICKET_IDS.queueId,
  TypeId: DEMO_TICKET_IDS.typeId,
  SourceId: DEMO_TICKET_IDS.sourceId,
} as const;

const MARKER = /dwid-compromise:([0-9a-f-]{36})/;

/** Examples kept per kind of violation, so a report stays readable. */
const MAX_EXAMPLES = 5;

/** One ledger row of the soak integration, as stored in `deliveries`. */
export type LedgerRow = {
  readonly compromiseUuid: string;
  readonly state: string;
  readonly reason: string | null;
  readonly ticketId: number | null;
};

/** What the connector's database contains after the soak. */
export type ConnectorRecord = {
  /** Ledger rows by compromise uuid. */
  readonly ledger: ReadonlyMap<string, LedgerRow>;
  /** Compromise-level skip reason by uuid, for compromises the store has. */
  readonly skipReasons: ReadonlyMap<string, string | null>;
  /** Ledger rows per state. */
  readonly states: Readonly<Record<string, number>>;
};

export type CheckInput = {
  /** Every record the source sent validly, re-sent copies included. */
  readonly compromises: readonly DwidCompromise[];
  readonly organizations: readonly DwidOrganization[];
  readonly bms: BmsSeed;
  readonly tickets: readonly StoredTicket[];
  readonly connector: ConnectorRecord;
  /** Round in which each ticket was stored, by ticket id. */
  readonly ticketRounds: ReadonlyMap<number, number>;
};

export type CheckFigures = {
  /** Distinct compromise uuids the source sent validly. */
  readonly compromises: number;
  readonly eligible: number;
  readonly skipped: number;
  readonly tickets: number;
  /** Tickets beyond the first for a compromise. */
  readonly duplicates: number;
  /** Eligible compromises without a ticket. */
  readonly losses: number;
  readonly wrongCompany: number;
  readonly wrongFields: number;
  /** Ledger rows left in `pending` or `sending`. */
  readonly stuckRows: number;
  /** Ineligible compromises with neither a ticket nor a recorded skip reason. */
  readonly unrecordedSkips: number;
  /** Tickets for ineligible compromises or for uuids the source never sent validly. */
  readonly strayTickets: number;
  /** Ticketed compromises whose ledger row is not `sent` with that ticket's id. */
  readonly ledgerMismatches: number;
  /** Up to five examples of each violation, for the report. */
  readonly examples: string[];
};

/** Reads the ledger and compromise skip reasons from the data folder's database. */
export function readConnectorRecord(databaseFile: string): ConnectorRecord {
  const database = new Database(databaseFile, {
    readonly: true,
    fileMustExist: true,
  });
  try {
    const rows = database
      .prepare<
        [],
        {
          compromise_uuid: string;
          state: string;
          reason: string | null;
          ticket_id: number | null;
        }
      >('SELECT compromise_uuid, state, reason, ticket_id FROM deliveries')
      .all();
    const ledger = new Map<string, LedgerRow>();
    const states: Record<string, number> = {};
    for (const row of rows) {
      ledger.set(row.compromise_uuid, {
        compromiseUuid: row.compromise_uuid,
        state: row.state,
        reason: row.reason,
        ticketId: row.ticket_id,
      });
      states[row.state] = (states[row.state] ?? 0) + 1;
    }
    const skipReasons = new Map(
      database
        .prepare<[], { uuid: string; skip_reason: string | null }>(
          'SELECT uuid, skip_reason FROM compromises',
        )
        .all()
        .map(row => [row.uuid, row.skip_reason] as const),
    );
    return { ledger, skipReasons, states };
  } finally {
    database.close();
  }
}

/** Account and location every compromise of an organization should go to. */
type Company = { readonly accountId: number; readonly locationId: number };

/**
 * Company of each organization: the active BMS account whose name equals
 * the organization title exactly, else the Catchall Account.
 */
function expectedCompanies(
  organizations: readonly DwidOrganization[],
  bms: BmsSeed,
): Map<string, Company> {
  const catchall: Company = {
    accountId: DEMO_TICKET_IDS.catchallAccountId,
    locationId: DEMO_TICKET_IDS.catchallLocationId,
  };
  const companies = new Map<string, Company>();
  for (const organization of organizations) {
    const account = bms.accounts.find(
      candidate => candidate.isActive && candidate.name === organization.title,
    );
    const location = bms.locations.find(
      candidate => candidate.accountId === account?.id && candidate.isMain,
    );
    companies.set(
      organization.uuid,
      account === undefined || location === undefined
        ? catchall
        : { accountId: account.id, locationId: location.id },
    );
  }
  return companies;
}

/** Compromise uuid in a ticket's Details marker, or undefined. */
export function ticketUuid(ticket: StoredTicket): string | undefined {
  return MARKER.exec(String(ticket.body.Details))?.[1];
}

/**
 * Checks the BMS emulator's tickets and the connector's ledger against the
 * records the source sent. Every eligible compromise needs one ticket in the
 * right company with the mapped fields, and every other one a recorded skip
 * reason. The integration keeps the default conditions, so every Email and
 * Domain record is eligible.
 */
export function checkSoak(input: CheckInput): CheckFigures {
  const records = new Map<string, DwidCompromise>();
  for (const record of input.compromises) records.set(record.uuid, record);
  const companies = expectedCompanies(input.organizations, input.bms);

  const ticketsByUuid = new Map<string, StoredTicket[]>();
  const examples = new Examples();
  let strayTickets = 0;
  for (const ticket of input.tickets) {
    const uuid = ticketUuid(ticket);
    if (uuid === undefined || !records.has(uuid)) {
      strayTickets += 1;
      examples.add(
        'stray',
        `ticket ${ticket.id} carries marker ${uuid ?? '(none)'}`,
      );
      continue;
    }
    const list = ticketsByUuid.get(uuid) ?? [];
    list.push(ticket);
    ticketsByUuid.set(uuid, list);
  }

  const figures = {
    eligible: 0,
    skipped: 0,
    duplicates: 0,
    losses: 0,
    wrongCompany: 0,
    wrongFields: 0,
    unrecordedSkips: 0,
    ledgerMismatches: 0,
  };
  const describe = (ticket: StoredTicket): string =>
    `${ticket.id} (round ${input.ticketRounds.get(ticket.id) ?? '?'})`;

  for (const [uuid, record] of records) {
    const tickets = ticketsByUuid.get(uuid) ?? [];
    const row = input.connector.ledger.get(uuid);
    if (record.record_type === 'IP') {
      figures.skipped += 1;
      if (tickets.length > 0) {
        strayTickets += tickets.length;
        examples.add(
          'stray',
          `IP compromise ${uuid} has ticket ${tickets.map(describe).join(', ')}`,
        );
        continue;
      }
      const ledgerReason = row?.state === 'skipped' ? row.reason : null;
      const reason =
        ledgerReason ?? input.connector.skipReasons.get(uuid) ?? null;
      if (reason === null || reason === '') {
        figures.unrecordedSkips += 1;
        examples.add(
          'unrecorded',
          `IP compromise ${uuid}: ledger ${row?.state ?? 'none'}, no skip reason`,
        );
      }
      continue;
    }

    figures.eligible += 1;
    const [first, ...extra] = tickets;
    if (first === undefined) {
      figures.losses += 1;
      examples.add(
        'loss',
        `compromise ${uuid}: no ticket, ledger ${row?.state ?? 'none'} (${row?.reason ?? 'no reason'})`,
      );
      continue;
    }
    if (extra.length > 0) {
      figures.duplicates += extra.length;
      examples.add(
        'duplicate',
        `compromise ${uuid}: tickets ${tickets.map(describe).join(', ')}`,
      );
    }
    const company = companies.get(record.organization);
    if (company === undefined) {
      throw new Error(
        `Compromise ${uuid} names organization ${record.organization}, which the seed does not contain.`,
      );
    }
    for (const ticket of tickets) {
      if (
        ticket.body.AccountId !== company.accountId ||
        ticket.body.LocationId !== company.locationId
      ) {
        figures.wrongCompany += 1;
        examples.add(
          'company',
          `ticket ${describe(ticket)}: account ${String(ticket.body.AccountId)}/${String(ticket.body.LocationId)}, expected ${company.accountId}/${company.locationId}`,
        );
      }
      const fieldProblems = wrongFields(ticket, record);
      if (fieldProblems.length > 0) {
        figures.wrongFields += 1;
        examples.add(
          'fields',
          `ticket ${describe(ticket)}: ${fieldProblems.join(', ')}`,
        );
      }
    }
    if (
      row?.state !== 'sent' ||
      !tickets.some(ticket => ticket.id === row.ticketId)
    ) {
      figures.ledgerMismatches += 1;
      examples.add(
        'ledger',
        `compromise ${uuid}: ledger ${row?.state ?? 'none'} ticket ${String(row?.ticketId ?? null)}, BMS has ${tickets.map(describe).join(', ')}`,
      );
    }
  }

  const states = input.connector.states;
  return {
    compromises: records.size,
    ...figures,
    tickets: input.tickets.length,
    stuckRows: (states.pending ?? 0) + (states.sending ?? 0),
    strayTickets,
    examples: examples.lines(),
  };
}

function wrongFields(ticket: StoredTicket, record: DwidCompromise): string[] {
  const problems: string[] = [];
  const title = expectedTitle(record);
  if (ticket.body.Title !== title) {
    problems.push(
      `Title ${JSON.stringify(ticket.body.Title)}, expected ${JSON.stringify(title)}`,
    );
  }
  for (const [field, expected] of Object.entries(EXPECTED_IDS)) {
    if (ticket.body[field] !== expected) {
      problems.push(
        `${field} ${String(ticket.body[field])}, expected ${expected}`,
      );
    }
  }
  return problems;
}

/** Collects up to MAX_EXAMPLES lines per kind of violation. */
class Examples {
  readonly #byKind = new Map<string, string[]>();

  add(kind: string, line: string): void {
    const lines = this.#byKind.get(kind) ?? [];
    if (lines.length < MAX_EXAMPLES) lines.push(`${kind}: ${line}`);
    this.#byKind.set(kind, lines);
  }

  lines(): string[] {
    return [...this.#byKind.values()].flat();
  }
}
