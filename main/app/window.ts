import { BrowserWindow } from 'electron';

import { APP_PAGE_URL } from './app-protocol';
import type { WindowBounds } from './preferences';
import { applySessionPolicy, installNavigationGuards } from './window-security';

/**
 * Creates the connector window, with the session's CSP and permission
 * policy and the navigation guards in place before any page loads. The
 * renderer gets no Node.js: it runs sandboxed in an isolated world and
 * reaches the engine only through the contract the preload exposes. The
 * window shows itself, maximized when it was, once the page has painted.
 */
export function createMainWindow(
  bounds: WindowBounds,
  preloadPath: string,
): BrowserWindow {
  // The options stay inline so Electronegativity can read them, because it
  // does not follow variables or calls in TypeScript.
  const window = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: 960,
    minHeight: 600,
    title: 'DWID BMS Connector',
    show: false,
    webPreferences: {
      // Reviewed: the preload exposes only the contract's invoke and
      // subscribe, and main checks every call's sender and input.
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Middle-click would otherwise ask for a new window. The window-open
      // handler denies it anyway, and the page has no use for the event.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  applySessionPolicy(window.webContents.session);
  installNavigationGuards(window.webContents, APP_PAGE_URL);
  window.once('ready-to-show', () => {
    if (bounds.isMaximized) window.maximize();
    window.show();
  });
  return window;
}
