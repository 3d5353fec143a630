import type { BmsClient } from '../clients/bms/bms-client';
import type { DwidClient } from '../clients/dwid/dwid-client';
import { ConnectorError, toErrorData } from '../errors';
import { getLogger } from '../log/logger';
import type { Store } from '../store/open-store';
import type { PendingChange } from '../store/repositories/pending-changes-repository';
import type { EngineEventListener } from './sync/events';
import { HealthTracker } from './sync/health-tracker';
import type { SyncDependencies } from './sync/run-sync';

/** Dependencies of applyPendingChanges, a subset of a sync's dependencies. */
export type PendingChangeDependencies = Pick<
  SyncDependencies,
  'store' | 'createDwidClient' | 'createBmsClient'
>;

export type ApplyPendingReport = {
  /** Renames the remote system accepted, now removed from the queue. */
  readonly applied: number;
  /** Renames still queued, failed or not tried. */
  readonly remaining: number;
};

/** Result of sending one queued rename. */
type SendResult = 'applied' | 'superseded' | 'rejected' | 'unreachable';

/**
 * Sends every queued rename to its remote system. An applied rename leaves
 * the queue. A failed one stays with `attempts` + 1 and `last_error`, so the
 * UI shows it and a later run tries again. After a failure that the next
 * request would repeat (network, timeout, 5xx, 429, rejected sign-in), the
 * other renames for that system wait untried. BMS outcomes go through the
 * integration's HealthTracker like every other BMS request. Request
 * failures are recorded, not thrown, so only a storage error propagates.
 */
export async function applyPendingChanges(
  dependencies: PendingChangeDependencies,
  onEvent: EngineEventListener = () => undefined,
): Promise<ApplyPendingReport> {
  const { store } = dependencies;
  const changes = store.pendingChanges.list();
  let applied = 0;
  for (const [integrationId, group] of groupBmsChanges(changes)) {
    applied += await applyBmsRenames(
      dependencies,
      integrationId,
      group,
      onEvent,
    );
  }
  const organizationChanges = changes.filter(
    change => change.target === 'dwid-organization',
  );
  if (organizationChanges.length > 0) {
    applied += await applyDwidRenames(dependencies, organizationChanges);
  }
  const remaining = store.pendingChanges.list().length;
  if (changes.length > 0) {
    getLogger('pending-changes').info(
      { applied, remaining },
      'applied queued renames',
    );
  }
  return { applied, remaining };
}

function groupBmsChanges(
  changes: readonly PendingChange[],
): Map<number, PendingChange[]> {
  const groups = new Map<number, PendingChange[]>();
  for (const change of changes) {
    if (change.target !== 'bms-account' || change.integrationId === null) {
      continue;
    }
    const group = groups.get(change.integrationId) ?? [];
    group.push(change);
    groups.set(change.integrationId, group);
  }
  return groups;
}

async function applyBmsRenames(
  dependencies: PendingChangeDependencies,
  integrationId: number,
  changes: readonly PendingChange[],
  onEvent: EngineEventListener,
): Promise<number> {
  const { store } = dependencies;
  // The foreign key deletes the queue of a deleted integration.
  const integration = store.integrations.getById(integrationId);
  if (integration === null) return 0;
  const health = new HealthTracker(store, integration, onEvent);
  let client: BmsClient;
  try {
    client = dependencies.createBmsClient(integration, outcome =>
      health.record(outcome),
    );
  } catch (error) {
    // Typically a password that no longer decrypts. Each change keeps the
    // reason, and a sync records it among the integration's errors.
    markAllFailed(store, changes, toErrorData(error).message);
    return 0;
  }

  let applied = 0;
  for (const change of changes) {
    if (health.shouldStop) break;
    const result = await sendRename(
      store,
      change,
      () => client.renameAccount(Number(change.targetId), change.newName),
      // A new integration may take a deleted one's id. This run must not
      // touch the new integration's queue rows.
      () => health.checkDeleted(),
    );
    if (result === 'applied') applied += 1;
    if (result === 'unreachable') break;
  }
  health.flush();
  return applied;
}

async function applyDwidRenames(
  dependencies: PendingChangeDependencies,
  changes: readonly PendingChange[],
): Promise<number> {
  const { store } = dependencies;
  let client: DwidClient | null;
  try {
    client = dependencies.createDwidClient();
  } catch (error) {
    markAllFailed(store, changes, toErrorData(error).message);
    return 0;
  }
  if (client === null) {
    markAllFailed(
      store,
      changes,
      'No Dark Web ID connection is configured; set one up to send renames.',
    );
    return 0;
  }

  let applied = 0;
  for (const change of changes) {
    const dwid = client;
    const result = await sendRename(store, change, () =>
      dwid.renameOrganization(change.targetId, change.newName),
    );
    if (result === 'applied') applied += 1;
    if (result === 'unreachable') break;
  }
  return applied;
}

/**
 * Sends one rename and updates its queue row, found by its target (see
 * `PendingChangesRepository.settleSent`), so a rename queued again while
 * the request ran stays queued with its newer name. Leaves the queue alone
 * when `isIntegrationGone` finds the rename's integration deleted.
 */
async function sendRename(
  store: Store,
  change: PendingChange,
  send: () => Promise<unknown>,
  isIntegrationGone: () => boolean = () => false,
): Promise<SendResult> {
  try {
    await send();
  } catch (error) {
    if (isIntegrationGone()) return 'superseded';
    recordSendFailure(store, change, error);
    return isSystemWide(error) ? 'unreachable' : 'rejected';
  }
  if (isIntegrationGone()) return 'superseded';
  const outcome = store.pendingChanges.settleSent(change);
  if (outcome === 'not-queued') requeueWithdrawn(store, change);
  return outcome === 'removed' ? 'applied' : 'superseded';
}

function recordSendFailure(
  store: Store,
  change: PendingChange,
  error: unknown,
): void {
  const { code, message } = toErrorData(error);
  store.pendingChanges.markSendFailed(change, message);
  getLogger('pending-changes').warn(
    { changeId: change.id, target: change.target, targetId: change.targetId },
    `rename failed (${code}): ${message}`,
  );
  if (change.target === 'dwid-organization') {
    store.errors.recordSourceError({
      operation: 'dwid.rename-organization',
      code,
      message,
    });
  }
}

/**
 * Queues the cached name again after the technician withdrew `change`
 * while its name was being sent. The remote system now has the sent name,
 * and the cache has the name the technician went back to. Does nothing
 * when the cache has the sent name, as after another run sent the same
 * rename, or when the target is no longer cached.
 */
function requeueWithdrawn(store: Store, change: PendingChange): void {
  const cachedName =
    change.target === 'dwid-organization'
      ? (store.organizations.getByUuid(change.targetId)?.title ?? null)
      : cachedAccountName(store, change);
  if (cachedName === null || cachedName === change.newName) return;
  store.pendingChanges.enqueue({
    integrationId: change.integrationId,
    target: change.target,
    targetId: change.targetId,
    newName: cachedName,
    previousName: change.newName,
  });
}

function cachedAccountName(store: Store, change: PendingChange): string | null {
  const accountId = Number(change.targetId);
  if (change.integrationId === null || !Number.isSafeInteger(accountId)) {
    return null;
  }
  return (
    store.bmsCache.getAccount(change.integrationId, accountId)?.name ?? null
  );
}

/** True when the next request to the same system would fail the same way. */
function isSystemWide(error: unknown): boolean {
  if (!(error instanceof ConnectorError)) return false;
  return (
    error.isRetryable ||
    error.code === 'auth-failed' ||
    error.code === 'permission-denied'
  );
}

function markAllFailed(
  store: Store,
  changes: readonly PendingChange[],
  message: string,
): void {
  for (const change of changes) {
    store.pendingChanges.markSendFailed(change, message);
  }
}
