/**
 * Runs one engine sync of N compromises (argument 1, default 5000) against
 * fresh emulators in this process, for `node --cpu-prof`. Not part of the
 * bench table.
 */
import { configureLogging } from '../main/log/logger';
import {
  buildEligibleSeed,
  createCredentials,
  createDataDir,
  openConfiguredService,
  removeDataDir,
  startBenchBms,
  startBenchDwid,
} from './bench-setup';

configureLogging({ level: 'error' });
const count = Number(process.argv[2] ?? 5000);
const seed = buildEligibleSeed(count);
const credentials = createCredentials();
const dwid = await startBenchDwid(seed, credentials);
const bms = await startBenchBms(seed, credentials);
const dataDir = createDataDir('profile');
const service = openConfiguredService({
  dataDir,
  dwidUrl: dwid.url,
  bmsUrl: bms.url,
  credentials,
  clientTuning: { bmsBudget: null },
});
const startedAt = performance.now();
const phaseStarts = new Map<string, number>();
const report = await service.sync({
  onEvent: event => {
    if (event.type !== 'sync-progress') return;
    if (!phaseStarts.has(event.phase)) {
      phaseStarts.set(event.phase, performance.now() - startedAt);
    }
  },
});
for (const [phase, ms] of phaseStarts) {
  process.stdout.write(`${phase} first event at ${ms.toFixed(0)} ms\n`);
}
const seconds = (performance.now() - startedAt) / 1000;
process.stdout.write(
  `${report.integrations[0]?.created ?? 0} created in ${seconds.toFixed(2)} s\n`,
);
service.close();
await Promise.all([dwid.close(), bms.close()]);
removeDataDir(dataDir);
