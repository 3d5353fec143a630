import { createTheme } from '@mantine/core';

/** Mantine theme of the window: calm colors, a red reserved for failures. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
});
