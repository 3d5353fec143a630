import { randomUUID } from 'node:crypto';

import { afterEach, describe, expect, it } from 'vitest';

import type { StoredTicket } from '../../main/emulators/bms/bms-types';
import type { DwidCompromise } from '../../main/emulators/dwid/dwid-types';
import { DEMO_TICKET_IDS } from '../../main/emulators/seed';
import { startHarness, type Harness } from '../support/harness';
import { duplicateUuids, eligibleUuids, ticketUuids } from '../support/tickets';

// Hostile input travels the whole path here: Dark Web ID emulator, client
// validation, store, ticket rendering, BMS emulator.

/** Default maxima of the Title and Details fields, in UTF-16 code units. */
const TITLE_MAX_LENGTH = 255;
const DETAILS_MAX_LENGTH = 8000;
/** Maximum length of one token value, in grapheme clusters. */
const TOKEN_VALUE_MAX_LENGTH = 255;
const TWO_MEBIBYTES = 2 * 1024 * 1024;

const TITLE_MAPPING = 'Found [search_value] in [source]';
const DETAILS_MAPPING = 'Source: [source]\nOrigin: [origin]';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: Parameters<typeof startHarness>[0] = {}) {
  harness = await startHarness({
    organizations: 12,
    compromises: 30,
    ...options,
  });
  return harness;
}

/** Copies the first seeded e-mail record with a fresh uuid and `changes`. */
function variantOf(
  h: Harness,
  changes: Partial<DwidCompromise>,
): DwidCompromise {
  const base = h.seed.dwid.compromises.find(c => c.record_type === 'Email');
  if (base === undefined) throw new Error('The seed has no e-mail record');
  return { ...base, uuid: randomUUID(), ...changes };
}

/** Returns the only ticket whose marker names `uuid`. */
function ticketFor(h: Harness, uuid: string): StoredTicket {
  const uuids = ticketUuids(h);
  const matches = h.bms.tickets.filter((_, index) => uuids[index] === uuid);
  expect(matches, `tickets for compromise ${uuid}`).toHaveLength(1);
  const ticket = matches[0];
  if (ticket === undefined) throw new Error(`No ticket for compromise ${uuid}`);
  return ticket;
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}

describe('hostile source text', () => {
  it.each([
    ['markup', '<script>alert(1)</script>', '<img src=x onerror="alert(1)">'],
    ['right-to-left override', 'evil\u202Efdp.exe', 'rtl\u202Eelpmaxe.com'],
    ['NUL bytes', 'nul\u0000in\u0000source', '\u0000'],
  ])('passes %s through as data', async (_label, source, origin) => {
    const h = await start({
      fieldMappings: { Title: TITLE_MAPPING, Details: DETAILS_MAPPING },
    });
    const record = variantOf(h, { source, origin });
    h.dwid.addCompromises([record]);

    const report = await h.service.sync();

    const ticket = ticketFor(h, record.uuid);
    expect(ticket.body.Title).toBe(`Found ${record.search_value} in ${source}`);
    expect(ticket.body.Details).toBe(
      `Source: ${source}\nOrigin: ${origin}\n\ndwid-compromise:${record.uuid}`,
    );
    expect(report.integrations[0]?.created).toBe(eligibleUuids(h).length);
    expect(report.source.invalidRecords).toBe(0);
    expect(sorted(ticketUuids(h))).toEqual(sorted(eligibleUuids(h)));
    expect(h.bms.rejected).toEqual([]);
  });

  it('cuts 2 MB source and origin to the field maxima', async () => {
    // Forty tokens of 255 characters each render more than 10 000
    // characters, so Details must be cut to make room for the marker.
    const details = Array.from(
      { length: 20 },
      () => 'Source: [source]\nOrigin: [origin]',
    ).join('\n');
    const h = await start({
      fieldMappings: { Title: TITLE_MAPPING, Details: details },
    });
    const source = 'S'.repeat(TWO_MEBIBYTES);
    const origin = 'O'.repeat(TWO_MEBIBYTES);
    const record = variantOf(h, { source, origin });
    h.dwid.addCompromises([record]);

    const report = await h.service.sync();

    const ticket = ticketFor(h, record.uuid);
    const title = String(ticket.body.Title);
    const body = String(ticket.body.Details);
    const marker = `dwid-compromise:${record.uuid}`;
    const sourceValue = 'S'.repeat(TOKEN_VALUE_MAX_LENGTH);
    const originValue = 'O'.repeat(TOKEN_VALUE_MAX_LENGTH);
    const untrimmed = Array.from(
      { length: 20 },
      () => `Source: ${sourceValue}\nOrigin: ${originValue}`,
    ).join('\n');

    expect(title).toHaveLength(TITLE_MAX_LENGTH);
    expect(title).toBe(
      `Found ${record.search_value} in ${sourceValue}`.slice(
        0,
        TITLE_MAX_LENGTH,
      ),
    );
    expect(body).toHaveLength(DETAILS_MAX_LENGTH);
    expect(body.endsWith(`\n\n${marker}`)).toBe(true);
    expect(body.split('\n').at(-1)).toBe(marker);
    const kept = body.slice(0, DETAILS_MAX_LENGTH - `\n\n${marker}`.length);
    expect(untrimmed.startsWith(kept)).toBe(true);
    expect(report.integrations[0]?.created).toBe(eligibleUuids(h).length);
    expect(sorted(ticketUuids(h))).toEqual(sorted(eligibleUuids(h)));
    expect(h.bms.rejected).toEqual([]);
  });
});

describe('token rendering', () => {
  it('keeps tokens inside a value literal', async () => {
    const h = await start({ fieldMappings: { Title: TITLE_MAPPING } });
    const searchValue = 'x[password]y[uuid]z@hostile.example';
    const record = variantOf(h, {
      search_value: searchValue,
      password: 'Hunter2-secret',
      password_status_name: 'Plaintext',
      source: 'Paste [origin]',
      origin: 'paste.example',
    });
    h.dwid.addCompromises([record]);

    await h.service.sync();

    const title = String(ticketFor(h, record.uuid).body.Title);
    expect(title).toBe(`Found ${searchValue} in Paste [origin]`);
    expect(title).not.toContain('Hunter2-secret');
    expect(title).not.toContain(record.uuid);
    expect(title).not.toContain('paste.example');
  });
});

describe('company names', () => {
  it('matches names exactly, code unit for code unit', async () => {
    const h = await start();
    const cafeNfc = 'Caf\u00E9 Lumi\u00E8re';
    const cremeNfd = 'Cre\u0300me Bru\u0302le\u0301e Ltd';
    h.bms.addAccounts([
      { id: 5001, name: cafeNfc, isActive: true },
      { id: 5002, name: cremeNfd, isActive: true },
    ]);
    h.bms.addLocations([
      { id: 5101, accountId: 5001, name: 'Main Office', isMain: true },
      { id: 5102, accountId: 5002, name: 'Main Office', isMain: true },
    ]);
    const northwind = h.seed.bms.accounts.find(
      a => a.name === 'Northwind Traders',
    );
    expect(northwind).toBeDefined();

    const cases = [
      { title: 'Northwind\u00A0Traders', accountId: undefined },
      { title: cafeNfc.normalize('NFD'), accountId: undefined },
      { title: cremeNfd.normalize('NFC'), accountId: undefined },
      { title: cafeNfc, accountId: 5001 },
      { title: cremeNfd, accountId: 5002 },
    ].map(item => ({ ...item, organization: randomUUID() }));
    // Guard that each variant differs from its account name.
    expect(cases[1]?.title).not.toBe(cafeNfc);
    expect(cases[2]?.title).not.toBe(cremeNfd);

    h.dwid.addOrganizations(
      cases.map(item => ({
        uuid: item.organization,
        title: item.title,
        status: 'Enabled' as const,
      })),
    );
    const records = cases.map(item =>
      variantOf(h, { organization: item.organization }),
    );
    h.dwid.addCompromises(records);

    await h.service.sync();

    cases.forEach((item, index) => {
      const ticket = ticketFor(h, records[index]?.uuid ?? '');
      const label = `organization ${JSON.stringify(item.title)}`;
      if (item.accountId === undefined) {
        expect(ticket.body.AccountId, label).toBe(
          DEMO_TICKET_IDS.catchallAccountId,
        );
        expect(ticket.body.LocationId, label).toBe(
          DEMO_TICKET_IDS.catchallLocationId,
        );
      } else {
        expect(ticket.body.AccountId, label).toBe(item.accountId);
        expect(ticket.body.LocationId, label).toBe(item.accountId + 100);
      }
    });
  });
});

describe('malformed source record', () => {
  it('records the record and tickets its neighbours', async () => {
    const h = await start();
    const before = variantOf(h, {});
    const after = variantOf(h, {});
    const malformedUuid = randomUUID();
    const malformed = {
      ...variantOf(h, {}),
      uuid: malformedUuid,
      organization: 42,
      record_type: 7,
      detected: 'yesterday',
    } as unknown as DwidCompromise;
    h.dwid.addCompromises([before, malformed, after]);

    const report = await h.service.sync();

    expect(report.source.invalidRecords).toBe(1);
    const errors = h.service.store.errors
      .list(1, 50)
      .filter(e => e.compromiseUuid === malformedUuid);
    expect(errors).toHaveLength(1);
    const error = errors[0];
    expect(error?.operation).toBe('dwid.compromise');
    expect(error?.code).toBe('bad-response');
    expect(error?.message).toMatch(
      new RegExp(`^Compromise ${malformedUuid} was skipped: `),
    );
    expect(error?.message).toContain('organization:');
    expect(error?.message).toContain('record_type:');
    expect(error?.message).toContain('detected:');

    const uuids = ticketUuids(h);
    expect(uuids).not.toContain(malformedUuid);
    ticketFor(h, before.uuid);
    ticketFor(h, after.uuid);
    const expected = eligibleUuids(h).filter(uuid => uuid !== malformedUuid);
    expect(sorted(uuids)).toEqual(sorted(expected));
  });
});

describe('non-JSON ticket responses', () => {
  it('tickets each compromise once after HTML and cut JSON', async () => {
    const h = await start();
    h.bms.faults.add({
      kind: 'html',
      path: '/v2/servicedesk/tickets',
      method: 'POST',
    });
    h.bms.faults.add({
      kind: 'malformed-json',
      path: '/v2/servicedesk/tickets',
      method: 'POST',
    });

    const first = await h.service.sync();

    expect(h.bms.faults.pending).toEqual([]);
    // Either response may follow a stored ticket, so both rows stay in
    // `sending` and the next run searches BMS before posting again.
    expect(first.integrations[0]?.failed).toBe(2);
    expect(first.integrations[0]?.pending).toBe(2);
    expect(h.service.store.deliveries.counts(1).sending).toBe(2);
    const badResponses = h.service.store.errors
      .list(1, 50)
      .filter(e => e.code === 'bad-response');
    expect(badResponses).toHaveLength(2);
    expect(duplicateUuids(h)).toEqual([]);

    const second = await h.service.sync();

    expect(second.integrations[0]?.recovered).toBe(0);
    expect(second.integrations[0]?.created).toBe(2);
    expect(second.integrations[0]?.pending).toBe(0);
    expect(duplicateUuids(h)).toEqual([]);
    expect(h.bms.tickets).toHaveLength(eligibleUuids(h).length);
    expect(sorted(ticketUuids(h))).toEqual(sorted(eligibleUuids(h)));
    expect(h.service.store.deliveries.counts(1).sending).toBe(0);
  });
});
