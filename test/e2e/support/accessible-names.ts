import { expect, type Page } from '@playwright/test';

const FORM_CONTROLS = [
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'button',
  '[role="button"]',
  '[role="combobox"]',
  '[role="checkbox"]',
  '[role="radio"]',
  '[role="tab"]',
]
  // Controls hidden from assistive technology, such as Mantine's mouse-only
  // clear buttons, are not announced, so they need no name.
  .map(selector => `${selector}:not([aria-hidden="true"])`)
  .join(', ');

/**
 * Asserts that every visible form control on the page has an accessible
 * name, and returns how many were checked. The checks are soft, so one run
 * lists every unnamed control of every screen.
 */
export async function expectNamedControls(
  page: Page,
  screen: string,
): Promise<number> {
  const controls = page.locator(FORM_CONTROLS).filter({ visible: true });
  const count = await controls.count();
  expect(count, `${screen} has controls`).toBeGreaterThan(0);
  for (let index = 0; index < count; index += 1) {
    const control = controls.nth(index);
    const html = await control.evaluate((element: { outerHTML: string }) =>
      element.outerHTML.slice(0, 160),
    );
    await expect
      .soft(control, `${screen}: ${html}`)
      .toHaveAccessibleName(/\S/, {
        timeout: 1000,
      });
  }
  return count;
}
