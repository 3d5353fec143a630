import { expect, type Page } from '@playwright/test';

/** Opens a section of the window from the navigation bar. */
export async function openSection(
  page: Page,
  section: 'Integrations' | 'Organizations' | 'Activity',
): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: section })
    .click();
  await expect(
    page.getByRole('heading', { name: section, level: 2 }),
  ).toBeVisible();
}

/** Opens the edit screen of an integration from the integrations list. */
export async function openIntegration(page: Page, name: string): Promise<void> {
  await openSection(page, 'Integrations');
  await page.getByRole('button', { name: `Edit ${name}`, exact: true }).click();
  await expect(
    page.getByRole('heading', { name: `Edit ${name}`, level: 2 }),
  ).toBeVisible();
}

/** Selects a tab of the edit screen. */
export async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByRole('tab', { name: tab }).click();
  await expect(page.getByRole('tab', { name: tab })).toHaveAttribute(
    'aria-selected',
    'true',
  );
}

/** Returns the header's `Sync now`, which shows a sync's progress instead while it runs. */
export function headerSyncButton(page: Page) {
  return page.getByRole('banner').getByRole('button', { name: 'Sync now' });
}

/** Starts a sync from the header and waits for its notification. */
export async function syncNow(page: Page): Promise<void> {
  await headerSyncButton(page).click();
  await expect(
    page.getByText(/^(Sync finished|Sync stopped early)$/),
  ).toBeVisible({ timeout: 45_000 });
}

/**
 * Returns a field mapping's input by its ticket field label: a combobox for
 * ids, a text box for text.
 */
export function mappingInput(page: Page, field: string) {
  const panel = page.getByRole('tabpanel', { name: 'Field Mappings' });
  const name = { name: field, exact: true };
  return panel.getByRole('combobox', name).or(panel.getByRole('textbox', name));
}
