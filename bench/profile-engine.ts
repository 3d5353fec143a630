/**
 * Runs one engine sync of N compromises (argument 1, default 5000) against
 * fresh emulators, each in its own process, for `node --cpu-prof`. It
 * prints when each phase began and the CPU time used by then. Not part of
 * the bench table.
 */
import { configureLogging } from '../main/log/logger';
import {
  createCredentials,
  createDataDir,
  openConfiguredService,
  removeDataDir,
} from './bench-setup';
import { startEmulatorProcess } from './emulator-process';

configureLogging({ level: 'error' });
const count = Number(process.argv[2] ?? 5000);
const credentials = createCredentials();
const [dwid, bms] = await Promise.all([
  startEmulatorProcess({ kind: 'dwid', compromises: count, credentials }),
  startEmulatorProcess({ kind: 'bms', compromises: count, credentials }),
]);
const dataDir = createDataDir('profile');
const service = openConfiguredService({
  dataDir,
  dwidUrl: dwid.url,
  bmsUrl: bms.url,
  credentials,
  clientTuning: { bmsBudget: null },
});
const startedAt = performance.now();
const phaseStarts = new Map<string, { ms: number; cpuMs: number }>();
const cpuAtStart = process.cpuUsage();
const cpuMs = (): number => {
  const used = process.cpuUsage(cpuAtStart);
  return (used.user + used.system) / 1000;
};
const report = await service.sync({
  onEvent: event => {
    if (event.type !== 'sync-progress') return;
    if (!phaseStarts.has(event.phase)) {
      phaseStarts.set(event.phase, {
        ms: performance.now() - startedAt,
        cpuMs: cpuMs(),
      });
    }
  },
});
for (const [phase, at] of phaseStarts) {
  process.stdout.write(
    `${phase} first event at ${at.ms.toFixed(0)} ms, ` +
      `${at.cpuMs.toFixed(0)} ms of CPU used by then\n`,
  );
}
const seconds = (performance.now() - startedAt) / 1000;
process.stdout.write(
  `${report.integrations[0]?.created ?? 0} created in ` +
    `${seconds.toFixed(2)} s, ${cpuMs().toFixed(0)} ms of CPU\n`,
);
service.close();
await Promise.all([dwid.close(), bms.close()]);
removeDataDir(dataDir);
