import type { BmsEmulatorOptions } from '../../main/emulators/bms/bms-emulator';
import type {
  DwidCompromise,
  DwidOrganization,
} from '../../main/emulators/dwid/dwid-types';

export const DWID_USER = 'api@msp.example';
export const DWID_PASSWORD = 'dwid-test-password';
export const BMS_USER = 'svc@msp.example';
export const BMS_PASSWORD = 'bms-test-password';
export const BMS_TENANT = 'Example MSP';

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export const DWID_HEADERS = {
  authorization: basicAuth(DWID_USER, DWID_PASSWORD),
};

export function organization(index: number): DwidOrganization {
  return {
    uuid: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    title: `Organization ${index}`,
    status: 'Enabled',
  };
}

/** Compromise `index` of organization `org`, added `index` minutes after 2026-11-01. */
export function compromise(
  index: number,
  org = organization(1),
): DwidCompromise {
  const added = new Date(Date.UTC(2026, 10, 1, 0, index));
  return {
    uuid: `10000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    organization: org.uuid,
    search_value: `user${index}@example.com`,
    search_record: '20000000-0000-4000-8000-000000000001',
    record_type: 'Email',
    password: `FAKE-${index}`,
    password_status_name: 'Plaintext',
    hash_type: null,
    password_criteria: true,
    source: 'Adobe',
    origin: 'adobe.com',
    compromise: 'Adobe breach',
    record_status: 'Unresolved',
    detected: Math.floor(added.getTime() / 1000),
    date_added: added.toISOString().slice(0, 19).replace('T', ' '),
    occurred: '2013-10-04',
    pii_hit: null,
    attribution: [],
  };
}

export const BMS_OPTIONS: BmsEmulatorOptions = {
  users: [{ username: BMS_USER, password: BMS_PASSWORD, tenant: BMS_TENANT }],
  accounts: [
    { id: 2001, name: 'Contoso Ltd', isActive: true },
    { id: 2002, name: 'Fabrikam Inc', isActive: true },
    { id: 2003, name: 'Trey Research', isActive: false },
  ],
  locations: [
    { id: 4001, accountId: 2001, name: 'Main Office', isMain: true },
    { id: 4002, accountId: 2001, name: 'Warehouse', isMain: false },
    { id: 4003, accountId: 2002, name: 'Main Office', isMain: true },
  ],
  statuses: [
    { id: 1, name: 'New' },
    { id: 2, name: 'In Progress' },
  ],
  priorities: [
    { id: 1, name: 'Critical' },
    { id: 3, name: 'Medium', isDefault: true },
  ],
  queues: [
    { id: 7, name: 'Security' },
    { id: 8, name: 'Service Desk' },
  ],
};

/** Builds a `TicketInputDto` that every rule of BMS_OPTIONS accepts. */
export function validTicket(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    Title: 'Compromised credential: user1@example.com',
    Details: 'Found in the Adobe breach.',
    AccountId: 2001,
    LocationId: 4001,
    StatusId: 1,
    PriorityId: 1,
    TypeId: 2,
    SourceId: 5,
    QueueId: 7,
    OpenDate: '2026-12-01T10:00:00Z',
    ...overrides,
  };
}

/** Logs in with a urlencoded form and returns the access token. */
export async function logIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/v2/security/authenticate`, {
    method: 'POST',
    body: new URLSearchParams({
      UserName: BMS_USER,
      Password: BMS_PASSWORD,
      Tenant: BMS_TENANT,
      GrantType: 'password',
    }),
  });
  const body = (await response.json()) as {
    result: { accessToken: string };
  };
  return body.result.accessToken;
}

export type Envelope = {
  success: boolean;
  error: {
    code: number;
    message: string;
    details: string | null;
    subErrors: string[] | null;
  } | null;
  result: unknown;
  totalRecords?: number;
};

/** Sends an authenticated BMS request and returns status, headers and body. */
export async function bmsRequest(
  baseUrl: string,
  token: string,
  path: string,
  init: { method?: string; json?: unknown } = {},
): Promise<{ status: number; headers: Headers; body: Envelope }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Envelope,
  };
}
