import { performance } from 'node:perf_hooks';

import pLimit from 'p-limit';

import { BmsClient } from '../main/clients/bms/bms-client';
import type { TicketInputDto } from '../main/clients/bms/ticket-input-dto';
import {
  BMS_TENANT,
  BMS_USERNAME,
  createCredentials,
  createDataDir,
  ENGINE_DEFAULT_CONCURRENCY,
  openConfiguredService,
  removeDataDir,
  type BenchCredentials,
} from './bench-setup';
import { startEmulatorProcess } from './emulator-process';
import { startSideWork, type SideWork } from './side-work';

export type EngineRun = {
  readonly seconds: number;
  /** From the start of `sync` to the end of routing: pull, store, route. */
  readonly pullAndRouteSeconds: number;
  /** From the end of routing to the end of `sync`: BMS cache and POSTs. */
  readonly deliverSeconds: number;
  readonly created: number;
  readonly ticketsPerSecond: number;
  readonly deliverTicketsPerSecond: number;
  /** CPU time of this process during the sync, per ticket, in ms. */
  readonly cpuMsPerTicket: number;
  /** CPU time of the BMS emulator process, per ticket, in ms. */
  readonly emulatorCpuMsPerTicket: number;
};

export type BaselineRun = {
  readonly seconds: number;
  readonly created: number;
  readonly ticketsPerSecond: number;
  /** CPU time of this process during the POSTs, per ticket, in ms. */
  readonly cpuMsPerTicket: number;
  /** CPU time of the BMS emulator process, per ticket, in ms. */
  readonly emulatorCpuMsPerTicket: number;
};

/** A baseline run with CPU work on a second thread; see bench/side-work.ts. */
export type CeilingRun = {
  /** CPU time the second thread spent per ticket, in ms. */
  readonly sideWorkMsPerTicket: number;
  readonly ticketsPerSecond: number;
  /** Its best throughput over the best plain baseline's. */
  readonly ratio: number;
  /** CPU time of the whole bench process per ticket in that run, in ms. */
  readonly cpuMsPerTicket: number;
};

export type EngineOverheadResult = {
  readonly compromises: number;
  readonly concurrency: number;
  readonly engineRuns: readonly EngineRun[];
  readonly baselineRuns: readonly BaselineRun[];
  readonly bestEngine: EngineRun;
  readonly bestBaseline: BaselineRun;
  /** Best full-sync throughput over best baseline throughput. */
  readonly ratio: number;
  /** Best delivery-phase throughput over best baseline throughput. */
  readonly deliverRatio: number;
  /**
   * Baselines with the engine's extra CPU per ticket, and half of it, spent
   * on a second thread: the ratio a split engine could reach at best.
   */
  readonly ceiling: readonly CeilingRun[];
};

/** Emulator settings of one engine or baseline run. */
type RunSetup = {
  readonly compromises: number;
  readonly credentials: BenchCredentials;
  /** Delay before the BMS emulator responds to each ticket POST, in ms. */
  readonly postLatencyMs?: number;
};

/**
 * Runs a full sync of `compromises` eligible compromises against fresh
 * emulators and returns its timing with the ticket bodies BMS received.
 */
async function runEngine(
  setup: RunSetup,
): Promise<{ run: EngineRun; bodies: TicketInputDto[] }> {
  const { compromises, credentials } = setup;
  const [dwid, bms] = await Promise.all([
    startEmulatorProcess({ kind: 'dwid', compromises, credentials }),
    startEmulatorProcess({ ...setup, kind: 'bms' }),
  ]);
  const dataDir = createDataDir('engine');
  const service = openConfiguredService({
    dataDir,
    dwidUrl: dwid.url,
    bmsUrl: bms.url,
    credentials,
    // The emulator here enforces no budget, so neither side paces itself.
    clientTuning: { bmsBudget: null },
  });
  try {
    let routedAt = Number.NaN;
    const emulatorCpuAtStart = await bms.cpuMs();
    const cpuAtStart = process.cpuUsage();
    const startedAt = performance.now();
    const report = await service.sync({
      onEvent: event => {
        if (event.type === 'sync-progress' && event.phase === 'routing') {
          routedAt = performance.now();
        }
      },
    });
    const endedAt = performance.now();
    const cpuMs = cpuMilliseconds(cpuAtStart);
    const emulatorCpuMs = (await bms.cpuMs()) - emulatorCpuAtStart;
    const created = report.integrations[0]?.created ?? 0;
    const seconds = (endedAt - startedAt) / 1000;
    const deliverSeconds = (endedAt - routedAt) / 1000;
    return {
      run: {
        seconds,
        pullAndRouteSeconds: (routedAt - startedAt) / 1000,
        deliverSeconds,
        created,
        ticketsPerSecond: created / seconds,
        deliverTicketsPerSecond: created / deliverSeconds,
        cpuMsPerTicket: cpuMs / created,
        emulatorCpuMsPerTicket: emulatorCpuMs / created,
      },
      bodies: (await bms.tickets()) as TicketInputDto[],
    };
  } finally {
    service.close();
    await Promise.all([dwid.close(), bms.close()]);
    removeDataDir(dataDir);
  }
}

/**
 * Posts prebuilt ticket bodies to a fresh BMS emulator with the client the
 * engine uses, `concurrency` at a time, and nothing else around them.
 */
async function runBaseline(
  setup: RunSetup,
  bodies: readonly TicketInputDto[],
  concurrency: number,
  sideWorkMsPerTicket = 0,
): Promise<BaselineRun> {
  const { credentials } = setup;
  const bms = await startEmulatorProcess({ ...setup, kind: 'bms' });
  let sideWork: SideWork | null = null;
  try {
    if (sideWorkMsPerTicket > 0) {
      sideWork = await startSideWork(sideWorkMsPerTicket);
    }
    const client = new BmsClient({
      apiBaseUrl: bms.url,
      username: BMS_USERNAME,
      password: credentials.bmsPassword,
      tenant: BMS_TENANT,
      budget: null,
    });
    const limit = pLimit(concurrency);
    const emulatorCpuAtStart = await bms.cpuMs();
    const cpuAtStart = process.cpuUsage();
    const startedAt = performance.now();
    const created = await Promise.all(
      bodies.map(body =>
        limit(async () => {
          const ticket = await client.createTicket(body);
          sideWork?.ticketDone();
          return ticket;
        }),
      ),
    );
    // The run ends when the second thread has finished its share too.
    await sideWork?.stop();
    const seconds = (performance.now() - startedAt) / 1000;
    const cpuMs = cpuMilliseconds(cpuAtStart);
    const emulatorCpuMs = (await bms.cpuMs()) - emulatorCpuAtStart;
    return {
      seconds,
      created: created.length,
      ticketsPerSecond: created.length / seconds,
      cpuMsPerTicket: cpuMs / created.length,
      emulatorCpuMsPerTicket: emulatorCpuMs / created.length,
    };
  } finally {
    await sideWork?.stop();
    await bms.close();
  }
}

/** Tickets of the unmeasured pair that precedes the measured runs. */
const WARM_UP = 1000;

/** Runs the engine, then the baseline with the bodies it sent. */
async function runPair(setup: RunSetup): Promise<{
  engine: EngineRun;
  baseline: BaselineRun;
  bodies: readonly TicketInputDto[];
}> {
  const { run, bodies } = await runEngine(setup);
  if (run.created !== setup.compromises || bodies.length !== run.created) {
    throw new Error(
      `The engine created ${run.created} tickets (emulator stored ` +
        `${bodies.length}); expected ${setup.compromises}.`,
    );
  }
  const baseline = await runBaseline(setup, bodies, ENGINE_DEFAULT_CONCURRENCY);
  return { engine: run, baseline, bodies };
}

/** One engine run and one baseline run with a delay before each response. */
export type LatencyResult = {
  readonly compromises: number;
  readonly postLatencyMs: number;
  readonly engine: EngineRun;
  readonly baseline: BaselineRun;
  /** Engine tickets/s over baseline tickets/s. */
  readonly ratio: number;
};

/**
 * Measures the same pair with the BMS emulator responding to each ticket
 * POST after `postLatencyMs`, as a remote server would, so the CPU of
 * either side matters less than the wait.
 */
export async function measureWithLatency(
  compromises: number,
  postLatencyMs: number,
): Promise<LatencyResult> {
  const { engine, baseline } = await runPair({
    compromises,
    credentials: createCredentials(),
    postLatencyMs,
  });
  return {
    compromises,
    postLatencyMs,
    engine,
    baseline,
    ratio: engine.ticketsPerSecond / baseline.ticketsPerSecond,
  };
}

/** CPU time of this process since `start`, user plus system, in ms. */
function cpuMilliseconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function best<T extends { ticketsPerSecond: number }>(runs: readonly T[]): T {
  const sorted = [...runs].sort(
    (a, b) => b.ticketsPerSecond - a.ticketsPerSecond,
  );
  const first = sorted[0];
  if (first === undefined) throw new Error('No benchmark run was recorded.');
  return first;
}

/**
 * Measures the engine against a bare client: after a warm-up pair, engine
 * and baseline runs alternate (`rounds` of each) and the best of each side
 * is compared.
 */
export async function measureEngineOverhead(
  compromises: number,
  rounds: number,
): Promise<EngineOverheadResult> {
  const setup: RunSetup = { compromises, credentials: createCredentials() };
  // The first run in a process also compiles the engine's code paths, and
  // the baseline always comes after an engine run, so both sides measure
  // warm code only after this unmeasured pair.
  await runPair({ ...setup, compromises: Math.min(compromises, WARM_UP) });
  const engineRuns: EngineRun[] = [];
  const baselineRuns: BaselineRun[] = [];
  let bodies: readonly TicketInputDto[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const pair = await runPair(setup);
    engineRuns.push(pair.engine);
    baselineRuns.push(pair.baseline);
    bodies = pair.bodies;
  }
  const bestEngine = best(engineRuns);
  const bestBaseline = best(baselineRuns);
  const ceiling = await measureCeiling(setup, bodies, rounds, {
    engine: bestEngine,
    baseline: bestBaseline,
  });
  const bestDeliver = Math.max(
    ...engineRuns.map(run => run.deliverTicketsPerSecond),
  );
  return {
    compromises,
    concurrency: ENGINE_DEFAULT_CONCURRENCY,
    engineRuns,
    baselineRuns,
    bestEngine,
    bestBaseline,
    ratio: bestEngine.ticketsPerSecond / bestBaseline.ticketsPerSecond,
    deliverRatio: bestDeliver / bestBaseline.ticketsPerSecond,
    ceiling,
  };
}

/**
 * Runs the baseline again while a second thread spends the engine's extra
 * CPU per ticket (engine minus baseline, best runs), then half of it.
 * Each level runs `rounds` times and the best counts, as for the other
 * runs. No split of the engine across threads could beat these
 * throughputs, because they leave out the cost of passing tickets between
 * threads.
 */
async function measureCeiling(
  setup: RunSetup,
  bodies: readonly TicketInputDto[],
  rounds: number,
  best: { engine: EngineRun; baseline: BaselineRun },
): Promise<CeilingRun[]> {
  const extra = Math.max(
    0,
    best.engine.cpuMsPerTicket - best.baseline.cpuMsPerTicket,
  );
  const runs: CeilingRun[] = [];
  for (const sideWorkMsPerTicket of [extra, extra / 2]) {
    let fastest: BaselineRun | null = null;
    for (let round = 0; round < rounds; round += 1) {
      const run = await runBaseline(
        setup,
        bodies,
        ENGINE_DEFAULT_CONCURRENCY,
        sideWorkMsPerTicket,
      );
      if (fastest === null || run.ticketsPerSecond > fastest.ticketsPerSecond) {
        fastest = run;
      }
    }
    if (fastest === null) throw new Error('No ceiling run was recorded.');
    runs.push({
      sideWorkMsPerTicket,
      ticketsPerSecond: fastest.ticketsPerSecond,
      ratio: fastest.ticketsPerSecond / best.baseline.ticketsPerSecond,
      cpuMsPerTicket: fastest.cpuMsPerTicket,
    });
  }
  return runs;
}
