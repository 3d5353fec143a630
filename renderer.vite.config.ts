import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

/**
 * Builds the technician's window into out/renderer. The Electron shell loads
 * it from disk and `dwid-bms serve` serves the same files over HTTP.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    // One chunk per vendor family keeps rebuilds cacheable and the report
    // of `npm run bench` readable.
    chunkSizeWarningLimit: 1500,
  },
});
