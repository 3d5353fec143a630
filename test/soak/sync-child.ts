/**
 * One sync in a child process, for the fault soak. It opens the data folder
 * given as the only argument with short client timeouts, so a hung or slow
 * emulator response ends the request within seconds. It then runs one sync
 * and writes the sync report as one JSON line to standard output.
 *
 * Run it as `node --import tsx test/soak/sync-child.ts DATA_DIR`.
 */
import { join } from 'node:path';

import { configureLogging } from '../../main/log/logger';
import { ConnectorService } from '../../main/service/connector-service';
import { SOAK_CLIENT_TUNING } from './client-tuning';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (dataDir === undefined || dataDir === '') {
    throw new Error('Missing argument: the data folder to sync.');
  }
  configureLogging({ file: join(dataDir, 'logs', 'connector.log') });
  const service = ConnectorService.open({
    dataDir,
    clientTuning: SOAK_CLIENT_TUNING,
  });
  try {
    const report = await service.sync();
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    service.close();
  }
}

await main();
