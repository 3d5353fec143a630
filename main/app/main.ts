import { join } from 'node:path';

import { app } from 'electron';

import { APP_FOLDER_NAME } from '../cli/data-dir';
import { getLogger } from '../log/logger';
import { registerAppScheme } from './app-protocol';
import { startConnectorApp } from './app-lifecycle';

// The CLI's default data folder is this path (main/cli/data-dir.ts), so
// both share one database. It is set explicitly because Electron names the
// folder after the app, and prefers package.json's productName to its name.
app.setPath('userData', join(app.getPath('appData'), APP_FOLDER_NAME));
app.setAppLogsPath(join(app.getPath('userData'), 'logs'));

// One instance owns the data folder. A second launch makes the first show
// its window (the 'second-instance' event) and quits.
if (app.requestSingleInstanceLock()) {
  registerAppScheme();
  app
    .whenReady()
    .then(startConnectorApp)
    .catch((error: unknown) => {
      getLogger('app').fatal({ err: error }, 'the connector failed to start');
      app.exit(1);
    });
} else {
  app.quit();
}
