import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { getLogger } from '../log/logger';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Folder of the built renderer that the bridge serves. */
export const RENDERER_OUT_DIR = join(REPO_ROOT, 'out', 'renderer');
const RENDERER_CONFIG = join(REPO_ROOT, 'renderer.vite.config.ts');
const SOURCE_DIRS = [join(REPO_ROOT, 'renderer'), join(REPO_ROOT, 'shared')];

/**
 * Builds the renderer with Vite unless out/renderer is newer than every
 * file under renderer/ and shared/. Returns the folder to serve. This is
 * for running from a checkout; a packaged app ships the built files.
 */
export async function ensureRendererBuilt(): Promise<string> {
  const index = join(RENDERER_OUT_DIR, 'index.html');
  if (
    existsSync(index) &&
    newestMtime(SOURCE_DIRS) <= statSync(index).mtimeMs
  ) {
    return RENDERER_OUT_DIR;
  }
  getLogger('bridge').info('building the renderer');
  // Vite is a development dependency, loaded only when a build is needed.
  const { build } = await import('vite');
  await build({ configFile: RENDERER_CONFIG, logLevel: 'warn' });
  return RENDERER_OUT_DIR;
}

/** Latest modification time of any file below `dirs`, in ms since epoch. */
function newestMtime(dirs: readonly string[]): number {
  let newest = 0;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of dirs) if (existsSync(dir)) visit(dir);
  return newest;
}
