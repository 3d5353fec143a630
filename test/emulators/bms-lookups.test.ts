import { afterEach, describe, expect, it } from 'vitest';
import {
  startBmsEmulator,
  type BmsEmulator,
} from '../../main/emulators/bms/bms-emulator';
import { BMS_OPTIONS, bmsRequest, logIn } from './emulator-fixtures';

let emulator: BmsEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** Starts an emulator with `count` active accounts, ids 1..count. */
async function startWithAccounts(
  count: number,
  maxPageSize?: number,
): Promise<{ bms: BmsEmulator; token: string }> {
  emulator = await startBmsEmulator({
    ...BMS_OPTIONS,
    accounts: Array.from({ length: count }, (_, index) => ({
      id: index + 1,
      name: `Account ${index + 1}`,
      isActive: true,
    })),
    maxPageSize,
  });
  return { bms: emulator, token: await logIn(emulator.url) };
}

type AccountRow = {
  id: number;
  name: string;
  tenantName: string;
  isActive: boolean;
};

describe('BMS emulator account lookup', () => {
  it('caps PageSize so pages come back short', async () => {
    const { bms, token } = await startWithAccounts(25, 10);
    const first = await bmsRequest(
      bms.url,
      token,
      '/v2/crm/accounts/lookup?PageSize=50&PageNumber=1',
    );
    const rows = first.body.result as AccountRow[];
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({
      id: 1,
      name: 'Account 1',
      tenantName: 'Example MSP',
      isActive: true,
    });
    expect(first.body.totalRecords).toBeUndefined();
    const third = await bmsRequest(
      bms.url,
      token,
      '/v2/crm/accounts/lookup?PageSize=50&PageNumber=3',
    );
    expect((third.body.result as AccountRow[]).map(row => row.id)).toEqual([
      21, 22, 23, 24, 25,
    ]);
  });

  it('treats PageNumber 0 as 1', async () => {
    const { bms, token } = await startWithAccounts(3);
    const { body } = await bmsRequest(
      bms.url,
      token,
      '/v2/crm/accounts/lookup?PageSize=2&PageNumber=0',
    );
    expect((body.result as AccountRow[]).map(row => row.id)).toEqual([1, 2]);
  });

  it('returns an empty list past the end', async () => {
    const { bms, token } = await startWithAccounts(3);
    const { status, body } = await bmsRequest(
      bms.url,
      token,
      '/v2/crm/accounts/lookup?PageSize=2&PageNumber=5',
    );
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    expect(body.result).toEqual([]);
  });

  it('filters by name and hides inactive accounts', async () => {
    emulator = await startBmsEmulator(BMS_OPTIONS);
    const token = await logIn(emulator.url);
    const active = await bmsRequest(
      emulator.url,
      token,
      '/v2/crm/accounts/lookup?Filter.Name=RESEARCH',
    );
    expect(active.body.result).toEqual([]);
    const all = await bmsRequest(
      emulator.url,
      token,
      '/v2/crm/accounts/lookup?Filter.Name=RESEARCH&Filter.WithInactiveAccounts=true',
    );
    expect((all.body.result as AccountRow[]).map(row => row.name)).toEqual([
      'Trey Research',
    ]);
  });
});

describe('BMS emulator other lookups', () => {
  it('lists the locations of an account', async () => {
    emulator = await startBmsEmulator(BMS_OPTIONS);
    const token = await logIn(emulator.url);
    const { body } = await bmsRequest(
      emulator.url,
      token,
      '/v2/crm/accounts/2001/locations/lookup',
    );
    expect(body.result).toEqual([
      { id: 4001, name: 'Main Office', accountId: 2001, isMain: true },
      { id: 4002, name: 'Warehouse', accountId: 2001, isMain: false },
    ]);
  });

  it('fails locations of an unknown account', async () => {
    emulator = await startBmsEmulator(BMS_OPTIONS);
    const token = await logIn(emulator.url);
    const { status, body } = await bmsRequest(
      emulator.url,
      token,
      '/v2/crm/accounts/9999/locations/lookup',
    );
    expect(status).toBe(200);
    expect(body.success).toBe(false);
    expect(body.error?.message).toContain('9999');
  });

  it('shapes statuses, priorities and queues', async () => {
    emulator = await startBmsEmulator(BMS_OPTIONS);
    const token = await logIn(emulator.url);
    const statuses = await bmsRequest(
      emulator.url,
      token,
      '/v2/system/statuses/lookup',
    );
    expect((statuses.body.result as unknown[])[0]).toEqual({
      id: 1,
      name: 'New',
      color: null,
      fontColor: null,
      statusOrder: 1,
      typeId: 0,
      isSystemStatus: 0,
      slaEventId: null,
      isActive: true,
    });
    const priorities = await bmsRequest(
      emulator.url,
      token,
      '/v2/system/priorities/lookup',
    );
    expect(priorities.body.result).toEqual([
      { id: 1, name: 'Critical', color: null, isDefault: false },
      { id: 3, name: 'Medium', color: null, isDefault: true },
    ]);
    const queues = await bmsRequest(
      emulator.url,
      token,
      '/v2/system/queues/lookup',
    );
    expect(queues.body.result).toEqual([
      { id: 7, name: 'Security', isActive: true },
      { id: 8, name: 'Service Desk', isActive: true },
    ]);
  });

  it('answers an unknown route with 404', async () => {
    emulator = await startBmsEmulator(BMS_OPTIONS);
    const token = await logIn(emulator.url);
    const { status, body } = await bmsRequest(
      emulator.url,
      token,
      '/v2/system/nothing',
    );
    expect(status).toBe(404);
    expect(body.success).toBe(false);
  });
});
