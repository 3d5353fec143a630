import type { IntegrationInput } from '../../../shared/contract/models';
import type { Result } from '../../../shared/errors';
import { demoFieldMappings } from '../../../main/emulators/seeded-emulators';
import type { Stack } from './fixtures';

/** Title mapping that every integration set up here starts with. */
export const DEFAULT_TITLE = 'Compromised credential: [search_value]';

/** Input of `integrations:save` for the stack's BMS with the seed's ids. */
export function demoIntegrationInput(
  stack: Stack,
  name: string,
): IntegrationInput {
  const ids = Object.entries(demoFieldMappings()).map(([field, content]) => ({
    field,
    content,
  }));
  return {
    name,
    bmsUrl: stack.bmsUrl,
    username: stack.bmsUsername,
    password: stack.bmsPassword,
    company: stack.bmsTenant,
    conditions: { skipWithoutPassword: false, includeIpCompromises: false },
    fieldMappings: [
      ...ids,
      { field: 'Title', content: DEFAULT_TITLE },
      { field: 'Details', content: 'Found [search_value] in [source].' },
    ],
  };
}

function unwrap<T>(result: Result<T>, callName: string): T {
  if (!result.ok) {
    throw new Error(`${callName} failed: ${result.error.message}`);
  }
  return result.value;
}

/**
 * Creates an integration over the bridge, pulls organizations from Dark Web
 * ID and copies the BMS accounts, so the screens have data to show.
 * Returns the integration id.
 */
export async function setUpIntegration(
  stack: Stack,
  name: string,
): Promise<number> {
  const saved = unwrap(
    await stack.call('integrations:save', demoIntegrationInput(stack, name)),
    'integrations:save',
  );
  unwrap(await stack.call('source:refresh', {}), 'source:refresh');
  unwrap(
    await stack.call('integrations:refresh-cache', { id: saved.id }),
    'integrations:refresh-cache',
  );
  return saved.id;
}

/** Associates the named organizations with the integration over the bridge. */
export async function associateOrganizations(
  stack: Stack,
  integrationId: number,
  names: readonly string[],
): Promise<void> {
  const organizations = unwrap(
    await stack.call('organizations:list', {}),
    'organizations:list',
  );
  for (const name of names) {
    const organization = organizations.find(item => item.name === name);
    if (organization === undefined) {
      throw new Error(`Organization "${name}" is not in the seed.`);
    }
    unwrap(
      await stack.call('organizations:associate', {
        organizationUuid: organization.uuid,
        integrationId,
      }),
      'organizations:associate',
    );
  }
}

/** Reads a stored integration over the bridge. */
export async function readIntegration(stack: Stack, id: number) {
  return unwrap(
    await stack.call('integrations:get', { id }),
    'integrations:get',
  );
}

/** Returns the content of one stored field mapping, or undefined. */
export async function readMapping(
  stack: Stack,
  id: number,
  field: string,
): Promise<string | undefined> {
  const detail = await readIntegration(stack, id);
  return detail.fieldMappings.find(mapping => mapping.field === field)?.content;
}
