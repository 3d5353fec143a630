import { join } from 'node:path';

import type { BrowserWindow } from 'electron';

import { getLogger } from '../log/logger';
import { APP_PAGE_URL } from './app-protocol';
import type { PreferencesStore } from './preferences';
import { createMainWindow } from './window';

/** The connector window, created on demand and hidden instead of closed. */
export type MainWindowController = {
  /** The window, created first when there is none. */
  readonly window: () => BrowserWindow;
  /** Shows, restores and focuses the window, creating it when needed. */
  show(): void;
  /** Lets the next close really close the window, for quitting. */
  allowClose(): void;
};

/**
 * Manages the single connector window. Closing it hides it, so syncs go on
 * in the tray, until `allowClose` is called. Its bounds are saved to the
 * preferences when it hides or closes. `onCreated` runs for each new
 * window before its page loads, to connect the IPC bridge.
 */
export function createMainWindowController(
  preferences: PreferencesStore,
  onCreated: (window: BrowserWindow) => void,
): MainWindowController {
  const preloadPath = join(import.meta.dirname, '..', 'preload', 'index.cjs');
  let current: BrowserWindow | null = null;
  let isClosingAllowed = false;

  const create = (): BrowserWindow => {
    const window = createMainWindow(
      preferences.get().windowBounds,
      preloadPath,
    );
    window.on('close', event => {
      saveBounds(preferences, window);
      if (isClosingAllowed) return;
      event.preventDefault();
      window.hide();
    });
    window.on('closed', () => {
      current = null;
    });
    onCreated(window);
    window.loadURL(APP_PAGE_URL).catch((error: unknown) => {
      getLogger('window').error({ err: error }, 'loading the window failed');
    });
    current = window;
    return window;
  };

  const window = () => current ?? create();
  return {
    window,
    show() {
      const mainWindow = window();
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    },
    allowClose() {
      isClosingAllowed = true;
    },
  };
}

function saveBounds(preferences: PreferencesStore, window: BrowserWindow) {
  const bounds = window.getNormalBounds();
  try {
    preferences.update({
      windowBounds: { ...bounds, isMaximized: window.isMaximized() },
    });
  } catch (error) {
    getLogger('window').warn({ err: error, bounds }, 'saving bounds failed');
  }
}
