import { homedir } from 'node:os';
import { join } from 'node:path';

/** Folder name the desktop app uses for its user data. */
export const APP_FOLDER_NAME = 'dwid-bms-connector';

/**
 * Returns the desktop app's user-data folder, as Electron's
 * `app.getPath('userData')` computes it on each platform, so the CLI and the
 * app share one database by default.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32') {
    return join(
      env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'),
      APP_FOLDER_NAME,
    );
  }
  if (platform === 'darwin') {
    return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  }
  return join(
    env.XDG_CONFIG_HOME ?? join(homedir(), '.config'),
    APP_FOLDER_NAME,
  );
}

/**
 * Takes `--data-dir DIR` (or `--data-dir=DIR`) out of `argv` wherever it
 * appears, so it works before or after the command name.
 */
export function extractDataDir(argv: readonly string[]): {
  dataDir: string | undefined;
  rest: string[];
} {
  const rest: string[] = [];
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--data-dir') {
      dataDir = argv[i + 1];
      i += 1;
    } else if (arg.startsWith('--data-dir=')) {
      dataDir = arg.slice('--data-dir='.length);
    } else {
      rest.push(arg);
    }
  }
  return { dataDir, rest };
}
