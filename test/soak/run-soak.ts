/**
 * Fault soak of the sync: `npm run soak -- [--rounds N] [--seed N]
 * [--compromises N] [--keep-data]`. Prints the seed first, one line per round and the
 * figures, and exits with status 1 when a compromise was duplicated, lost,
 * misrouted or left stuck. Rerun a failure with the printed seed.
 */
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';

import { formatSoakReport } from './soak-report';
import { runSoak } from './soak-runner';

function readInteger(
  value: string | undefined,
  name: string,
  fallback: number,
  minimum: number,
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) {
    throw new Error(
      `Invalid --${name} "${value}"; expected a whole number of ${minimum} or more.`,
    );
  }
  return number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string' },
      seed: { type: 'string' },
      compromises: { type: 'string' },
      'keep-data': { type: 'boolean' },
    },
  });
  const rounds = readInteger(values.rounds, 'rounds', 30, 1);
  const seed = readInteger(values.seed, 'seed', randomInt(2 ** 31), 0);
  const compromises = readInteger(values.compromises, 'compromises', 600, 1);
  console.log(`soak seed ${seed} (rerun with --seed ${seed})`);
  const report = await runSoak({
    rounds,
    seed,
    compromises,
    keepData: values['keep-data'],
    log: line => console.log(line),
  });
  console.log('');
  for (const line of formatSoakReport(report)) console.log(line);
  return report.ok ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(
    `Soak failed to run: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
}
