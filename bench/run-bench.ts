/**
 * Benchmark of the connector against the local emulators: engine overhead
 * against a bare client, pacing under a request budget, memory and
 * database size at scale, open-to-ready time and company matching. It
 * prints a table and writes bench/results.json. Run with `npm run bench`,
 * options after `--` (see `npm run bench -- --help`).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { configureLogging } from '../main/log/logger';
import {
  measureEngineOverhead,
  measureWithLatency,
  type EngineOverheadResult,
  type LatencyResult,
} from './engine-overhead';
import { removeOpenDataDirs } from './bench-setup';
import { describeMachine } from './machine';
import { measureMatching, type MatchingResult } from './matching';
import { measureRateBudget, type RateBudgetResult } from './rate-budget';
import { measureScale, type ScaleResult } from './scale';
import { measureSuggestions, type SuggestionsResult } from './suggestions';
import { formatTable, type Row } from './table';
import { measureUi, type UiResult } from './ui';
import { engineRows, latencyRows } from './engine-rows';
import { suggestionRows, uiRows, type TargetCheck } from './ui-rows';

const SCENARIOS = ['engine', 'rate', 'scale', 'matching', 'ui'] as const;
type Scenario = (typeof SCENARIOS)[number];

const HELP = `Usage: npm run bench -- [options]

  --only LIST            scenarios to run, comma-separated: ${SCENARIOS.join(',')} (default: all)
  --compromises N        compromises in the engine-overhead sync (default 10000)
  --rounds N             engine and baseline runs each; the best counts (default 2)
  --latency-ms MS        delay of each ticket POST in an extra engine and
                         baseline pair (default 20; 0 skips the pair)
  --latency-compromises N  compromises in that pair (default 2000)
  --budget-limit N       BMS emulator calls per endpoint per window (default 150)
  --budget-window-ms MS  length of that window in milliseconds (default 6000)
  --budget-windows N     backlog in full windows (default 4)
  --scale N              compromises in the scale sync (default 100000)
  --accounts N           BMS accounts in the matching and UI runs (default 10000)
  --titles N             organizations in the matching and UI runs (default 5000)
  --no-write             print only; leave bench/results.json as it is
`;

type BenchOptions = {
  readonly scenarios: ReadonlySet<Scenario>;
  readonly compromises: number;
  readonly rounds: number;
  readonly latencyMs: number;
  readonly latencyCompromises: number;
  readonly budgetLimit: number;
  readonly budgetWindowMs: number;
  readonly budgetWindows: number;
  readonly scale: number;
  readonly accounts: number;
  readonly titles: number;
  readonly write: boolean;
};

function readWholeNumber(
  values: Readonly<Record<string, string | boolean | undefined>>,
  name: string,
  fallback: number,
  minimum = 1,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(
      `Invalid --${name} "${String(raw)}"; expected a whole number of ${minimum} or more.`,
    );
  }
  return value;
}

function readScenarios(raw: string | undefined): Set<Scenario> {
  if (raw === undefined) return new Set(SCENARIOS);
  const names = raw.split(',');
  for (const name of names) {
    if (!(SCENARIOS as readonly string[]).includes(name)) {
      throw new Error(
        `Invalid scenario "${name}" in --only; use ${SCENARIOS.join(', ')}.`,
      );
    }
  }
  return new Set(names as Scenario[]);
}

function readOptions(): BenchOptions | null {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      compromises: { type: 'string' },
      rounds: { type: 'string' },
      'latency-ms': { type: 'string' },
      'latency-compromises': { type: 'string' },
      'budget-limit': { type: 'string' },
      'budget-window-ms': { type: 'string' },
      'budget-windows': { type: 'string' },
      scale: { type: 'string' },
      accounts: { type: 'string' },
      titles: { type: 'string' },
      'no-write': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) return null;
  return {
    scenarios: readScenarios(values.only),
    compromises: readWholeNumber(values, 'compromises', 10_000),
    rounds: readWholeNumber(values, 'rounds', 2),
    latencyMs: readWholeNumber(values, 'latency-ms', 20, 0),
    latencyCompromises: readWholeNumber(values, 'latency-compromises', 2000),
    budgetLimit: readWholeNumber(values, 'budget-limit', 150),
    budgetWindowMs: readWholeNumber(values, 'budget-window-ms', 6000),
    budgetWindows: readWholeNumber(values, 'budget-windows', 4),
    scale: readWholeNumber(values, 'scale', 100_000),
    accounts: readWholeNumber(values, 'accounts', 10_000),
    titles: readWholeNumber(values, 'titles', 5000),
    write: values['no-write'] !== true,
  };
}

/** Targets the figures are checked against. Times are never test assertions. */
const TARGETS = {
  responses429: 0,
  budgetShare: 0.95,
  rssMb: 300,
  readyMs: 300,
  matchingMs: 200,
};

type Results = {
  engine?: EngineOverheadResult;
  latency?: LatencyResult;
  rate?: RateBudgetResult;
  scale?: ScaleResult;
  matching?: MatchingResult;
  suggestions?: SuggestionsResult;
  ui?: UiResult;
};

function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString()}] ${message}\n`);
}

async function runScenarios(options: BenchOptions): Promise<Results> {
  const results: Results = {};
  if (options.scenarios.has('engine')) {
    progress(`engine overhead: ${options.compromises} compromises`);
    results.engine = await measureEngineOverhead(
      options.compromises,
      options.rounds,
    );
    if (options.latencyMs > 0) {
      progress(
        `engine with ${options.latencyMs} ms per POST: ` +
          `${options.latencyCompromises} compromises`,
      );
      results.latency = await measureWithLatency(
        options.latencyCompromises,
        options.latencyMs,
      );
    }
  }
  if (options.scenarios.has('rate')) {
    progress(
      `rate budget: ${options.budgetLimit} per ${options.budgetWindowMs} ms`,
    );
    results.rate = await measureRateBudget(
      { limit: options.budgetLimit, windowMs: options.budgetWindowMs },
      options.budgetWindows,
    );
  }
  if (options.scenarios.has('scale')) {
    progress(`scale: ${options.scale} compromises`);
    results.scale = await measureScale(options.scale);
  }
  if (options.scenarios.has('matching')) {
    progress(
      `matching: ${options.titles} titles, ${options.accounts} accounts`,
    );
    results.matching = measureMatching(options.accounts, options.titles, 7);
    results.suggestions = measureSuggestions(options.accounts, options.titles);
  }
  if (options.scenarios.has('ui')) {
    progress(
      `UI: ${options.accounts} accounts, ${options.titles} organizations`,
    );
    results.ui = await measureUi(options.accounts, options.titles);
  }
  return results;
}

const fixed = (value: number, digits = 0): string => value.toFixed(digits);
const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;
const status = (met: boolean): string => (met ? 'met' : 'MISSED');

function rateRows(result: RateBudgetResult, checks: TargetCheck[]): Row[] {
  const { limit, windowMs } = result.serverBudget;
  const rows: Row[] = [];
  for (const run of result.runs) {
    const label =
      run.clientBudget === null
        ? 'no client limiter'
        : `client limiter ${run.clientBudget.limit}/${run.clientBudget.windowMs} ms`;
    const counted = run.clientBudget !== null;
    const met429 = run.responses429 <= TARGETS.responses429;
    const metShare = run.budgetShare >= TARGETS.budgetShare;
    if (counted) {
      checks.push(
        {
          target: `429 responses = ${TARGETS.responses429}`,
          value: String(run.responses429),
          met: met429,
        },
        {
          target: `budget share >= ${percent(TARGETS.budgetShare)}`,
          value: percent(run.budgetShare),
          met: metShare,
        },
      );
    }
    rows.push(
      [
        `Budget ${limit}/${windowMs} ms, ${run.backlog} backlog, ${label}`,
        `${run.created} created, ${run.drained ? 'drained' : `NOT drained (${run.pending} left)`}, ${fixed(run.syncSeconds, 1)} s`,
        '',
        '',
      ],
      [
        '  429 responses',
        String(run.responses429),
        counted ? `= ${TARGETS.responses429}` : '',
        counted ? status(met429) : '',
      ],
      [
        `  budget share (${run.windowsElapsed} windows)`,
        percent(run.budgetShare),
        counted ? `>= ${percent(TARGETS.budgetShare)}` : '',
        counted ? status(metShare) : '',
      ],
    );
  }
  return rows;
}

function scaleRows(result: ScaleResult, checks: TargetCheck[]): Row[] {
  const { sync, ready } = result;
  const rssMb = Math.max(sync.rssPeakSampledMb, sync.maxRssMb);
  const metRss = rssMb < TARGETS.rssMb;
  const metReady = ready.readyMs < TARGETS.readyMs;
  checks.push(
    {
      target: `peak RSS < ${TARGETS.rssMb} MB`,
      value: `${fixed(rssMb)} MB`,
      met: metRss,
    },
    {
      target: `ready < ${TARGETS.readyMs} ms`,
      value: `${fixed(ready.readyMs)} ms`,
      met: metReady,
    },
  );
  return [
    [
      `Scale: full sync, ${result.compromises} compromises`,
      `${sync.created} created in ${fixed(sync.seconds)} s (${fixed(sync.created / sync.seconds)} tickets/s)`,
      '',
      '',
    ],
    [
      '  peak RSS (sync child, maxRSS)',
      `${fixed(rssMb)} MB (${fixed(sync.rssBeforeMb)} MB before the sync)`,
      `< ${TARGETS.rssMb} MB`,
      status(metRss),
    ],
    [
      '  database, main file + WAL (peak)',
      `${fixed(sync.databasePeakMb, 1)} MB (end: ${fixed(sync.databaseMainMb, 1)} + ${fixed(sync.walMb, 1)} MB)`,
      '',
      '',
    ],
    [
      `  ready with ${ready.ledgerRows} ledger rows`,
      `${fixed(ready.readyMs)} ms (open ${fixed(ready.openMs)}, list ${fixed(ready.listIntegrationsMs)}, route ${fixed(ready.routingMs)})`,
      `< ${TARGETS.readyMs} ms`,
      status(metReady),
    ],
  ];
}

function matchingRows(result: MatchingResult, checks: TargetCheck[]): Row[] {
  const met = result.firstMs < TARGETS.matchingMs;
  checks.push({
    target: `matching < ${TARGETS.matchingMs} ms`,
    value: `${fixed(result.firstMs, 1)} ms`,
    met,
  });
  return [
    [
      `Matching: index ${result.accounts} accounts + resolve ${result.titles} titles`,
      `${fixed(result.firstMs, 1)} ms first run, ${fixed(result.medianMs, 1)} ms median of ${result.runs}`,
      `< ${TARGETS.matchingMs} ms`,
      status(met),
    ],
  ];
}

async function main(): Promise<void> {
  const options = readOptions();
  if (options === null) {
    process.stdout.write(HELP);
    return;
  }
  // Throttling warnings are expected in the rate scenario and would bury
  // the table, but errors still reach standard error.
  configureLogging({ level: 'error' });
  const machine = describeMachine();
  const startedAt = new Date().toISOString();
  const results = await runScenarios(options);

  const checks: TargetCheck[] = [];
  const rows: Row[] = [
    ...(results.engine ? engineRows(results.engine, checks) : []),
    ...(results.latency ? latencyRows(results.latency) : []),
    ...(results.rate ? rateRows(results.rate, checks) : []),
    ...(results.scale ? scaleRows(results.scale, checks) : []),
    ...(results.matching ? matchingRows(results.matching, checks) : []),
    ...(results.suggestions ? suggestionRows(results.suggestions, checks) : []),
    ...(results.ui ? uiRows(results.ui, checks) : []),
  ];
  process.stdout.write(
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ` +
      `${machine.totalMemoryGb.toFixed(1)} GB, Node ${machine.nodeVersion}, ${machine.platform}\n\n`,
  );
  process.stdout.write(
    formatTable(['Figure', 'Value', 'Target', 'Result'], rows),
  );
  const missed = checks.filter(check => !check.met).length;
  process.stdout.write(
    `\n${checks.length - missed} of ${checks.length} targets met.\n`,
  );

  if (options.write) {
    const file = fileURLToPath(new URL('./results.json', import.meta.url));
    const document = {
      startedAt,
      finishedAt: new Date().toISOString(),
      machine,
      options: { ...options, scenarios: [...options.scenarios] },
      targets: checks,
      results,
    };
    writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
    progress(`wrote ${file}`);
  }
}

// Ctrl-C skips the `finally` blocks that remove each run's data folder.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    removeOpenDataDirs();
    process.stderr.write(`Stopped by ${signal}; removed the data folders.\n`);
    process.exit(130);
  });
}
try {
  await main();
} catch (error) {
  removeOpenDataDirs();
  process.stderr.write(
    `The bench failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  // Emulator processes still running exit when this process does.
  process.exit(1);
}
