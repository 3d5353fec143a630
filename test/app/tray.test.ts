import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

import { beforeEach, describe, expect, test, vi } from 'vitest';

import {
  buildTrayMenu,
  buildTrayTooltip,
  computeTrayState,
  type TrayInput,
  type TrayMenuHandlers,
  type TrayMenuItem,
} from '../../main/app/tray-state';

/** Records of the fake Electron tray, reset before each test. */
const fake = vi.hoisted(() => ({
  trays: [] as {
    image: string;
    tooltip: string;
    template: unknown[];
    clickListener: (() => void) | null;
    isDestroyed: boolean;
    imageChanges: number;
  }[],
}));

vi.mock('electron', () => {
  class Tray {
    readonly record;
    constructor(image: { path: string }) {
      this.record = {
        image: image.path,
        tooltip: '',
        template: [] as unknown[],
        clickListener: null as (() => void) | null,
        isDestroyed: false,
        imageChanges: 0,
      };
      fake.trays.push(this.record);
    }
    on(event: string, listener: () => void) {
      if (event === 'click') this.record.clickListener = listener;
    }
    setImage(image: { path: string }) {
      this.record.image = image.path;
      this.record.imageChanges += 1;
    }
    setToolTip(text: string) {
      this.record.tooltip = text;
    }
    setContextMenu(menu: { template: unknown[] }) {
      this.record.template = menu.template;
    }
    destroy() {
      this.record.isDestroyed = true;
    }
  }
  return {
    Tray,
    Menu: { buildFromTemplate: (template: unknown[]) => ({ template }) },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
  };
});

const { createTray, TRAY_ICON_FILES } = await import('../../main/app/tray');

const HEALTHY: TrayInput = {
  integrations: [
    { name: 'Main BMS', health: 'healthy' },
    { name: 'Second BMS', health: 'healthy' },
  ],
  isSyncing: false,
  isOffline: false,
  isPaused: false,
};

function recordingHandlers(calls: string[]): TrayMenuHandlers {
  return {
    open: () => calls.push('open'),
    syncNow: () => calls.push('syncNow'),
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    showLogs: () => calls.push('showLogs'),
    quit: () => calls.push('quit'),
  };
}

function labels(menu: readonly TrayMenuItem[]): string[] {
  return menu.map(item => ('label' in item ? item.label : '---'));
}

function itemLabelled(menu: readonly TrayMenuItem[], label: string) {
  const item = menu.find(entry => 'label' in entry && entry.label === label);
  if (item === undefined || !('label' in item)) {
    throw new Error(`No menu item is labelled "${label}"`);
  }
  return item;
}

describe('computeTrayState', () => {
  const unhealthy = {
    ...HEALTHY,
    integrations: [
      { name: 'Main BMS', health: 'unhealthy' as const },
      { name: 'Second BMS', health: 'healthy' as const },
    ],
  };
  const cases: [string, TrayInput, string][] = [
    ['all healthy', HEALTHY, 'healthy'],
    ['no integrations', { ...HEALTHY, integrations: [] }, 'healthy'],
    ['syncing', { ...HEALTHY, isSyncing: true }, 'syncing'],
    ['unhealthy', unhealthy, 'unhealthy'],
    ['unhealthy while syncing', { ...unhealthy, isSyncing: true }, 'unhealthy'],
    ['offline', { ...HEALTHY, isOffline: true }, 'offline'],
    [
      'offline, unhealthy, syncing',
      { ...unhealthy, isOffline: true, isSyncing: true },
      'offline',
    ],
    ['paused', { ...HEALTHY, isPaused: true }, 'healthy'],
  ];
  test.each(cases)('%s', (_name, input, expected) => {
    expect(computeTrayState(input)).toBe(expected);
  });
});

describe('buildTrayTooltip', () => {
  test('healthy', () => {
    expect(buildTrayTooltip(HEALTHY)).toBe(
      'DWID to BMS Connector\nAll integrations healthy',
    );
  });

  test('names unhealthy integrations and pause', () => {
    const tooltip = buildTrayTooltip({
      ...HEALTHY,
      integrations: [
        { name: 'Main BMS', health: 'unhealthy' },
        { name: 'Second BMS', health: 'unhealthy' },
      ],
      isPaused: true,
      isSyncing: true,
    });
    expect(tooltip).toBe(
      'DWID to BMS Connector\nUnhealthy: Main BMS, Second BMS\n' +
        'Syncing now\nSyncing paused',
    );
  });

  test('offline', () => {
    expect(buildTrayTooltip({ ...HEALTHY, isOffline: true })).toBe(
      'DWID to BMS Connector\nOffline: the last sync could not connect',
    );
  });

  test('long name list is cut', () => {
    const integrations = Array.from({ length: 20 }, (_, i) => ({
      name: `Integration number ${i}`,
      health: 'unhealthy' as const,
    }));
    const tooltip = buildTrayTooltip({
      ...HEALTHY,
      integrations,
      isPaused: true,
    });
    expect(tooltip).toHaveLength(127);
    expect(tooltip.endsWith('…')).toBe(true);
  });
});

describe('buildTrayMenu', () => {
  test('labels when running', () => {
    const menu = buildTrayMenu(HEALTHY, recordingHandlers([]));
    expect(labels(menu)).toEqual([
      'Open',
      '---',
      'Sync now',
      'Pause syncing',
      '---',
      'Show logs',
      'Quit',
    ]);
  });

  test('paused offers resume and sync', () => {
    const menu = buildTrayMenu(
      { isSyncing: false, isPaused: true },
      recordingHandlers([]),
    );
    expect(labels(menu)).toContain('Resume syncing');
    expect(labels(menu)).not.toContain('Pause syncing');
    expect(itemLabelled(menu, 'Sync now').enabled).toBe(true);
  });

  test('sync now disabled while syncing', () => {
    const menu = buildTrayMenu(
      { isSyncing: true, isPaused: false },
      recordingHandlers([]),
    );
    expect(itemLabelled(menu, 'Sync now').enabled).toBe(false);
  });

  test('items call their handlers', () => {
    const calls: string[] = [];
    const handlers = recordingHandlers(calls);
    const running = buildTrayMenu(HEALTHY, handlers);
    const paused = buildTrayMenu({ ...HEALTHY, isPaused: true }, handlers);
    for (const label of ['Open', 'Sync now', 'Pause syncing', 'Show logs']) {
      itemLabelled(running, label).click?.();
    }
    itemLabelled(paused, 'Resume syncing').click?.();
    itemLabelled(running, 'Quit').click?.();
    expect(calls).toEqual([
      'open',
      'syncNow',
      'pause',
      'showLogs',
      'resume',
      'quit',
    ]);
  });
});

describe('createTray', () => {
  beforeEach(() => {
    fake.trays.length = 0;
  });

  test('sets icon, tooltip and menu', () => {
    const calls: string[] = [];
    const tray = createTray('/icons', recordingHandlers(calls), HEALTHY);
    const record = fake.trays[0];
    expect(fake.trays).toHaveLength(1);
    expect(record?.image).toBe('/icons/tray-healthy.png');
    expect(record?.tooltip).toBe(buildTrayTooltip(HEALTHY));
    expect(record?.template).toHaveLength(7);

    record?.clickListener?.();
    expect(calls).toEqual(['open']);
    tray.destroy();
    expect(record?.isDestroyed).toBe(true);
  });

  test('update switches the icon', () => {
    const tray = createTray('/icons', recordingHandlers([]), HEALTHY);
    const record = fake.trays[0];
    tray.update({ ...HEALTHY, isOffline: true });
    expect(record?.image).toBe('/icons/tray-offline.png');
    tray.update({ ...HEALTHY, isSyncing: true });
    expect(record?.image).toBe('/icons/tray-syncing.png');
    expect(labels(record?.template as TrayMenuItem[])).toContain('Sync now');
  });

  test('unchanged input redraws nothing', () => {
    const tray = createTray('/icons', recordingHandlers([]), HEALTHY);
    const record = fake.trays[0];
    const changes = record?.imageChanges;
    tray.update({ ...HEALTHY });
    expect(record?.imageChanges).toBe(changes);
  });
});

describe('tray icon files', () => {
  const iconDir = join(import.meta.dirname, '..', '..', 'build', 'tray');
  const files = Object.values(TRAY_ICON_FILES).flatMap<[string, number]>(
    file => [
      [file, 16],
      [file.replace('.png', '@2x.png'), 32],
    ],
  );

  test.each(files)('%s is a valid %i px PNG', (file, size) => {
    const bytes = readFileSync(join(iconDir, file));
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(bytes.readUInt32BE(16)).toBe(size);
    expect(bytes.readUInt32BE(20)).toBe(size);
    let offset = 8;
    while (offset < bytes.length) {
      const length = bytes.readUInt32BE(offset);
      const typeAndData = bytes.subarray(offset + 4, offset + 8 + length);
      expect(bytes.readUInt32BE(offset + 8 + length)).toBe(crc32(typeAndData));
      offset += 12 + length;
    }
    expect(offset).toBe(bytes.length);
  });
});
