/**
 * Child process of the scale benchmark, so that its memory figures cover
 * the connector alone and not the emulators. It reads one `ScaleChildTask`
 * as JSON from argv[2] and sends one `ScaleChildResult` over IPC.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { decideDelivery } from '../main/engine/conditions';
import { configureLogging } from '../main/log/logger';
import {
  ConnectorService,
  DATABASE_FILE,
} from '../main/service/connector-service';
import {
  CLEAR_UNASSOCIATED_SQL,
  MARK_UNASSOCIATED_SQL,
  UNROUTED_COMPROMISES_SQL,
} from '../main/store/repositories/deliveries-repository';
import { openConfiguredService, type BenchCredentials } from './bench-setup';
import { readTask } from './child-task';

export type ScaleChildTask =
  | {
      readonly mode: 'sync';
      readonly dataDir: string;
      readonly dwidUrl: string;
      readonly bmsUrl: string;
      readonly credentials: BenchCredentials;
      readonly sampleIntervalMs: number;
    }
  | { readonly mode: 'ready'; readonly dataDir: string };

export type SyncChildResult = {
  readonly mode: 'sync';
  readonly seconds: number;
  readonly created: number;
  readonly pending: number;
  /** RSS after the service was opened and configured, before the sync. */
  readonly rssBeforeMb: number;
  /** Largest RSS among the samples taken during the sync. */
  readonly rssPeakSampledMb: number;
  /** `process.resourceUsage().maxRSS` at the end: the whole process life. */
  readonly maxRssMb: number;
  readonly heapUsedPeakMb: number;
  /** Largest main file + WAL size among the samples. */
  readonly databasePeakMb: number;
  readonly databaseMainMb: number;
  readonly walMb: number;
};

export type ReadyChildResult = {
  readonly mode: 'ready';
  readonly ledgerRows: number;
  readonly openMs: number;
  readonly listIntegrationsMs: number;
  /** The routing transaction a sync starts with: markUnassociated and routeNew. */
  readonly routingMs: number;
  /** Open, list integrations and route: the time until a sync can deliver. */
  readonly readyMs: number;
  /** The `sending` and `pending` ledger reads that delivery starts with. */
  readonly ledgerReadMs: number;
  readonly queryPlans: Readonly<Record<string, readonly string[]>>;
};

export type ScaleChildResult = SyncChildResult | ReadyChildResult;

const MB = 1024 * 1024;

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

async function runSync(
  task: Extract<ScaleChildTask, { mode: 'sync' }>,
): Promise<SyncChildResult> {
  const service = openConfiguredService({
    dataDir: task.dataDir,
    dwidUrl: task.dwidUrl,
    bmsUrl: task.bmsUrl,
    credentials: task.credentials,
    // A full budget of 1,500 calls per hour would stop the run at 1,500.
    clientTuning: { bmsBudget: null },
  });
  const databaseFile = join(task.dataDir, DATABASE_FILE);
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  let heapPeak = 0;
  let databasePeak = 0;
  const sample = (): void => {
    const memory = process.memoryUsage();
    rssPeak = Math.max(rssPeak, memory.rss);
    heapPeak = Math.max(heapPeak, memory.heapUsed);
    databasePeak = Math.max(
      databasePeak,
      fileSize(databaseFile) + fileSize(`${databaseFile}-wal`),
    );
  };
  const timer = setInterval(sample, task.sampleIntervalMs);
  try {
    const startedAt = performance.now();
    const report = await service.sync();
    const seconds = (performance.now() - startedAt) / 1000;
    sample();
    const integration = report.integrations[0];
    return {
      mode: 'sync',
      seconds,
      created: integration?.created ?? 0,
      pending: integration?.pending ?? 0,
      rssBeforeMb: rssBefore / MB,
      rssPeakSampledMb: rssPeak / MB,
      // maxRSS is in kilobytes.
      maxRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
      heapUsedPeakMb: heapPeak / MB,
      databasePeakMb: databasePeak / MB,
      databaseMainMb: fileSize(databaseFile) / MB,
      walMb: fileSize(`${databaseFile}-wal`) / MB,
    };
  } finally {
    clearInterval(timer);
    service.close();
  }
}

function explain(service: ConnectorService, sql: string): string[] {
  return service.store.db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all({ integrationId: 1, reason: 'no-association' })
    .map(row => row.detail);
}

function runReady(dataDir: string): ReadyChildResult {
  const startedAt = performance.now();
  const service = ConnectorService.open({ dataDir });
  const openedAt = performance.now();
  try {
    const integrations = service.listIntegrations();
    const listedAt = performance.now();
    const { store } = service;
    store.transaction(() => {
      store.deliveries.markUnassociated();
      for (const integration of store.integrations.list()) {
        store.deliveries.routeNew(integration.id, compromise =>
          decideDelivery(compromise, integration),
        );
      }
    });
    const routedAt = performance.now();
    for (const integration of integrations) {
      store.deliveries.listByState(
        integration.id,
        'sending',
        Number.MAX_SAFE_INTEGER,
      );
      store.deliveries.listByState(
        integration.id,
        'pending',
        Number.MAX_SAFE_INTEGER,
      );
    }
    const ledgerReadAt = performance.now();
    const ledgerRows = store.db
      .prepare<[], number>('SELECT COUNT(*) FROM deliveries')
      .pluck()
      .get();
    return {
      mode: 'ready',
      ledgerRows: ledgerRows ?? 0,
      openMs: openedAt - startedAt,
      listIntegrationsMs: listedAt - openedAt,
      routingMs: routedAt - listedAt,
      readyMs: routedAt - startedAt,
      ledgerReadMs: ledgerReadAt - routedAt,
      queryPlans: {
        unroutedCompromises: explain(service, UNROUTED_COMPROMISES_SQL),
        markUnassociated: explain(service, MARK_UNASSOCIATED_SQL),
        clearUnassociated: explain(service, CLEAR_UNASSOCIATED_SQL),
      },
    };
  } finally {
    service.close();
  }
}

async function main(): Promise<void> {
  configureLogging({ level: 'error' });
  const task = readTask<ScaleChildTask>();
  const result: ScaleChildResult =
    task.mode === 'sync' ? await runSync(task) : runReady(task.dataDir);
  process.send?.(result);
}

await main();
