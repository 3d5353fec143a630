// Waits until the start time (epoch milliseconds, second argument), then
// opens the connector in the data folder given as the first argument, seals
// a probe text with its secret box and prints the schema version and the
// sealed bytes. Several copies start together in concurrent-open.test.ts;
// the shared start time lines them up despite uneven process start-up.
import { join } from 'node:path';

import { ConnectorService } from '../../main/service/connector-service';
import { openStore } from '../../main/store/open-store';
import { createKeyFileSecretBox } from '../../main/store/secret-box';

const dataDir = process.argv[2] ?? '';
const startAt = Number(process.argv[3] ?? 0);
const pause = new Int32Array(new SharedArrayBuffer(4));
Atomics.wait(pause, 0, 0, Math.max(0, startAt - Date.now()));
ConnectorService.open({ dataDir }).close();

const secretBox = createKeyFileSecretBox(dataDir);
const store = openStore({ file: join(dataDir, 'connector.db'), secretBox });
const version = store.db.pragma('user_version', { simple: true }) as number;
store.close();
const sealed = secretBox.encrypt('probe').toString('base64');
process.stdout.write(JSON.stringify({ version, sealed }));
