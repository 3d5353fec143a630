import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Builds the renderer once before the workers start, so parallel test
 * environments never build into out/renderer at the same time.
 */
export default function globalSetup(): void {
  const root = join(import.meta.dirname, '..', '..', '..');
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'vite'),
    ['build', '--config', 'renderer.vite.config.ts'],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    throw new Error(`The renderer build failed with status ${result.status}.`);
  }
}
