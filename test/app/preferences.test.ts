import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

// conf is electron-store's base class and contains all of its file
// handling. electron-store itself imports `electron`, whose entry point under
// plain Node starts a download of the Electron binary.
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import {
  DEFAULT_PREFERENCES,
  PREFERENCES_FILE,
  PreferencesStore,
} from '../../main/app/preferences';
import { configureLogging } from '../../main/log/logger';

const NOW = new Date('2025-03-04T05:06:07.089Z');
const BACKUP_NAME = `${PREFERENCES_FILE}.invalid-2025-03-04T05-06-07-089Z`;

let dir: string;
let file: string;
let logFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'preferences-'));
  file = join(dir, PREFERENCES_FILE);
  logFile = join(dir, 'logs', 'main.log');
  configureLogging({ file: logFile, level: 'warn' });
});

afterEach(() => {
  configureLogging({});
  rmSync(dir, { recursive: true, force: true });
});

function open(): PreferencesStore {
  return PreferencesStore.open({
    file,
    now: () => NOW,
    openBackend: path =>
      new Conf<Record<string, unknown>>({
        cwd: dirname(path),
        configName: basename(path, '.json'),
      }),
  });
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function backups(): string[] {
  return readdirSync(dir).filter(name => name.includes('.invalid-'));
}

describe('PreferencesStore', () => {
  test('missing file gets defaults', () => {
    const preferences = open();
    expect(preferences.get()).toEqual(DEFAULT_PREFERENCES);
    expect(readJson(file)).toEqual(DEFAULT_PREFERENCES);
    expect(backups()).toEqual([]);
  });

  test('defaults', () => {
    expect(DEFAULT_PREFERENCES).toEqual({
      windowBounds: { width: 1280, height: 820, isMaximized: false },
      pollIntervalMinutes: 15,
      startAtLogin: false,
      isPaused: false,
      acceptsKeyFile: false,
    });
  });

  test('garbage file is backed up and reset', () => {
    const garbage = '{"pollIntervalMinutes": 30, "isPaused": tru';
    writeFileSync(file, garbage);

    const preferences = open();

    expect(preferences.get()).toEqual(DEFAULT_PREFERENCES);
    expect(readJson(file)).toEqual(DEFAULT_PREFERENCES);
    expect(backups()).toEqual([BACKUP_NAME]);
    expect(readFileSync(join(dir, BACKUP_NAME), 'utf8')).toBe(garbage);
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('preferences file is invalid');
    expect(log).toContain(BACKUP_NAME);
  });

  test('invalid values are backed up and reset', () => {
    const invalid = JSON.stringify({ pollIntervalMinutes: 0, isPaused: true });
    writeFileSync(file, invalid);

    const preferences = open();

    expect(preferences.get()).toEqual(DEFAULT_PREFERENCES);
    expect(readFileSync(join(dir, BACKUP_NAME), 'utf8')).toBe(invalid);
    expect(readFileSync(logFile, 'utf8')).toContain('pollIntervalMinutes');
  });

  test('non-object file is reset', () => {
    writeFileSync(file, '[1, 2, 3]');
    expect(open().get()).toEqual(DEFAULT_PREFERENCES);
    expect(backups()).toEqual([BACKUP_NAME]);
  });

  test('older file keeps its values', () => {
    writeFileSync(file, JSON.stringify({ pollIntervalMinutes: 30 }));
    const preferences = open();
    expect(preferences.get()).toEqual({
      ...DEFAULT_PREFERENCES,
      pollIntervalMinutes: 30,
    });
    expect(readJson(file)).toEqual(preferences.get());
    expect(backups()).toEqual([]);
  });

  test('update persists across opens', () => {
    const bounds = {
      x: 10,
      y: -20,
      width: 900,
      height: 700,
      isMaximized: true,
    };
    open().update({ windowBounds: bounds, isPaused: true });

    const reopened = open().get();
    expect(reopened.windowBounds).toEqual(bounds);
    expect(reopened.isPaused).toBe(true);
    expect(reopened.pollIntervalMinutes).toBe(15);
  });

  test('invalid update throws and writes nothing', () => {
    const preferences = open();
    preferences.update({ pollIntervalMinutes: 60 });
    const cases = [0, 1441, 2.5];
    for (const minutes of cases) {
      expect(() =>
        preferences.update({ pollIntervalMinutes: minutes }),
      ).toThrow(/Invalid preferences: .*pollIntervalMinutes/s);
    }
    expect(preferences.get().pollIntervalMinutes).toBe(60);
    expect(backups()).toEqual([]);
  });

  test('file broken while running is reset', () => {
    const preferences = open();
    preferences.update({ startAtLogin: true });
    writeFileSync(file, 'not json at all');

    expect(preferences.get()).toEqual(DEFAULT_PREFERENCES);
    expect(readJson(file)).toEqual(DEFAULT_PREFERENCES);
    expect(readFileSync(join(dir, BACKUP_NAME), 'utf8')).toBe(
      'not json at all',
    );
  });
});
