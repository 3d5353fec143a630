import { describe, expect, it } from 'vitest';

import { formatSoakReport } from './soak-report';
import { runSoak } from './soak-runner';

/** Seed whose plan arms faults of many kinds and kills children. */
const SEED = 20261204;

describe('fault soak, short', () => {
  it('keeps one ticket per compromise', { timeout: 90_000 }, async () => {
    const report = await runSoak({
      rounds: 4,
      seed: SEED,
      compromises: 150,
      organizations: 8,
      maxAddedPerRound: 15,
      killProbability: 1,
    });
    const figures = formatSoakReport(report).join('\n');

    expect(report.duplicates, figures).toBe(0);
    expect(report.losses, figures).toBe(0);
    expect(report.wrongCompany, figures).toBe(0);
    expect(report.wrongFields, figures).toBe(0);
    expect(report.stuckRows, figures).toBe(0);
    expect(report.unrecordedSkips, figures).toBe(0);
    expect(report.strayTickets, figures).toBe(0);
    expect(report.ledgerMismatches, figures).toBe(0);
    expect(report.childTimeouts, figures).toBe(0);
    expect(report.secretLeaks, figures).toEqual([]);
    expect(report.settled, figures).toBe(true);
    expect(report.ok, figures).toBe(true);
    expect(report.kills, figures).toBeGreaterThanOrEqual(1);
    expect(
      Object.keys(report.faultsFired).length,
      figures,
    ).toBeGreaterThanOrEqual(3);
    expect(report.eligible, figures).toBeGreaterThan(0);
    expect(report.tickets, figures).toBe(report.eligible);
  });
});
