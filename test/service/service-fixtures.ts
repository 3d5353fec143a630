import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';

import type {
  CallInput,
  CallName,
  CallOutput,
} from '../../shared/contract/calls';
import type { ConnectorEvent } from '../../shared/contract/events';
import type { IntegrationInput } from '../../shared/contract/models';
import type { ErrorData } from '../../shared/errors';
import { dispatchCall } from '../../main/bridge/dispatch';
import { demoFieldMappings } from '../../main/emulators/seeded-emulators';
import { ConnectorService } from '../../main/service/connector-service';

const openServices: { service: ConnectorService; dataDir: string }[] = [];

afterEach(() => {
  for (const { service, dataDir } of openServices.splice(0)) {
    service.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** Opens a service on a fresh data folder that is deleted after the test. */
export function openService(): ConnectorService {
  const dataDir = mkdtempSync(join(tmpdir(), 'dwid-bms-service-'));
  const service = ConnectorService.open({ dataDir });
  openServices.push({ service, dataDir });
  return service;
}

/** Runs a call through the dispatcher and returns its value; fails if not ok. */
export async function call<N extends CallName>(
  service: ConnectorService,
  name: N,
  input: CallInput<N>,
): Promise<CallOutput<N>> {
  const result = await dispatchCall(service, name, input);
  if (!result.ok) {
    throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  }
  return result.value as CallOutput<N>;
}

/** Runs a call that must fail and returns its error. */
export async function callError(
  service: ConnectorService,
  name: CallName,
  input: unknown,
): Promise<ErrorData> {
  const result = await dispatchCall(service, name, input);
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error(`${name} succeeded unexpectedly`);
  return result.error;
}

/** Collects the events the service emits from now on. */
export function recordEvents(service: ConnectorService): ConnectorEvent[] {
  const events: ConnectorEvent[] = [];
  service.subscribe(event => events.push(event));
  return events;
}

/** Field mappings that pass every check, as a list for the contract. */
export function validMappings(
  overrides: Record<string, string> = {},
): { field: string; content: string }[] {
  const mappings: Record<string, string> = {
    ...demoFieldMappings(),
    Title: 'Compromised credential: [search_value]',
    Details: 'Found [search_value] at [source]. Password: [obscured_password]',
    ...overrides,
  };
  return Object.entries(mappings).map(([field, content]) => ({
    field,
    content,
  }));
}

/** Input of `integrations:save` that creates a valid integration. */
export function integrationInput(
  overrides: Partial<IntegrationInput> = {},
): IntegrationInput {
  return {
    name: 'Main BMS',
    // A loopback address that nothing listens on: saving never connects.
    bmsUrl: 'http://127.0.0.1:9',
    username: 'svc@msp.example',
    password: 'bms-password-1',
    company: 'Example MSP',
    conditions: { skipWithoutPassword: false, includeIpCompromises: false },
    fieldMappings: validMappings(),
    ...overrides,
  };
}
