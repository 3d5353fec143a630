import type { DwidClient } from '../../clients/dwid/dwid-client';
import type { ErrorCode } from '../../../shared/errors';
import { toErrorData } from '../../errors';
import { getLogger } from '../../log/logger';
import type { Store } from '../../store/open-store';
import type { EngineEventListener } from './events';
import { PullBatch } from './pull-batch';

/** Key in `sync_state` of the newest `dateAdded` already pulled. */
export const WATERMARK_KEY = 'dwid.compromises.watermark';

export type SourceTally = {
  organizations: number;
  compromises: number;
  invalidRecords: number;
  /** Set when Dark Web ID could not be read; the run still delivers. */
  error?: string;
  /** Stable code of `error`, e.g. `network` when Dark Web ID was unreachable. */
  errorCode?: ErrorCode;
  /** Newest `dateAdded` seen, to store once the run has routed them. */
  newWatermark?: string;
};

/**
 * Pulls organizations and the compromises added since the watermark into
 * the store. A failure is recorded among the source errors and ends the
 * pull, but what was stored before it stays.
 */
export async function refreshSource(
  store: Store,
  client: DwidClient,
  onEvent: EngineEventListener,
  overlapMs: number,
): Promise<SourceTally> {
  const tally: SourceTally = {
    organizations: 0,
    compromises: 0,
    invalidRecords: 0,
  };
  try {
    const organizations = await client.listOrganizations();
    store.organizations.upsertMany(organizations);
    recordSelectorConflicts(store, store.associations.applySelectors());
    tally.organizations = organizations.length;
    onEvent({
      type: 'sync-progress',
      phase: 'organizations',
      done: organizations.length,
    });

    await pullCompromises(store, client, onEvent, overlapMs, tally);
  } catch (error) {
    const { code, message } = toErrorData(error);
    tally.error = message;
    tally.errorCode = code;
    getLogger('sync').error({ code }, `Dark Web ID pull failed: ${message}`);
    store.errors.recordSourceError({ operation: 'dwid.pull', code, message });
  }
  return tally;
}

/**
 * Records each organization that a configuration names for an integration
 * while another integration already has it, so the error list shows why it
 * sends no tickets through this one.
 */
export function recordSelectorConflicts(
  store: Store,
  outcome: ReturnType<Store['associations']['applySelectors']>,
): void {
  for (const conflict of outcome.conflicts) {
    const title =
      store.organizations.getByUuid(conflict.organizationUuid)?.title ??
      conflict.organizationUuid;
    store.errors.recordIntegrationError(conflict.integrationId, {
      operation: 'associate-organizations',
      code: 'conflict',
      message:
        `Organization "${title}" is associated with "${conflict.otherIntegrationName}", ` +
        `so "${conflict.integrationName}" does not send its tickets; an organization ` +
        'can be associated with one integration only.',
    });
  }
}

async function pullCompromises(
  store: Store,
  client: DwidClient,
  onEvent: EngineEventListener,
  overlapMs: number,
  tally: SourceTally,
): Promise<void> {
  const watermark = store.syncState.get(WATERMARK_KEY);
  const since = watermark === null ? undefined : new Date(watermark);
  let newest = watermark ?? '';
  const batch = new PullBatch(store, pages => {
    for (const page of pages) {
      for (const record of page.compromises) {
        if (record.dateAdded > newest) newest = record.dateAdded;
      }
      tally.compromises += page.compromises.length;
      tally.invalidRecords += page.invalid.length;
    }
    onEvent({
      type: 'sync-progress',
      phase: 'compromises',
      done: tally.compromises,
    });
  });

  try {
    await client.walkCompromises({ since, overlapMs }, page => {
      batch.add(page);
    });
  } catch (error) {
    // Pages pulled before the failure are stored all the same, and the
    // pull's error stays the one reported even if storing them fails too.
    storeAfterFailure(batch);
    throw error;
  }
  batch.flush();
  if (newest !== '' && newest !== watermark) tally.newWatermark = newest;
}

function storeAfterFailure(batch: PullBatch): void {
  try {
    batch.flush();
  } catch (error) {
    const { code, message } = toErrorData(error);
    getLogger('sync').error(
      { code },
      `Pull failed, and storing the pages pulled before it failed too: ${message}`,
    );
  }
}
