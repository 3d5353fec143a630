import { expect, type Locator, type Page } from '@playwright/test';

/** Tab presses tried before giving up on reaching a control. */
const MAX_TAB_PRESSES = 60;

/** The part of the browser's `document` that focus checks read. */
type FocusDocument = { readonly activeElement: unknown };

/** True when `locator` matches one element and it has focus. */
export async function isFocused(locator: Locator): Promise<boolean> {
  if ((await locator.count()) !== 1) return false;
  // Typed by hand, because this project type-checks without DOM types.
  return locator.evaluate(
    (element: unknown) =>
      element ===
      (globalThis as unknown as { document: FocusDocument }).document
        .activeElement,
  );
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user
 * moves through the window. Fails when the control is never reached.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  direction: 'forward' | 'backward' = 'forward',
): Promise<void> {
  const key = direction === 'forward' ? 'Tab' : 'Shift+Tab';
  for (let press = 0; press < MAX_TAB_PRESSES; press += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press(key);
  }
  await expect(target, `reachable with ${key}`).toBeFocused({ timeout: 1 });
}

/** Reaches a text field with Tab and types `text` into it. */
export async function tabAndType(
  page: Page,
  target: Locator,
  text: string,
): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.type(text);
  await expect(target).toHaveValue(text);
}
