import type { IntegrationReport, SyncReport } from '../../engine/sync/run-sync';
import { ConnectorError, toErrorData } from '../../errors';
import { getLogger } from '../../log/logger';
import {
  DELIVERY_STATES,
  type DeliveryState,
} from '../../store/repositories/deliveries-repository';
import type { ConnectorService } from '../../service/connector-service';
import { formatTable, printErrorLine, printJson, printLines } from '../output';

/** Shape of `sync --json`, stable for scripts. */
export function syncReportJson(report: SyncReport) {
  return {
    source: report.source,
    unassociated: report.unassociated,
    integrations: report.integrations.map(item => ({
      name: item.name,
      created: item.created,
      failed: item.failed,
      pending: item.pending,
      catchall: item.catchall,
      recovered: item.recovered,
      skipped: item.skipped,
      health: item.health,
      consecutiveFailures: item.consecutiveFailures,
      ...(item.error === undefined ? {} : { error: item.error }),
    })),
  };
}

/** Human-readable summary of one integration's part of a sync. */
function formatIntegrationReport(item: IntegrationReport): string[] {
  const health =
    item.health === 'healthy'
      ? 'healthy'
      : `UNHEALTHY after ${item.consecutiveFailures} consecutive failures`;
  const rows: string[][] = [
    ['Tickets created', String(item.created)],
    ['  of which sent to the Catchall Account', String(item.catchall)],
  ];
  if (item.recovered > 0) {
    rows.push([
      'Found in BMS after an interrupted run',
      String(item.recovered),
    ]);
  }
  for (const [reason, count] of Object.entries(item.skipped)) {
    rows.push([`Skipped: ${reason}`, String(count)]);
  }
  rows.push(
    ['Failed this run (will be retried)', String(item.failed)],
    ['Waiting for the next run', String(item.pending)],
  );
  const table = formatTable(['', 'COUNT'], rows)
    .slice(1)
    .map(line => `  ${line}`);
  const note = item.error === undefined ? [] : [`  Note: ${item.error}`];
  return [`Integration "${item.name}": ${health}`, ...table, ...note];
}

/** Human-readable summary of one sync. */
export function formatSyncReport(report: SyncReport): string[] {
  const { source } = report;
  const lines = [
    source.error === undefined
      ? `Dark Web ID: ${source.organizations} organizations, ${source.compromises} compromises pulled` +
        (source.invalidRecords > 0
          ? `, ${source.invalidRecords} malformed records skipped`
          : '')
      : `Dark Web ID: pull failed: ${source.error}`,
  ];
  if (report.unassociated > 0) {
    lines.push(
      `${report.unassociated} compromises belong to organizations associated with no integration (skipped: no-association)`,
    );
  }
  for (const item of report.integrations) {
    lines.push('', ...formatIntegrationReport(item));
  }
  return lines;
}

/** Lists what went wrong in a sync, one reason per entry. */
export function syncProblems(report: SyncReport): string[] {
  const problems: string[] = [];
  if (report.source.error !== undefined) {
    problems.push(`Dark Web ID pull failed: ${report.source.error}`);
  }
  for (const item of report.integrations) {
    const name = `integration "${item.name}"`;
    if (item.error !== undefined) problems.push(`${name}: ${item.error}`);
    if (item.health === 'unhealthy') {
      problems.push(
        `${name} is unhealthy after ${item.consecutiveFailures} consecutive failures`,
      );
    }
    if (item.failed > 0) {
      problems.push(`${name}: ${item.failed} deliveries failed`);
    }
  }
  return problems;
}

function parseInterval(value: string): number {
  const minutes = Number(value);
  if (value.trim() === '' || !Number.isFinite(minutes) || minutes <= 0) {
    throw new ConnectorError(
      'validation',
      `Invalid --interval "${value}"; use a number of minutes greater than 0`,
    );
  }
  return minutes * 60_000;
}

/**
 * Runs `sync`. With `--once` (or without `--interval`) a sync with any
 * problem exits with status 1 and one line on standard error after the
 * report, and the report stays the only document on standard output, so
 * `--json` output still parses. With `--interval` problems are only reported
 * and the next sync runs on schedule.
 */
export async function syncCommand(
  service: ConnectorService,
  options: { json?: boolean; once?: boolean; interval?: string },
): Promise<void> {
  const runOnce = async () => {
    const report = await service.sync();
    if (options.json === true) printJson(syncReportJson(report));
    else printLines(formatSyncReport(report));
    return report;
  };
  if (options.once === true || options.interval === undefined) {
    const problems = syncProblems(await runOnce());
    if (problems.length > 0) {
      const more =
        problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
      printErrorLine(`The sync did not complete: ${problems[0]}${more}`);
      process.exitCode = 1;
    }
    return;
  }
  const intervalMs = parseInterval(options.interval);
  for (;;) {
    try {
      await runOnce();
    } catch (error) {
      // A run that cannot start, such as one that finds another sync
      // running, is reported and the schedule goes on.
      const { message } = toErrorData(error);
      getLogger('sync').error(`Scheduled sync failed: ${message}`);
      printErrorLine(`The sync failed: ${message}`);
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}

export async function testTicketCommand(
  service: ConnectorService,
  options: { integration: string; json?: boolean },
): Promise<void> {
  const result = await service.submitTestTicket(options.integration);
  if (options.json === true) printJson(result);
  else {
    printLines([
      `Created test ticket ${result.ticketNumber} (id ${result.ticketId}) in account ${result.accountId}`,
    ]);
  }
}

function parseState(value: string | undefined): DeliveryState | undefined {
  if (value === undefined) return undefined;
  if ((DELIVERY_STATES as readonly string[]).includes(value)) {
    return value as DeliveryState;
  }
  throw new ConnectorError(
    'validation',
    `Invalid --state "${value}"; use one of: ${DELIVERY_STATES.join(', ')}`,
  );
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ConnectorError(
      'validation',
      `Invalid --limit "${value}"; use a whole number of at least 1`,
    );
  }
  return limit;
}

export function deliveriesCommand(
  service: ConnectorService,
  options: {
    json?: boolean;
    integration?: string;
    state?: string;
    limit?: string;
  },
): void {
  const integrationId =
    options.integration === undefined
      ? undefined
      : service.requireIntegration(options.integration).id;
  const rows = service.store.deliveries.list({
    integrationId,
    state: parseState(options.state),
    limit: parseLimit(options.limit),
  });
  if (options.json === true) {
    printJson(
      rows.map(({ integrationName, ...row }) => ({
        integration: integrationName,
        ...row,
      })),
    );
    return;
  }
  printLines(
    formatTable(
      ['INTEGRATION', 'COMPROMISE', 'STATE', 'TICKET', 'ACCOUNT', 'REASON'],
      rows.map(row => [
        row.integrationName,
        row.compromiseUuid,
        row.state,
        row.ticketNumber ?? '',
        row.accountId === null ? '' : String(row.accountId),
        row.reason ?? '',
      ]),
    ),
  );
}

export function healthCommand(
  service: ConnectorService,
  options: { json?: boolean },
): void {
  const report = service.listIntegrations().map(item => ({
    name: item.name,
    health: item.health,
    consecutiveFailures: item.consecutiveFailures,
    lastSyncAt: item.lastSyncAt,
    recentErrors: service.store.errors.list(item.id, 10),
  }));
  if (options.json === true) {
    printJson(report);
    return;
  }
  const lines: string[] = [];
  for (const item of report) {
    lines.push(
      `${item.name}: ${item.health} (${item.consecutiveFailures} consecutive failures, last sync ${item.lastSyncAt ?? 'never'})`,
    );
    for (const error of item.recentErrors) {
      lines.push(`  ${error.occurredAt}  ${error.operation}  ${error.message}`);
    }
  }
  printLines(lines.length > 0 ? lines : ['No integrations yet']);
}
