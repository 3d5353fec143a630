import type { SyncSummary } from '../../shared/contract/models';
import type { SyncReport } from '../engine/sync/run-sync';

/**
 * Condenses a sync report for the UI. A run is complete when Dark Web ID was
 * read and every integration delivered everything it had waiting.
 */
export function summarizeSync(
  report: SyncReport,
  startedAt: Date,
  finishedAt: Date,
): SyncSummary {
  const { integrations } = report;
  const sum = (pick: (item: SyncReport['integrations'][number]) => number) =>
    integrations.reduce((total, item) => total + pick(item), 0);
  const problems = [
    ...(report.source.error === undefined
      ? []
      : [`Dark Web ID: ${report.source.error}`]),
    ...integrations
      .filter(item => item.error !== undefined)
      .map(item => `${item.name}: ${item.error ?? ''}`),
  ];
  const waiting = sum(item => item.pending);

  return {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    ticketsCreated: sum(item => item.created),
    skipped: sum(item =>
      Object.values(item.skipped).reduce((total, count) => total + count, 0),
    ),
    failed: waiting,
    isComplete: problems.length === 0 && waiting === 0,
    message: problems.length === 0 ? null : problems.join(' '),
  };
}

/**
 * True when the run could not reach Dark Web ID over the network, which the
 * desktop shell takes as the workstation being offline. It is decided from
 * the failure itself, because the browser's online flag only reports that some
 * network interface is up.
 */
export function isOfflineSync(report: SyncReport): boolean {
  const code = report.source.errorCode;
  return code === 'network' || code === 'timeout';
}
