import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Compromise, Organization } from '../../shared/domain';
import { openStore, type Store } from '../../main/store/open-store';
import { createKeyFileSecretBox } from '../../main/store/secret-box';
import type { IntegrationInput } from '../../main/store/repositories/integrations-repository';

const createdDirs: string[] = [];

afterEach(() => {
  for (const dir of createdDirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Creates a temporary folder that is deleted after the current test. */
export function makeTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dwid-bms-store-'));
  createdDirs.push(dir);
  return dir;
}

/** Returns a clock that starts at a fixed time and advances 1 s per call. */
export function steppingClock(start = '2026-01-01T00:00:00.000Z'): () => Date {
  let millis = Date.parse(start);
  return () => {
    const current = new Date(millis);
    millis += 1000;
    return current;
  };
}

/** Opens an in-memory store whose key file lives in a temporary folder. */
export function openMemoryStore(): Store {
  return openStore({
    file: ':memory:',
    secretBox: createKeyFileSecretBox(makeTempDir()),
    now: steppingClock(),
  });
}

export function integrationInput(
  overrides: Partial<IntegrationInput> = {},
): IntegrationInput {
  return {
    name: 'Acme BMS',
    bmsUrl: 'https://bms.example.test',
    apiBaseUrl: 'https://api.bms.example.test',
    username: 'tech@example.test',
    tenant: 'acme',
    password: 'bms-password',
    skipWithoutPassword: false,
    includeIpCompromises: false,
    ...overrides,
  };
}

export function organization(uuid: string, title: string): Organization {
  return { uuid, title, isEnabled: true };
}

export function compromise(
  uuid: string,
  organizationUuid: string,
  overrides: Partial<Compromise> = {},
): Compromise {
  return {
    uuid,
    organizationUuid,
    recordType: 'Email',
    searchValue: `${uuid}@example.test`,
    password: 'hunter22',
    passwordCriteria: 'Matches',
    source: 'breach-list',
    origin: 'paste site',
    compromise: 'Example breach',
    dateAdded: '2026-01-02T03:04:05.000Z',
    dateFound: '2026-01-01T00:00:00.000Z',
    pii: [{ firstName: 'Ada' }],
    ...overrides,
  };
}
