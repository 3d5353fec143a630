import { MAX_NAME_LENGTH } from '../../../shared/contract/calls';
import type {
  CompanyMapping,
  PendingChangeView,
} from '../../../shared/contract/models';
import { applyPendingChanges } from '../../engine/apply-pending-changes';
import { ConnectorError } from '../../errors';
import type { Store } from '../../store/open-store';
import type { Integration } from '../../store/repositories/integrations-repository';
import type { ConnectorService } from '../connector-service';
import type { HandlerMap, ParsedInput } from './handler-types';

type Calls =
  | 'company-mapping:get'
  | 'company-mapping:rename'
  | 'pending-changes:list'
  | 'pending-changes:apply';

/** Company mapping and the queue of remote renames. */
export const COMPANY_MAPPING_HANDLERS: HandlerMap<Calls> = {
  'company-mapping:get': (service, input) =>
    readCompanyMapping(service.store, input.integrationId),
  'company-mapping:rename': (service, input) => renameTarget(service, input),
  'pending-changes:list': service => service.store.pendingChanges.list(),
  'pending-changes:apply': service => applyQueue(service),
};

/**
 * Builds the mapping panel from the cache alone, without network requests,
 * in two queries. An account matches the organization whose name equals
 * its own exactly; among organizations sharing a name, the smallest uuid
 * wins, the same rule as `OrganizationsRepository.getByTitle`.
 */
function readCompanyMapping(
  store: Store,
  integrationId: number,
): CompanyMapping {
  requireIntegration(store, integrationId);
  const accounts = store.bmsCache.listAccountsWithPendingNames(integrationId);
  const organizations = store.organizations.listViews();
  const uuidByName = new Map<string, string>();
  for (const organization of organizations) {
    const existing = uuidByName.get(organization.title);
    if (existing === undefined || organization.uuid < existing) {
      uuidByName.set(organization.title, organization.uuid);
    }
  }
  return {
    integrationId,
    fetchedAt: store.bmsCache.fetchedAt(integrationId, 'accounts'),
    totalAccounts: accounts.length,
    catchallAccountId: readCatchallAccountId(store, integrationId),
    accounts: accounts.map(account => ({
      id: account.id,
      name: account.name,
      matchedOrganizationUuid: uuidByName.get(account.name) ?? null,
      pendingName: account.pendingName,
    })),
    organizations: organizations.map(organization => ({
      uuid: organization.uuid,
      name: organization.title,
      isEnabled: organization.isEnabled,
      integrationId: organization.integrationId,
      integrationName: organization.integrationName,
      pendingName: organization.pendingName,
    })),
  };
}

/**
 * Renames the cached account, or the organization when `accountId` is
 * null, and returns its name before the rename (null when not cached).
 */
function renameCached(
  store: ConnectorService['store'],
  integrationId: number,
  accountId: number | null,
  input: ParsedInput<'company-mapping:rename'>,
): string | null {
  if (accountId === null) {
    const previous = store.organizations.getByUuid(input.targetId);
    store.organizations.rename(input.targetId, input.newName);
    return previous?.title ?? null;
  }
  const previous = store.bmsCache.getAccount(integrationId, accountId);
  store.bmsCache.renameAccount(integrationId, accountId, input.newName);
  return previous?.name ?? null;
}

/**
 * Changes the cached name at once and queues the remote rename, in one
 * transaction, so matching and the next sync use the new name even while
 * the remote system cannot be reached. Returns null when the rename undid
 * a queued one, so nothing is left to send.
 */
function renameTarget(
  service: ConnectorService,
  input: ParsedInput<'company-mapping:rename'>,
): PendingChangeView | null {
  const { store } = service;
  const integration = requireIntegration(store, input.integrationId);
  const isAccount = input.target === 'bms-account';
  const accountId = isAccount ? parseAccountId(input.targetId) : null;
  const label =
    accountId === null
      ? `Dark Web ID organization ${input.targetId}`
      : `BMS account ${accountId}`;
  checkNewName(input.newName, label);

  const outcome = store.transaction(() => {
    const previousName = renameCached(store, integration.id, accountId, input);
    const queued = store.pendingChanges.enqueue({
      // Dark Web ID organizations belong to no integration.
      integrationId: accountId === null ? null : integration.id,
      target: input.target,
      targetId: accountId === null ? input.targetId : String(accountId),
      newName: input.newName,
      previousName,
    });
    if (queued.kind === 'unchanged') {
      // Thrown inside the transaction, so nothing is stored.
      throw new ConnectorError(
        'validation',
        `The ${label} is already named "${input.newName}"; nothing to rename.`,
      );
    }
    return queued;
  });
  service.emit({ type: 'data-changed', scope: 'pending-changes' });
  service.emit({
    type: 'data-changed',
    scope: isAccount ? 'cache' : 'organizations',
  });
  if (outcome.kind === 'withdrawn') return null;
  const change = store.pendingChanges.getById(outcome.id);
  if (change === null) {
    throw new ConnectorError(
      'internal',
      `Queued rename ${outcome.id} disappeared right after it was stored.`,
    );
  }
  return change;
}

/** Sends every queued rename now and reports what is left. */
async function applyQueue(
  service: ConnectorService,
): Promise<{ applied: number; remaining: number }> {
  const report = await applyPendingChanges(
    {
      store: service.store,
      createDwidClient: () => service.createDwidClient(),
      createBmsClient: (integration, onOutcome) =>
        service.createBmsClient(integration.id, onOutcome),
    },
    event => service.emit(event),
  );
  if (report.applied > 0) {
    service.emit({ type: 'data-changed', scope: 'cache' });
    service.emit({ type: 'data-changed', scope: 'organizations' });
  }
  if (report.applied > 0 || report.remaining > 0) {
    // Applied renames left the queue, failed ones gained an attempt.
    service.emit({ type: 'data-changed', scope: 'pending-changes' });
  }
  return report;
}

function requireIntegration(store: Store, integrationId: number): Integration {
  const integration = store.integrations.getById(integrationId);
  if (integration === null) {
    throw new ConnectorError(
      'not-found',
      `No integration has id ${integrationId}; reload the integrations ` +
        'and pick one from the list.',
    );
  }
  return integration;
}

/** Largest BMS id, because BMS stores ids as 32-bit integers. */
const MAX_ACCOUNT_ID = 2_147_483_647;

function parseAccountId(targetId: string): number {
  const accountId = /^\d+$/.test(targetId) ? Number(targetId) : Number.NaN;
  if (!(accountId >= 1 && accountId <= MAX_ACCOUNT_ID)) {
    throw new ConnectorError(
      'validation',
      `Invalid BMS account id "${targetId}"; expected a whole number ` +
        `from 1 to ${MAX_ACCOUNT_ID}.`,
    );
  }
  return accountId;
}

/** Unicode control characters (category Cc): tabs, line breaks, NUL … */
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * Rejects a name that is blank, longer than MAX_NAME_LENGTH UTF-16 code
 * units or contains a control character. A valid name is stored exactly as
 * typed, edge spaces included, because matching compares names exactly.
 */
function checkNewName(newName: string, label: string): void {
  const quotedName = JSON.stringify(
    newName.length > 60 ? `${newName.slice(0, 60)}…` : newName,
  );
  if (newName.trim() === '') {
    throw new ConnectorError(
      'validation',
      `The new name ${quotedName} for ${label} is blank; type a name with at ` +
        'least one character other than spaces.',
    );
  }
  if (newName.length > MAX_NAME_LENGTH) {
    throw new ConnectorError(
      'validation',
      `The new name ${quotedName} for ${label} has ${newName.length} ` +
        `characters; shorten it to at most ${MAX_NAME_LENGTH}.`,
    );
  }
  const control = CONTROL_CHARACTER.exec(newName);
  if (control !== null) {
    const codePoint = (control[0].codePointAt(0) ?? 0)
      .toString(16)
      .toUpperCase()
      .padStart(4, '0');
    throw new ConnectorError(
      'validation',
      `The new name ${quotedName} for ${label} contains the control character ` +
        `U+${codePoint}; remove it.`,
    );
  }
}

/** Returns the saved `Catchall Account` id, or null unless it is a whole number. */
function readCatchallAccountId(
  store: Store,
  integrationId: number,
): number | null {
  const content = store.fieldMappings.get(integrationId)['Catchall Account'];
  const text = content?.trim() ?? '';
  return /^\d+$/.test(text) ? Number(text) : null;
}
