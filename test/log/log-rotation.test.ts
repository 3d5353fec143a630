import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import {
  rotatedFileName,
  rotateIfLarge,
  shiftLogFiles,
} from '../../main/log/log-rotation';
import {
  configureLogging,
  getLogFolder,
  getLogger,
  logFileIn,
  registerSecret,
} from '../../main/log/logger';

const folders: string[] = [];

afterEach(() => {
  configureLogging({});
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'dwid-bms-logs-'));
  folders.push(folder);
  return folder;
}

describe('rotatedFileName', () => {
  it('numbers the file before its extension', () => {
    expect(rotatedFileName('/logs/connector.log', 2)).toBe(
      '/logs/connector.2.log',
    );
    expect(rotatedFileName('/logs/connector', 1)).toBe('/logs/connector.1');
  });
});

describe('log rotation at open', () => {
  it('keeps a file under the limit', () => {
    const file = logFileIn(tempFolder());
    writeFileSync(file, 'x'.repeat(99));

    expect(rotateIfLarge(file, { maxBytes: 100, maxFiles: 3 })).toBe(99);
    expect(readFileSync(file, 'utf8')).toHaveLength(99);
  });

  it('shifts files and deletes the oldest', () => {
    const folder = tempFolder();
    const file = logFileIn(folder);
    writeFileSync(file, 'current');
    writeFileSync(rotatedFileName(file, 1), 'one');
    writeFileSync(rotatedFileName(file, 2), 'two');

    shiftLogFiles(file, 3);

    expect(existsSync(file)).toBe(false);
    expect(readFileSync(rotatedFileName(file, 1), 'utf8')).toBe('current');
    expect(readFileSync(rotatedFileName(file, 2), 'utf8')).toBe('one');
    expect(readdirSync(folder).sort()).toEqual([
      'connector.1.log',
      'connector.2.log',
    ]);
  });

  it('rotates a full file when logging starts', () => {
    const folder = tempFolder();
    const file = logFileIn(folder);
    writeFileSync(file, 'old line\n'.repeat(20));

    configureLogging({
      file,
      level: 'info',
      rotation: { maxBytes: 100, maxFiles: 2 },
    });
    getLogger('test').info('first line after start');

    expect(readFileSync(rotatedFileName(file, 1), 'utf8')).toContain(
      'old line',
    );
    expect(readFileSync(file, 'utf8')).toContain('first line after start');
    expect(readFileSync(file, 'utf8')).not.toContain('old line');
  });
});

describe('log rotation while running', () => {
  it('keeps every file near the limit', () => {
    const folder = tempFolder();
    const file = logFileIn(folder);
    const rotation = { maxBytes: 4_000, maxFiles: 3 };
    configureLogging({ file, level: 'info', rotation });

    for (let i = 0; i < 100; i += 1) {
      getLogger('test').info({ line: i }, 'a line of about a hundred bytes');
    }

    expect(readdirSync(folder).sort()).toEqual([
      'connector.1.log',
      'connector.2.log',
      'connector.log',
    ]);
    for (const name of readdirSync(folder)) {
      expect(statSync(join(folder, name)).size).toBeLessThanOrEqual(
        rotation.maxBytes,
      );
    }
    expect(readFileSync(file, 'utf8')).toContain('"line":99');
  });

  it('redacts lines in rotated files', () => {
    const folder = tempFolder();
    const file = logFileIn(folder);
    registerSecret('rotation-canary-771');
    configureLogging({
      file,
      level: 'info',
      rotation: { maxBytes: 500, maxFiles: 2 },
    });

    for (let i = 0; i < 20; i += 1) {
      getLogger('test').info(`login as rotation-canary-771 number ${i}`);
    }

    const text = readdirSync(folder)
      .map(name => readFileSync(join(folder, name), 'utf8'))
      .join('');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('rotation-canary-771');
  });
});

describe('getLogFolder', () => {
  it('returns the folder of the log file', () => {
    const folder = tempFolder();
    configureLogging({ file: logFileIn(folder) });

    expect(getLogFolder()).toBe(folder);
  });

  it('returns null for standard error', () => {
    configureLogging({});

    expect(getLogFolder()).toBeNull();
  });
});
