import { createTheme, Modal, MultiSelect, Select } from '@mantine/core';

/**
 * Mantine theme of the window: calm colors, a red reserved for failures, and
 * accessible names for the icon-only buttons Mantine draws itself.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  components: {
    Modal: Modal.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } },
    }),
    Select: Select.extend({
      defaultProps: { clearButtonProps: { 'aria-label': 'Clear selection' } },
    }),
    MultiSelect: MultiSelect.extend({
      defaultProps: { clearButtonProps: { 'aria-label': 'Clear selection' } },
    }),
  },
});
