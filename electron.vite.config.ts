import { fileURLToPath } from 'node:url';

import { defineConfig } from 'electron-vite';

import rendererConfig from './renderer.vite.config';

const path = (relative: string) =>
  fileURLToPath(new URL(relative, import.meta.url));

/**
 * Builds the desktop app into out/: main/ (the Electron shell and engine),
 * preload/ and renderer/. Dependencies stay in node_modules, not in the
 * bundle, so better-sqlite3 loads its native module from there.
 */
export default defineConfig({
  main: {
    build: {
      outDir: path('./out/main'),
      externalizeDeps: { include: ['better-sqlite3'] },
      rollupOptions: { input: { main: path('./main/app/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: path('./out/preload'),
      rollupOptions: {
        input: { index: path('./preload/index.ts') },
        // A sandboxed preload must be CommonJS; the package is an ES module
        // package, so the file needs the .cjs extension.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      rollupOptions: { input: path('./renderer/index.html') },
    },
  },
});
