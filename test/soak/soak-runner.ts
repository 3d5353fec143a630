import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import {
  startBmsEmulator,
  type BmsEmulator,
  type BmsFaultKind,
} from '../../main/emulators/bms/bms-emulator';
import {
  createSeededRandom,
  type SeededRandom,
} from '../../main/emulators/demo-data/random';
import {
  startDwidEmulator,
  type DwidEmulator,
} from '../../main/emulators/dwid/dwid-emulator';
import type { DwidOrganization } from '../../main/emulators/dwid/dwid-types';
import type { Fault } from '../../main/emulators/faults';
import { buildDemoSeed, type DemoSeed } from '../../main/emulators/seed';
import { configureLogging } from '../../main/log/logger';
import { ConnectorService } from '../../main/service/connector-service';
import { seedMappings } from '../support/harness';
import { CompromiseFeed, type FeedBatch } from './compromise-feed';
import {
  between,
  countFired,
  faultLabel,
  planRoundFaults,
  type RoundFaults,
} from './fault-plan';
import {
  checkSoak,
  readConnectorRecord,
  TITLE_MAPPING,
  type CheckFigures,
} from './soak-check';
import {
  runSyncChild,
  type ChildAction,
  type ChildRun,
  type KillTrigger,
} from './sync-process';
import { findSecretLeaks } from './secret-scan';

export type SoakOptions = {
  readonly rounds: number;
  /** PRNG seed of data, faults, kills and added records. */
  readonly seed: number;
  /** Compromises in the source at the start. Default 600 (three pages of 200). */
  readonly compromises?: number;
  /**
   * Organizations in the source, 12 if absent. The seed's name and account
   * variants need at least 6.
   */
  readonly organizations?: number;
  /** Chance that a round's child is killed. Default 0.5. */
  readonly killProbability?: number;
  /** Maximum new compromises added before a round. Default 30. */
  readonly maxAddedPerRound?: number;
  /** Whether to keep the data folder when the soak passes. */
  readonly keepData?: boolean;
  /** Receives one line per round and phase. */
  readonly log?: (line: string) => void;
};

export type SoakReport = CheckFigures & {
  /**
   * True when nothing was duplicated, lost, misrouted, stuck or unexplained,
   * and no child sync hung.
   */
  readonly ok: boolean;
  /** Files of the data folder that hold a password in plain text. */
  readonly secretLeaks: readonly string[];
  readonly seed: number;
  readonly rounds: number;
  /** Malformed records the source sent through `bad-record` faults. */
  readonly malformed: number;
  /** Records re-sent under a uuid the source had already sent. */
  readonly resent: number;
  /** Records added with a `date_added` before the newest one. */
  readonly late: number;
  /** Organizations added to the source during a sync. */
  readonly newOrganizations: number;
  readonly kills: number;
  /** Second syncs started while a round's sync ran. */
  readonly overlaps: number;
  /** Syncs that stopped at once because another sync held the lock. */
  readonly lockRejections: number;
  /** Children that exited with a non-zero status without being killed. */
  readonly childFailures: number;
  /** Children killed because they passed the time limit. */
  readonly childTimeouts: number;
  /** Fault-free syncs run after the rounds. */
  readonly settleRuns: number;
  readonly settled: boolean;
  readonly faultsArmed: Readonly<Record<string, number>>;
  readonly faultsFired: Readonly<Record<string, number>>;
  readonly elapsedSeconds: number;
  /** Data folder with the database and logs, kept when the soak failed. */
  readonly dataDir: string | null;
};

const INTEGRATION = 'Soak BMS';
const DWID_USERNAME = 'api@msp.example';
const BMS_USERNAME = 'svc@msp.example';
const BMS_TENANT = 'Example MSP';

/** Fault-free syncs after the rounds before the soak gives up settling. */
const MAX_SETTLE_RUNS = 10;

/** Start of the error that a sync raises when another sync holds the lock. */
const SYNC_CONFLICT_TEXT = 'Another sync is already running';

type World = {
  readonly seed: DemoSeed;
  readonly dwid: DwidEmulator;
  readonly bms: BmsEmulator;
  readonly feed: CompromiseFeed;
  readonly workDir: string;
  readonly dataDir: string;
  /** Both emulator passwords, which no file of the data folder may hold. */
  readonly secrets: readonly string[];
};

/** Counters shared by every round. */
type Tally = {
  kills: number;
  overlaps: number;
  lockRejections: number;
  /** Organizations added to the source during the soak. */
  organizations: number;
  childFailures: number;
  childTimeouts: number;
  malformed: number;
  resent: number;
  late: number;
  readonly armed: Map<string, number>;
  readonly fired: Map<string, number>;
  /** Round in which each ticket was stored, by ticket id. */
  readonly ticketRounds: Map<number, number>;
};

/**
 * Runs the fault soak: `rounds` syncs, each in a child process, against
 * both emulators with random faults armed, new and re-sent compromises
 * added, and the child killed at a random moment in some rounds. Then it
 * clears the faults, syncs until the ledger settles and checks the result
 * against the emulators' records.
 *
 * The seed fixes every random choice. Timing is not fixed: where a kill
 * lands depends on how fast the child runs.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const random = createSeededRandom(options.seed);
  const world = await startWorld(options);
  const tally: Tally = {
    kills: 0,
    overlaps: 0,
    lockRejections: 0,
    organizations: 0,
    childFailures: 0,
    childTimeouts: 0,
    malformed: 0,
    resent: 0,
    late: 0,
    armed: new Map(),
    fired: new Map(),
    ticketRounds: new Map(),
  };
  let report: SoakReport | undefined;
  try {
    for (let round = 1; round <= options.rounds; round += 1) {
      await runRound(world, random, options, tally, round, log);
    }
    const settle = await settleLedger(world, tally, options.rounds, log);
    const figures = checkSoak({
      compromises: world.dwid.state.compromises,
      organizations: world.dwid.state.organizations,
      bms: world.seed.bms,
      tickets: world.bms.tickets,
      connector: readConnectorRecord(join(world.dataDir, 'connector.db')),
      ticketRounds: tally.ticketRounds,
    });
    const secretLeaks = findSecretLeaks(world.dataDir, world.secrets);
    const ok =
      secretLeaks.length === 0 &&
      figures.duplicates === 0 &&
      figures.losses === 0 &&
      figures.wrongCompany === 0 &&
      figures.wrongFields === 0 &&
      figures.stuckRows === 0 &&
      figures.unrecordedSkips === 0 &&
      figures.strayTickets === 0 &&
      figures.ledgerMismatches === 0 &&
      tally.childTimeouts === 0;
    report = {
      ...figures,
      ok,
      secretLeaks,
      seed: options.seed,
      rounds: options.rounds,
      malformed: tally.malformed,
      resent: tally.resent,
      late: tally.late,
      newOrganizations: tally.organizations,
      kills: tally.kills,
      overlaps: tally.overlaps,
      lockRejections: tally.lockRejections,
      childFailures: tally.childFailures,
      childTimeouts: tally.childTimeouts,
      settleRuns: settle.runs,
      settled: settle.settled,
      faultsArmed: Object.fromEntries(tally.armed),
      faultsFired: Object.fromEntries(tally.fired),
      elapsedSeconds: (performance.now() - started) / 1000,
      dataDir: ok && options.keepData !== true ? null : world.dataDir,
    };
    return report;
  } finally {
    await Promise.all([world.dwid.close(), world.bms.close()]);
    if (report?.dataDir === null) {
      rmSync(world.workDir, { recursive: true, force: true });
    }
  }
}

/**
 * Starts both emulators with the seeded records and configures a fresh
 * data folder with one integration that takes every organization.
 */
async function startWorld(options: SoakOptions): Promise<World> {
  const initialCount = options.compromises ?? 600;
  const poolCount = options.rounds * (options.maxAddedPerRound ?? 30);
  const seed = buildDemoSeed({
    seed: options.seed,
    organizations: options.organizations ?? 12,
    compromises: initialCount + poolCount,
  });
  const initial = seed.dwid.compromises.slice(0, initialCount);
  const feed = new CompromiseFeed(
    initial,
    seed.dwid.compromises.slice(initialCount),
  );

  const workDir = mkdtempSync(join(tmpdir(), 'dwid-bms-soak-'));
  // Emulator errors, such as a request cut off by a killed child, go to a
  // file instead of the soak's output.
  configureLogging({ file: join(workDir, 'emulators.log') });

  const dwidPassword = randomBytes(12).toString('hex');
  const bmsPassword = randomBytes(12).toString('hex');
  const dwid = await startDwidEmulator({
    organizations: seed.dwid.organizations,
    compromises: initial,
    username: DWID_USERNAME,
    password: dwidPassword,
  });
  const bms = await startBmsEmulator({
    ...seed.bms,
    users: [
      { username: BMS_USERNAME, password: bmsPassword, tenant: BMS_TENANT },
    ],
  });

  const dataDir = join(workDir, 'data');
  const service = ConnectorService.open({ dataDir });
  try {
    service.apply(
      {
        source: {
          url: dwid.url,
          username: DWID_USERNAME,
          passwordEnv: 'DWID_PASSWORD',
        },
        integrations: [
          {
            name: INTEGRATION,
            bmsUrl: bms.url,
            username: BMS_USERNAME,
            passwordEnv: 'BMS_PASSWORD',
            company: BMS_TENANT,
            fieldMappings: { ...seedMappings(), Title: TITLE_MAPPING },
            organizations: '*',
          },
        ],
      },
      { env: { DWID_PASSWORD: dwidPassword, BMS_PASSWORD: bmsPassword } },
    );
  } finally {
    service.close();
  }
  return {
    seed,
    dwid,
    bms,
    feed,
    workDir,
    dataDir,
    secrets: [dwidPassword, bmsPassword],
  };
}

/**
 * Runs one round: adds records to the source, arms faults on both
 * emulators, runs one sync in a child process that it may kill, and then
 * disarms the faults that did not fire.
 */
async function runRound(
  world: World,
  random: SeededRandom,
  options: SoakOptions,
  tally: Tally,
  round: number,
  log: (line: string) => void,
): Promise<void> {
  const { dwid, bms } = world;
  // Every random draw of the round happens here, before the child starts,
  // so the plan depends on the seed alone.
  const maxAdded = options.maxAddedPerRound ?? 30;
  const before = world.feed.next(
    random,
    between(random, 0, maxAdded),
    between(random, 0, 5),
    0.3,
  );
  const faults = planRoundFaults(random);
  // A new organization appears together with its first compromises, so a
  // sync may pull them after it listed the organizations without it.
  const organization: DwidOrganization | undefined = random.chance(0.15)
    ? {
        uuid: random.uuid(),
        title: `Soak Organization ${round}`,
        status: 'Enabled',
      }
    : undefined;
  const midRun =
    organization !== undefined || random.chance(0.3)
      ? {
          atMs: between(random, 500, 3_000),
          batch: world.feed.next(
            random,
            between(random, 1, 10),
            1,
            0.8,
            organization?.uuid,
          ),
        }
      : undefined;
  const trigger = random.chance(options.killProbability ?? 0.5)
    ? planKill(random, faults, bms)
    : undefined;
  // A second sync on the same data folder, as when the desktop app's
  // schedule and the CLI start one at the same time.
  const overlapAtMs = random.chance(0.15)
    ? between(random, 0, 1_500)
    : undefined;

  dwid.addCompromises(before.records);
  countBatch(tally, before);
  armFaults(world, faults, tally);
  const action: ChildAction | undefined =
    midRun === undefined
      ? undefined
      : {
          atMs: midRun.atMs,
          run: () => {
            if (organization !== undefined) {
              dwid.addOrganizations([organization]);
              tally.organizations += 1;
            }
            dwid.addCompromises(midRun.batch.records);
            countBatch(tally, midRun.batch);
          },
        };

  const ticketsBefore = bms.tickets.length;
  const overlap =
    overlapAtMs === undefined
      ? undefined
      : delay(overlapAtMs).then(() => runSyncChild(world.dataDir));
  const run = await runSyncChild(world.dataDir, trigger, action);
  const second = await overlap;
  const fired = disarmFaults(world, faults, tally);
  recordTicketRounds(world, tally, ticketsBefore, round);
  countRun(tally, run);
  if (second !== undefined) {
    tally.overlaps += 1;
    countRun(tally, second);
  }

  log(
    [
      `round ${round}/${options.rounds}:`,
      `+${before.records.length} records (${before.late} late, ${before.resent} re-sent)`,
      midRun === undefined
        ? ''
        : `+${midRun.batch.records.length} during the sync${organization === undefined ? '' : ` (new organization)`};`,
      `faults ${describeFaults(faults)} (${fired} fired);`,
      describeRun(run, trigger),
      second === undefined
        ? ''
        : `second sync: ${describeRun(second, undefined)}`,
      `tickets ${bms.tickets.length} (+${bms.tickets.length - ticketsBefore})`,
    ]
      .filter(part => part !== '')
      .join(' '),
  );
}

/**
 * Chooses when to kill the child: after a random delay, once a number of
 * new tickets is stored, or right after an armed hang-after-store fault
 * stored its ticket (a crash between the POST and the ledger commit).
 */
function planKill(
  random: SeededRandom,
  faults: RoundFaults,
  bms: BmsEmulator,
): KillTrigger {
  const hang = faults.bms.find(fault => fault.kind === 'hang-after-store');
  const mode = random.pick(
    hang === undefined
      ? (['delay', 'tickets'] as const)
      : (['delay', 'tickets', 'hang'] as const),
  );
  if (mode === 'delay') {
    // Most round syncs end within 1 to 3 s, so later kills would rarely land.
    const delayMs = between(random, 300, 2_500);
    return {
      label: `at ${(delayMs / 1000).toFixed(1)} s`,
      isDue: elapsed => elapsed >= delayMs,
    };
  }
  const start = bms.tickets.length;
  if (mode === 'hang' && hang !== undefined) {
    return {
      label: 'after a hung POST',
      isDue: () => {
        const armed = bms.faults.pending.find(entry => entry.fault === hang);
        const hasFired =
          armed === undefined || armed.remaining < (hang.times ?? 1);
        return hasFired && bms.tickets.length > start;
      },
    };
  }
  const count = between(random, 1, 10);
  return {
    label: `after ${count} tickets`,
    isDue: () => bms.tickets.length >= start + count,
  };
}

function armFaults(world: World, faults: RoundFaults, tally: Tally): void {
  for (const fault of faults.bms) {
    world.bms.faults.add(fault);
    addCount(tally.armed, faultLabel('bms', fault), fault.times ?? 1);
  }
  for (const fault of faults.dwid) {
    world.dwid.faults.add(fault);
    addCount(tally.armed, faultLabel('dwid', fault), fault.times ?? 1);
  }
}

/** Counts the faults that fired, disarms the rest and returns the number fired. */
function disarmFaults(world: World, faults: RoundFaults, tally: Tally): number {
  const fired =
    countFired('bms', world.bms.faults, faults.bms, tally.fired) +
    countFired('dwid', world.dwid.faults, faults.dwid, tally.fired);
  const badRecords = new Map<string, number>();
  countFired(
    'dwid',
    world.dwid.faults,
    faults.dwid.filter(fault => fault.kind === 'bad-record'),
    badRecords,
  );
  tally.malformed += [...badRecords.values()].reduce((a, b) => a + b, 0);
  world.bms.faults.clear();
  world.dwid.faults.clear();
  return fired;
}

/**
 * Runs fault-free syncs until no ledger row is pending or sending and the
 * pull succeeded, at most MAX_SETTLE_RUNS times.
 */
async function settleLedger(
  world: World,
  tally: Tally,
  rounds: number,
  log: (line: string) => void,
): Promise<{ runs: number; settled: boolean }> {
  world.bms.faults.clear();
  world.dwid.faults.clear();
  for (let run = 1; run <= MAX_SETTLE_RUNS; run += 1) {
    const ticketsBefore = world.bms.tickets.length;
    const child = await runSyncChild(world.dataDir);
    recordTicketRounds(world, tally, ticketsBefore, rounds + run);
    countRun(tally, child);
    const record = readConnectorRecord(join(world.dataDir, 'connector.db'));
    const stuck = (record.states.pending ?? 0) + (record.states.sending ?? 0);
    log(
      `settle ${run}: ${describeRun(child, undefined)} tickets ${world.bms.tickets.length} (+${world.bms.tickets.length - ticketsBefore}), ${stuck} rows pending or sending`,
    );
    const pulled =
      child.report !== undefined && child.report.source.error === undefined;
    if (stuck === 0 && pulled) return { runs: run, settled: true };
  }
  return { runs: MAX_SETTLE_RUNS, settled: false };
}

function recordTicketRounds(
  world: World,
  tally: Tally,
  from: number,
  round: number,
): void {
  for (const ticket of world.bms.tickets.slice(from)) {
    tally.ticketRounds.set(ticket.id, round);
  }
}

function countRun(tally: Tally, run: ChildRun): void {
  if (run.timedOut) {
    tally.childTimeouts += 1;
  } else if (run.killed) {
    tally.kills += 1;
  } else if (run.stderrTail.includes(SYNC_CONFLICT_TEXT)) {
    tally.lockRejections += 1;
  } else if (run.exitCode !== 0) {
    tally.childFailures += 1;
  }
}

function countBatch(tally: Tally, batch: FeedBatch): void {
  tally.resent += batch.resent;
  tally.late += batch.late;
}

function addCount(counts: Map<string, number>, key: string, by: number): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

function describeFaults(faults: RoundFaults): string {
  const labels = [
    ...faults.bms.map((fault: Fault<BmsFaultKind>) => [
      faultLabel('bms', fault),
      fault.times ?? 1,
    ]),
    ...faults.dwid.map(fault => [faultLabel('dwid', fault), fault.times ?? 1]),
  ];
  return labels.map(([label, times]) => `${label}×${times}`).join(', ');
}

function describeRun(run: ChildRun, trigger: KillTrigger | undefined): string {
  const seconds = `${(run.elapsedMs / 1000).toFixed(1)} s`;
  if (run.timedOut) return `child HUNG, killed after ${seconds};`;
  if (run.killed) return `child killed ${trigger?.label ?? ''} (${seconds});`;
  const integration = run.report?.integrations[0];
  if (run.stderrTail.includes(SYNC_CONFLICT_TEXT)) {
    return `rejected by the sync lock after ${seconds};`;
  }
  if (run.report === undefined || integration === undefined) {
    const lines = run.stderrTail.split('\n');
    const reason =
      lines.find(line => /error/i.test(line)) ?? lines.slice(-3).join(' | ');
    return `child FAILED with status ${String(run.exitCode)} after ${seconds}: ${reason.trim()};`;
  }
  const pull =
    run.report.source.error === undefined ? 'pull ok' : 'pull failed';
  const note = integration.error === undefined ? '' : ` (${integration.error})`;
  return (
    `sync done in ${seconds}: ${pull}, created ${integration.created}, ` +
    `recovered ${integration.recovered}, failed ${integration.failed}, ` +
    `waiting ${integration.pending}${note};`
  );
}
