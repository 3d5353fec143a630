import type { SoakReport } from './soak-runner';

/** Formats the figures of a soak as aligned `name  value` lines. */
export function formatSoakReport(report: SoakReport): string[] {
  const rows: [string, string][] = [
    ['result', report.ok ? 'OK' : 'FAILED'],
    ['seed', String(report.seed)],
    ['rounds', String(report.rounds)],
    ['compromises (distinct uuids)', String(report.compromises)],
    ['  eligible (Email, Domain)', String(report.eligible)],
    ['  skipped (IP)', String(report.skipped)],
    ['  malformed records sent', String(report.malformed)],
    ['  re-sent under an old uuid', String(report.resent)],
    ['  added late (shifted pages)', String(report.late)],
    ['organizations added mid-sync', String(report.newOrganizations)],
    ['kills (SIGKILL)', String(report.kills)],
    ['overlapping syncs', String(report.overlaps)],
    ['syncs rejected by the sync lock', String(report.lockRejections)],
    ['children failed', String(report.childFailures)],
    ['children hung', String(report.childTimeouts)],
    [
      'settle runs',
      `${report.settleRuns}${report.settled ? '' : ' (not settled)'}`,
    ],
    ['tickets', String(report.tickets)],
    ['duplicates', String(report.duplicates)],
    ['losses', String(report.losses)],
    ['wrong company', String(report.wrongCompany)],
    ['wrong fields', String(report.wrongFields)],
    ['stuck rows (pending, sending)', String(report.stuckRows)],
    ['skips without a reason', String(report.unrecordedSkips)],
    ['stray tickets', String(report.strayTickets)],
    ['ledger mismatches', String(report.ledgerMismatches)],
    [
      'data files holding a password',
      report.secretLeaks.length === 0 ? '0' : report.secretLeaks.join(', '),
    ],
    ['elapsed', `${report.elapsedSeconds.toFixed(1)} s`],
  ];
  const faultRows = Object.keys(report.faultsArmed)
    .sort()
    .map((label): [string, string] => [
      `  ${label}`,
      `${report.faultsArmed[label] ?? 0} armed, ${report.faultsFired[label] ?? 0} fired`,
    ]);
  const all = [
    ...rows,
    ['faults by kind', ''] as [string, string],
    ...faultRows,
  ];
  const width = Math.max(...all.map(([name]) => name.length));
  const lines = all.map(([name, value]) =>
    `${name.padEnd(width)}  ${value}`.trimEnd(),
  );
  if (report.examples.length > 0) lines.push('', ...report.examples);
  if (report.dataDir !== null) lines.push('', `data folder: ${report.dataDir}`);
  return lines;
}
