import { join } from 'node:path';

import { app, powerMonitor, shell } from 'electron';

import {
  configureLogging,
  getLogFolder,
  getLogger,
  logFileIn,
} from '../log/logger';
import { ConnectorService } from '../service/connector-service';
import {
  runSyncWithEvents,
  setSyncStarter,
} from '../service/handlers/sync-handlers';
import { isOfflineSync } from '../service/sync-summary';
import { APP_PAGE_URL, serveRenderer } from './app-protocol';
import { createOpenIntegration, HealthNotifier } from './health-notifier';
import { connectIpcBridge } from './ipc-bridge';
import { createMainWindowController } from './main-window';
import { showOsNotification } from './os-notifications';
import { openPreferences } from './preferences-store';
import { isNetworkError, SyncScheduler } from './scheduler';
import { chooseSecretBox } from './secret-storage';
import { createTray, type TrayController } from './tray';
import type { TrayInput } from './tray-state';

/**
 * Starts the connector after the app's `ready` event: logging, the
 * service on the user-data folder, the window, the sync schedule, the tray
 * and health notifications. Quitting stops the schedule and waits for the
 * sync in flight before the database closes.
 */
export function startConnectorApp(): void {
  const dataDir = app.getPath('userData');
  configureLogging({ file: logFileIn(app.getPath('logs')) });
  const preferences = openPreferences(dataDir);
  const service = ConnectorService.open({
    dataDir,
    secretBox: chooseSecretBox({
      hasAccepted: () => preferences.get().acceptsKeyFile,
      recordAccepted: () => preferences.update({ acceptsKeyFile: true }),
    }),
  });
  serveRenderer(join(import.meta.dirname, '..', 'renderer'));

  let disconnectBridge: () => void = () => undefined;
  const windows = createMainWindowController(preferences, window => {
    disconnectBridge();
    disconnectBridge = connectIpcBridge(
      service,
      window.webContents,
      APP_PAGE_URL,
    );
  });

  const settings = preferences.get();
  app.setLoginItemSettings({ openAtLogin: settings.startAtLogin });
  const scheduler = new SyncScheduler({
    runSync: () => runSyncWithEvents(service),
    isOfflineOutcome: outcome =>
      outcome.ok ? isOfflineSync(outcome.value) : isNetworkError(outcome.error),
    timer: { setTimeout, clearTimeout },
    clock: Date,
    intervalMs: settings.pollIntervalMinutes * 60_000,
    isPaused: settings.isPaused,
  });

  const trayInput = (): TrayInput => ({
    integrations: service.listIntegrations(),
    isSyncing: scheduler.state.isRunning,
    isOffline: scheduler.state.isOffline,
    isPaused: scheduler.state.isPaused,
  });
  const tray: TrayController = createTray(
    trayIconDir(),
    {
      open: () => windows.show(),
      syncNow: () => void scheduler.syncNow(),
      pause: () => {
        scheduler.pause();
        preferences.update({ isPaused: true });
      },
      resume: () => {
        scheduler.resume();
        preferences.update({ isPaused: false });
      },
      showLogs: () => void shell.openPath(getLogFolder() ?? dataDir),
      quit: () => app.quit(),
    },
    trayInput(),
  );
  scheduler.subscribe(() => tray.update(trayInput()));
  setSyncStarter(service, () => scheduler.syncNow());
  service.subscribe(() => tray.update(trayInput()));

  new HealthNotifier({
    notify: showOsNotification,
    openIntegration: createOpenIntegration(service, () => windows.show()),
    initial: service.listIntegrations(),
  }).attach(service);

  app.on('second-instance', () => windows.show());
  app.on('activate', () => windows.show());
  powerMonitor.on('resume', () => scheduler.onSystemResume());
  handleQuit(async () => {
    windows.allowClose();
    await scheduler.stop();
    disconnectBridge();
    tray.destroy();
    service.close();
  });

  // The new window shows itself once its page has painted.
  windows.window();
  scheduler.start();
}

/**
 * Runs `shutdown` once on the first quit request and quits when it has
 * settled, so a sync in flight finishes its requests before the database
 * closes.
 */
function handleQuit(shutdown: () => Promise<void>): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', event => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    getLogger('app').info('quitting: waiting for the sync in flight');
    shutdown()
      .catch((error: unknown) => {
        getLogger('app').error({ err: error }, 'shutdown failed');
      })
      .finally(() => {
        state = 'stopped';
        app.quit();
      });
  });
}

/** Folder of the tray icons: packaged resources, or build/tray in a checkout. */
function trayIconDir(): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'tray')
    : join(app.getAppPath(), 'build', 'tray');
}
