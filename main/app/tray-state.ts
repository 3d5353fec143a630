/** Status shown by the tray icon, with one icon per status. */
export type TrayStatus = 'healthy' | 'syncing' | 'unhealthy' | 'offline';

/** Health of one integration, as `ConnectorService.listIntegrations` returns it. */
export type IntegrationHealth = {
  readonly name: string;
  readonly health: 'healthy' | 'unhealthy';
};

export type TrayInput = {
  readonly integrations: readonly IntegrationHealth[];
  readonly isSyncing: boolean;
  /** True when the last sync failed for lack of network. */
  readonly isOffline: boolean;
  readonly isPaused: boolean;
};

/**
 * Menu item in the shape of Electron's `MenuItemConstructorOptions`, so the
 * adapter passes the array to `Menu.buildFromTemplate` unchanged.
 */
export type TrayMenuItem =
  | {
      readonly label: string;
      readonly enabled?: boolean;
      readonly click?: () => void;
    }
  | { readonly type: 'separator' };

export type TrayMenuHandlers = {
  readonly open: () => void;
  readonly syncNow: () => void;
  readonly pause: () => void;
  readonly resume: () => void;
  readonly showLogs: () => void;
  readonly quit: () => void;
};

const APP_NAME = 'DWID to BMS Connector';

// Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA.szTip has room
// for 128 UTF-16 units), so the list of names is shortened before that.
const MAX_TOOLTIP_LENGTH = 127;

/**
 * Picks the tray status. Precedence: offline, then unhealthy, then
 * syncing, then healthy. Offline comes first because without network every
 * integration fails and its health is stale. Unhealthy outranks syncing so
 * an integration that needs the technician stays red during each run. Pausing
 * changes only the tooltip, because a paused connector is still healthy.
 */
export function computeTrayState(input: TrayInput): TrayStatus {
  if (input.isOffline) return 'offline';
  if (countUnhealthy(input) > 0) return 'unhealthy';
  if (input.isSyncing) return 'syncing';
  return 'healthy';
}

/** Builds the tooltip: the app name, then one line per fact that applies. */
export function buildTrayTooltip(input: TrayInput): string {
  const lines = [APP_NAME];
  if (input.isOffline) lines.push('Offline: the last sync could not connect');
  const unhealthy = input.integrations.filter(i => i.health === 'unhealthy');
  if (unhealthy.length > 0) {
    const names = unhealthy.map(i => i.name).join(', ');
    lines.push(`Unhealthy: ${names}`);
  } else if (input.integrations.length > 0 && !input.isOffline) {
    lines.push('All integrations healthy');
  }
  if (input.isSyncing) lines.push('Syncing now');
  if (input.isPaused) lines.push('Syncing paused');
  return truncate(lines.join('\n'), MAX_TOOLTIP_LENGTH);
}

/**
 * Builds the tray menu. Sync now stays enabled while paused, because
 * pausing stops only the timed runs, and is disabled during a run.
 */
export function buildTrayMenu(
  input: Pick<TrayInput, 'isSyncing' | 'isPaused'>,
  handlers: TrayMenuHandlers,
): TrayMenuItem[] {
  return [
    { label: 'Open', click: handlers.open },
    { type: 'separator' },
    {
      label: 'Sync now',
      enabled: !input.isSyncing,
      click: handlers.syncNow,
    },
    input.isPaused
      ? { label: 'Resume syncing', click: handlers.resume }
      : { label: 'Pause syncing', click: handlers.pause },
    { type: 'separator' },
    { label: 'Show logs', click: handlers.showLogs },
    { label: 'Quit', click: handlers.quit },
  ];
}

function countUnhealthy(input: TrayInput): number {
  return input.integrations.filter(i => i.health === 'unhealthy').length;
}

function truncate(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}
