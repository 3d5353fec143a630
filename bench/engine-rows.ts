import type { EngineOverheadResult, LatencyResult } from './engine-overhead';
import type { Row } from './table';
import type { TargetCheck } from './ui-rows';

/** Engine tickets/s over baseline tickets/s that the engine should reach. */
export const ENGINE_RATIO_TARGET = 0.9;

const fixed = (value: number, digits = 0): string => value.toFixed(digits);
const status = (met: boolean): string => (met ? 'met' : 'MISSED');

/** Table rows of the engine-overhead scenario. */
export function engineRows(
  result: EngineOverheadResult,
  checks: TargetCheck[],
): Row[] {
  const { bestEngine, bestBaseline } = result;
  const met = result.ratio >= ENGINE_RATIO_TARGET;
  checks.push({
    target: `engine/baseline >= ${ENGINE_RATIO_TARGET}`,
    value: fixed(result.ratio, 2),
    met,
  });
  const runs = `best of ${result.engineRuns.length}`;
  return [
    [
      `Engine: full sync, ${result.compromises} tickets (${runs})`,
      `${fixed(bestEngine.ticketsPerSecond)} tickets/s, ${fixed(bestEngine.seconds, 1)} s`,
      '',
      '',
    ],
    [
      '  of which pull + route / deliver',
      `${fixed(bestEngine.pullAndRouteSeconds, 1)} s / ${fixed(bestEngine.deliverSeconds, 1)} s`,
      '',
      '',
    ],
    [
      `Baseline: createTicket x${result.compromises}, p-limit ${result.concurrency} (${runs})`,
      `${fixed(bestBaseline.ticketsPerSecond)} tickets/s, ${fixed(bestBaseline.seconds, 1)} s`,
      '',
      '',
    ],
    [
      'Ratio engine/baseline (full sync)',
      fixed(result.ratio, 2),
      `>= ${ENGINE_RATIO_TARGET}`,
      status(met),
    ],
    [
      'Ratio engine/baseline (delivery phase only)',
      fixed(result.deliverRatio, 2),
      '',
      '',
    ],
    [
      'CPU per ticket, connector process: engine / baseline',
      `${fixed(bestEngine.cpuMsPerTicket, 3)} ms / ${fixed(bestBaseline.cpuMsPerTicket, 3)} ms`,
      '',
      '',
    ],
    [
      'CPU per ticket, BMS emulator process: engine / baseline run',
      `${fixed(bestEngine.emulatorCpuMsPerTicket, 3)} ms / ${fixed(bestBaseline.emulatorCpuMsPerTicket, 3)} ms`,
      '',
      '',
    ],
    ...ceilingRows(result),
  ];
}

function ceilingRows(result: EngineOverheadResult): Row[] {
  return result.ceiling.map(run => [
    `Baseline with ${fixed(run.sideWorkMsPerTicket, 3)} ms CPU per ticket on a second thread`,
    `${fixed(run.ticketsPerSecond)} tickets/s, ratio ${fixed(run.ratio, 2)}, process CPU ${fixed(run.cpuMsPerTicket, 3)} ms`,
    '',
    '',
  ]);
}

/** Table rows of the run with a delay before each ticket POST. */
export function latencyRows(result: LatencyResult): Row[] {
  const { engine, baseline } = result;
  return [
    [
      `With ${result.postLatencyMs} ms per ticket POST, ${result.compromises} tickets: engine / baseline`,
      `${fixed(engine.ticketsPerSecond)} / ${fixed(baseline.ticketsPerSecond)} tickets/s`,
      '',
      '',
    ],
    ['  ratio (full sync)', fixed(result.ratio, 2), '', ''],
  ];
}
