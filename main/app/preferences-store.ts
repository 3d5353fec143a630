import { basename, dirname, join } from 'node:path';

import ElectronStore from 'electron-store';

import { PREFERENCES_FILE, PreferencesStore } from './preferences';

// NOTE: this adapter is type-checked only. Its tests open the same files
// through `conf`, the base class of electron-store, because electron-store
// imports `electron`, which cannot load under plain Node.

/**
 * Opens the preferences in `userDataDir` (Electron's `app.getPath('userData')`)
 * with electron-store. Its writes go through `conf` 15.1.0, which writes with
 * `atomically`: a temporary file, fsync, then a rename over the old file. It
 * falls back to a plain write when the SNAP variable is set or the rename
 * fails with EXDEV on Windows.
 */
export function openPreferences(userDataDir: string): PreferencesStore {
  return PreferencesStore.open({
    file: join(userDataDir, PREFERENCES_FILE),
    openBackend: file =>
      new ElectronStore<Record<string, unknown>>({
        cwd: dirname(file),
        name: basename(file, '.json'),
      }),
  });
}
