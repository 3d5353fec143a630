import type { BmsClient } from '../../clients/bms/bms-client';
import type { DwidClient } from '../../clients/dwid/dwid-client';
import type { ErrorCode } from '../../../shared/errors';
import { toErrorData } from '../../errors';
import { getLogger } from '../../log/logger';
import type { Store } from '../../store/open-store';
import { EngineLeaseLostError } from '../../store/repositories/engine-lease-repository';
import { applyPendingChanges } from '../apply-pending-changes';
import { validateFieldMappings } from '../tickets/validate-mappings';
import { catchallAccountProblem } from '../catchall-check';
import { decideDelivery } from '../conditions';
import { deliverPending, type DeliveryTally } from './deliver';
import type { EngineEventListener } from './events';
import { HealthTracker, type RequestOutcome } from './health-tracker';
import { reconcileSending } from './reconcile-sending';
import { DEFAULT_CACHE_MAX_AGE_MS, refreshBmsCache } from './refresh-bms-cache';
import {
  refreshSource,
  WATERMARK_KEY,
  type SourceTally,
} from './refresh-source';

/** Integration as the engine needs it; the password is read separately. */
export type SyncIntegration = {
  readonly id: number;
  readonly name: string;
  readonly skipWithoutPassword: boolean;
  readonly includeIpCompromises: boolean;
};

export type SyncDependencies = {
  readonly store: Store;
  /** Client for the configured source, or null when none is configured. */
  readonly createDwidClient: () => DwidClient | null;
  readonly createBmsClient: (
    integration: SyncIntegration,
    onOutcome: (outcome: RequestOutcome) => void,
  ) => BmsClient;
  /**
   * Throws when this engine may no longer deliver, because another engine
   * took over its lease. Called before each integration, claim and POST.
   */
  readonly checkLease?: () => void;
};

export type SyncOptions = {
  /** Ticket POSTs in flight at once per integration. */
  readonly concurrency?: number;
  readonly cacheMaxAgeMs?: number;
  /** How far before the watermark each pull starts, in ms. */
  readonly overlapMs?: number;
  readonly now?: () => Date;
  readonly onEvent?: EngineEventListener;
};

export type IntegrationReport = DeliveryTally & {
  readonly name: string;
  /** Deliveries still waiting after this run (pending or unsettled). */
  readonly pending: number;
  /** Compromises skipped by this run, by reason. */
  readonly skipped: Readonly<Record<string, number>>;
  readonly health: 'healthy' | 'unhealthy';
  readonly consecutiveFailures: number;
  /** Reason delivery did not run or stopped early, when it did. */
  readonly error?: string;
};

export type SyncReport = {
  readonly source: SourceTally;
  /** Compromises whose organization is associated with no integration. */
  readonly unassociated: number;
  /** One report per integration, leaving out any deleted during the run. */
  readonly integrations: readonly IntegrationReport[];
};

const DEFAULT_OVERLAP_MS = 2 * 60 * 60 * 1000;

/**
 * Runs one sync: pull from Dark Web ID, route new compromises into the
 * ledger, then deliver each integration's pending rows to Kaseya BMS.
 */
export async function runSync(
  dependencies: SyncDependencies,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const { store } = dependencies;
  const onEvent = options.onEvent ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  getLogger('sync').info('sync started');
  // Queued renames go first, so the refreshed caches below already carry
  // the new names whenever the remote systems accept them.
  await applyPendingChanges(dependencies, onEvent);

  const dwid = createSourceClient(dependencies);
  const source: SourceTally =
    'error' in dwid
      ? {
          organizations: 0,
          compromises: 0,
          invalidRecords: 0,
          error: dwid.error,
          ...(dwid.errorCode === undefined
            ? {}
            : { errorCode: dwid.errorCode }),
        }
      : await refreshSource(
          store,
          dwid.client,
          onEvent,
          options.overlapMs ?? DEFAULT_OVERLAP_MS,
        );

  const integrations = store.integrations.list();
  const skippedByIntegration = routeNewCompromises(store, integrations);
  if (source.newWatermark !== undefined) {
    // Only now are the pulled compromises in the ledger, so a crash before
    // this line pulls them again instead of losing them.
    store.syncState.set(WATERMARK_KEY, source.newWatermark);
  }
  onEvent({
    type: 'sync-progress',
    phase: 'routing',
    done: integrations.length,
  });

  const reports: IntegrationReport[] = [];
  for (const integration of integrations) {
    dependencies.checkLease?.();
    const report = await syncIntegration(dependencies, integration, {
      now,
      onEvent,
      concurrency: options.concurrency ?? 4,
      cacheMaxAgeMs: options.cacheMaxAgeMs ?? DEFAULT_CACHE_MAX_AGE_MS,
      skipped: skippedByIntegration.get(integration.id) ?? {},
    });
    if (report !== null) reports.push(report);
  }

  const unassociated =
    store.compromises.countBySkipReason()['no-association'] ?? 0;
  onEvent({ type: 'sync-progress', phase: 'done', done: reports.length });
  getLogger('sync').info({ integrations: reports.length }, 'sync finished');
  return { source, unassociated, integrations: reports };
}

/**
 * Returns the Dark Web ID client, or why there is none: not configured, or
 * it cannot be built (a password that no longer decrypts, say). A failure
 * is recorded, and the run still delivers what is already pending.
 */
function createSourceClient(
  dependencies: SyncDependencies,
): { client: DwidClient } | { error: string; errorCode?: ErrorCode } {
  try {
    const client = dependencies.createDwidClient();
    return client === null
      ? { error: 'No Dark Web ID connection is configured' }
      : { client };
  } catch (error) {
    const { code, message } = toErrorData(error);
    getLogger('sync').error({ code }, `Dark Web ID client failed: ${message}`);
    dependencies.store.errors.recordSourceError({
      operation: 'dwid.connect',
      code,
      message,
    });
    return { error: message, errorCode: code };
  }
}

function routeNewCompromises(
  store: Store,
  integrations: readonly SyncIntegration[],
): Map<number, Record<string, number>> {
  const skipped = new Map<number, Record<string, number>>();
  store.transaction(() => {
    store.deliveries.markUnassociated();
    for (const integration of integrations) {
      const routed = store.deliveries.routeNew(integration.id, compromise =>
        decideDelivery(compromise, integration),
      );
      skipped.set(integration.id, routed.skipped);
    }
  });
  return skipped;
}

type IntegrationRunOptions = {
  readonly now: () => Date;
  readonly onEvent: EngineEventListener;
  readonly concurrency: number;
  readonly cacheMaxAgeMs: number;
  readonly skipped: Readonly<Record<string, number>>;
};

/**
 * Delivers one integration's pending rows and returns its report. Returns
 * null, with no error stored, when the integration was deleted before or
 * during its turn.
 */
async function syncIntegration(
  dependencies: SyncDependencies,
  integration: SyncIntegration,
  options: IntegrationRunOptions,
): Promise<IntegrationReport | null> {
  const { store } = dependencies;
  const tally: DeliveryTally = {
    created: 0,
    catchall: 0,
    failed: 0,
    recovered: 0,
  };
  const health = new HealthTracker(store, integration, options.onEvent);
  if (health.checkDeleted()) return null;
  let error: string | undefined;
  try {
    const client = dependencies.createBmsClient(integration, outcome =>
      health.record(outcome),
    );
    error = await deliverIntegration(
      dependencies,
      integration,
      client,
      health,
      options,
      tally,
    );
  } catch (caught) {
    // A lost lease ends the whole sync: another engine now delivers.
    if (caught instanceof EngineLeaseLostError) throw caught;
    // Typically a password that can no longer be decrypted.
    const data = toErrorData(caught);
    health.recordFailure('bms.connect', data.code, data.message);
    error = data.message;
  }
  health.markSynced();
  // A deletion that no write noticed, such as one during the last POSTs.
  if (health.checkDeleted()) return null;
  return buildReport(store, integration, tally, options.skipped, error);
}

/**
 * Checks the field mappings before any delivery. Returns why delivery
 * cannot run when they are invalid. A Catchall Account unknown to BMS is
 * only recorded: matched companies still get their tickets, and catch-all
 * ones fail one by one with the BMS rejection and stay pending.
 */
function checkMappings(
  store: Store,
  integrationId: number,
  health: HealthTracker,
): string | undefined {
  const mappings = store.fieldMappings.get(integrationId);
  const problems = validateFieldMappings(mappings);
  if (problems.length > 0) {
    const message = problems.map(p => `${p.field}: ${p.message}`).join('; ');
    health.recordFailure('validate-mappings', 'validation', message);
    return `Field mappings are invalid: ${message}`;
  }

  const catchallProblem = catchallAccountProblem(
    store,
    integrationId,
    mappings,
  );
  if (catchallProblem !== undefined) {
    health.recordError('validate-mappings', 'validation', catchallProblem);
  }
  return undefined;
}

async function deliverIntegration(
  dependencies: SyncDependencies,
  integration: SyncIntegration,
  client: BmsClient,
  health: HealthTracker,
  options: IntegrationRunOptions,
  tally: DeliveryTally,
): Promise<string | undefined> {
  const { store } = dependencies;
  const cache = await refreshBmsCache(
    store,
    client,
    health,
    integration.id,
    options.now(),
    options.cacheMaxAgeMs,
  );
  if (!cache.hasAccounts) {
    const reason = cache.failure === null ? '' : ` (${cache.failure})`;
    return `Kaseya BMS accounts could not be loaded${reason}; deliveries wait for the next run`;
  }

  const mappingError = checkMappings(store, integration.id, health);
  if (mappingError !== undefined) return mappingError;

  const context = {
    store,
    client,
    integration,
    health,
    onEvent: options.onEvent,
    now: options.now,
    concurrency: options.concurrency,
    checkLease: dependencies.checkLease,
  };

  const reconciled = await reconcileSending(context, tally);
  if (!reconciled || health.shouldStop) {
    return 'Interrupted deliveries could not be checked in Kaseya BMS; they wait for the next run';
  }
  await deliverPending(context, tally);
  return health.stopReason;
}

function buildReport(
  store: Store,
  integration: SyncIntegration,
  tally: DeliveryTally,
  skipped: Readonly<Record<string, number>>,
  error: string | undefined,
): IntegrationReport {
  const counts = store.deliveries.counts(integration.id);
  const health = store.health.get(integration.id);
  return {
    name: integration.name,
    ...tally,
    pending: (counts.pending ?? 0) + (counts.sending ?? 0),
    skipped,
    health: health.isHealthy ? 'healthy' : 'unhealthy',
    consecutiveFailures: health.consecutiveFailures,
    ...(error === undefined ? {} : { error }),
  };
}
