import { join } from 'node:path';
import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';

import { defaultDataDir, extractDataDir } from '../../main/cli/data-dir';

describe('extractDataDir', () => {
  it('takes the option before the command', () => {
    expect(extractDataDir(['--data-dir', '/x', 'sync', '--once'])).toEqual({
      dataDir: '/x',
      rest: ['sync', '--once'],
    });
  });

  it('takes the option after the command', () => {
    expect(extractDataDir(['sync', '--once', '--data-dir=/y'])).toEqual({
      dataDir: '/y',
      rest: ['sync', '--once'],
    });
  });

  it('leaves other arguments alone', () => {
    expect(extractDataDir(['health', '--json'])).toEqual({
      dataDir: undefined,
      rest: ['health', '--json'],
    });
  });
});

describe('defaultDataDir', () => {
  it('follows XDG on Linux', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/cfg' })).toBe(
      join('/cfg', 'dwid-bms-connector'),
    );
    expect(defaultDataDir('linux', {})).toBe(
      join(homedir(), '.config', 'dwid-bms-connector'),
    );
  });

  it('uses APPDATA on Windows', () => {
    expect(
      defaultDataDir('win32', { APPDATA: 'C:\\Users\\t\\AppData\\Roaming' }),
    ).toBe(join('C:\\Users\\t\\AppData\\Roaming', 'dwid-bms-connector'));
  });
});
