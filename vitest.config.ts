import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      electron: fileURLToPath(
        new URL('./test/support/electron-unavailable.ts', import.meta.url),
      ),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start their own emulators on port 0 and their own database
    // files, so files can run in parallel without sharing state.
    pool: 'forks',
  },
});
