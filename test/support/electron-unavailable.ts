// Stands in for the `electron` package under vitest. The real package tries
// to download Electron's binary when it is imported outside Electron, so a
// test that does not mock it fails here at once instead.
throw new Error(
  'The electron package cannot load under Node: mock it with ' +
    "vi.mock('electron', ...) in the test that imports a main/app module.",
);
