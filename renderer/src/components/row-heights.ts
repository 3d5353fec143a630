/**
 * Estimated row heights of the long virtual lists, in pixels, with the
 * default theme: 12 px of padding, a 1 px border and the tallest item of a
 * one-line row. The list measures each new row's offsetHeight and renders
 * again, synchronously, whenever one differs from its estimate, so a wrong
 * estimate costs every keystroke that brings new rows into view.
 * test/e2e/list-row-heights.spec.ts checks these values in Chromium.
 */

/**
 * `Kaseya Account Names` and `Matched Organizations`: a line of `sm` text,
 * 14 px at line height 1.45.
 */
export const ACCOUNT_ROW_HEIGHT = 33;

/** `Non-Matching Organizations` without a suggestion: the 22 px Edit button. */
export const NON_MATCHING_ROW_HEIGHT = 35;

/** Organizations list: the 26 px Edit button. */
export const ORGANIZATION_ROW_HEIGHT = 39;
