import { performance } from 'node:perf_hooks';

import type { RateBudget } from '../main/clients/bms/request-budget';
import {
  buildEligibleSeed,
  createCredentials,
  createDataDir,
  openConfiguredService,
  removeDataDir,
  startBenchBms,
  startBenchDwid,
} from './bench-setup';

export type RateBudgetRun = {
  /** Budget the engine's BMS client enforces, or null for none. */
  readonly clientBudget: RateBudget | null;
  readonly backlog: number;
  readonly created: number;
  /** Rows still pending or sending after the sync. */
  readonly pending: number;
  readonly drained: boolean;
  /** HTTP 429 responses on every endpoint. */
  readonly responses429: number;
  readonly responses429ByEndpoint: Readonly<Record<string, number>>;
  /** From the first to the last ticket recorded as sent, in seconds. */
  readonly postSpanSeconds: number;
  /** Budget windows the POSTs touched: the span divided by the window, rounded up. */
  readonly windowsElapsed: number;
  /** Tickets created divided by (limit × windows elapsed). */
  readonly budgetShare: number;
  readonly syncSeconds: number;
  /** The integration's error after the run, when it reported one. */
  readonly error?: string;
};

export type RateBudgetResult = {
  readonly serverBudget: RateBudget;
  readonly runs: readonly RateBudgetRun[];
};

/**
 * Syncs a backlog of `backlog` tickets against a BMS emulator that responds
 * with HTTP 429 past `serverBudget`, with the engine's client pacing itself by
 * `clientBudget` (null: it only reacts to 429).
 */
async function runWithBudget(
  backlog: number,
  serverBudget: RateBudget,
  clientBudget: RateBudget | null,
): Promise<RateBudgetRun> {
  const seed = buildEligibleSeed(backlog);
  const credentials = createCredentials();
  const dwid = await startBenchDwid(seed, credentials);
  const bms = await startBenchBms(seed, credentials, serverBudget);
  const dataDir = createDataDir('rate');
  const service = openConfiguredService({
    dataDir,
    dwidUrl: dwid.url,
    bmsUrl: bms.url,
    credentials,
    clientTuning: { bmsBudget: clientBudget },
  });
  try {
    let firstSentAt: number | undefined;
    let lastSentAt = Number.NaN;
    const startedAt = performance.now();
    const report = await service.sync({
      onEvent: event => {
        if (event.type !== 'delivery' || event.state !== 'sent') return;
        lastSentAt = performance.now();
        firstSentAt ??= lastSentAt;
      },
    });
    const syncSeconds = (performance.now() - startedAt) / 1000;
    const integration = report.integrations[0];
    const created = integration?.created ?? 0;
    const pending = integration?.pending ?? backlog;
    const spanMs = lastSentAt - (firstSentAt ?? lastSentAt);
    const windowsElapsed = Math.max(
      1,
      Math.ceil(spanMs / serverBudget.windowMs),
    );
    const byEndpoint: Record<string, number> = {};
    for (const entry of bms.requests) {
      if (entry.status !== 429) continue;
      const key = `${entry.method} ${entry.path}`;
      byEndpoint[key] = (byEndpoint[key] ?? 0) + 1;
    }
    return {
      clientBudget,
      backlog,
      created,
      pending,
      drained: created === backlog && pending === 0,
      responses429: Object.values(byEndpoint).reduce((a, b) => a + b, 0),
      responses429ByEndpoint: byEndpoint,
      postSpanSeconds: spanMs / 1000,
      windowsElapsed,
      budgetShare: created / (serverBudget.limit * windowsElapsed),
      syncSeconds,
      ...(integration?.error === undefined ? {} : { error: integration.error }),
    };
  } finally {
    service.close();
    await Promise.all([dwid.close(), bms.close()]);
    removeDataDir(dataDir);
  }
}

/**
 * Drains `windows` full windows of backlog twice: once with the client's
 * limiter set to the server's budget, once with no client limiter.
 */
export async function measureRateBudget(
  serverBudget: RateBudget,
  windows: number,
): Promise<RateBudgetResult> {
  const backlog = serverBudget.limit * windows;
  return {
    serverBudget,
    runs: [
      await runWithBudget(backlog, serverBudget, serverBudget),
      await runWithBudget(backlog, serverBudget, null),
    ],
  };
}
