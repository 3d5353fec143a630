import { join } from 'node:path';

import { Menu, nativeImage, Tray } from 'electron';

import {
  buildTrayMenu,
  buildTrayTooltip,
  computeTrayState,
  type TrayInput,
  type TrayMenuHandlers,
  type TrayStatus,
} from './tray-state';

/**
 * Icon file of each status in the icon folder. A `@2x` file next to each
 * (32×32) is what Electron loads on high-density screens.
 */
export const TRAY_ICON_FILES: Readonly<Record<TrayStatus, string>> = {
  healthy: 'tray-healthy.png',
  syncing: 'tray-syncing.png',
  unhealthy: 'tray-unhealthy.png',
  offline: 'tray-offline.png',
};

/** Tray icon that follows the connector's state. */
export type TrayController = {
  /** Redraws icon, tooltip and menu; does nothing when nothing changed. */
  update(input: TrayInput): void;
  destroy(): void;
};

/**
 * Creates the tray icon. `iconDir` is the folder with the files of
 * `TRAY_ICON_FILES`: `build/tray` in development, the packaged resources
 * folder otherwise.
 */
export function createTray(
  iconDir: string,
  handlers: TrayMenuHandlers,
  initial: TrayInput,
): TrayController {
  const iconOf = (status: TrayStatus) =>
    nativeImage.createFromPath(join(iconDir, TRAY_ICON_FILES[status]));
  const tray = new Tray(iconOf(computeTrayState(initial)));
  // Clicking the icon opens the window; the menu is on right-click.
  tray.on('click', handlers.open);
  let lastKey = '';

  const update = (input: TrayInput): void => {
    const status = computeTrayState(input);
    const tooltip = buildTrayTooltip(input);
    const key = JSON.stringify([
      status,
      tooltip,
      input.isPaused,
      input.isSyncing,
    ]);
    if (key === lastKey) return;
    lastKey = key;
    tray.setImage(iconOf(status));
    tray.setToolTip(tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenu(input, handlers)));
  };
  update(initial);

  return {
    update,
    destroy: () => tray.destroy(),
  };
}
