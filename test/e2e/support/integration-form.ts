import { expect, type Page } from '@playwright/test';

import type { Stack } from './fixtures';
import { mappingInput, openSection, openTab } from './navigation';
import { SEED } from './seed-facts';

/** Id mappings that the seed's BMS accepts, typed into a new integration. */
export const ID_MAPPINGS: readonly (readonly [string, number])[] = [
  ['Catchall Account', SEED.ids.catchallAccountId],
  ['Catchall Location', SEED.ids.catchallLocationId],
  ['Ticket Source', SEED.ids.sourceId],
  ['Ticket Type', SEED.ids.typeId],
  ['Status', SEED.ids.statusId],
  ['Priority', SEED.ids.priorityId],
];

/** Opens `New Integration` → `Kaseya BMS` from the integrations list. */
export async function openNewIntegration(page: Page): Promise<void> {
  await openSection(page, 'Integrations');
  await page.getByRole('tab', { name: 'PSA' }).click();
  await page.getByRole('button', { name: 'New Integration' }).click();
  await page.getByRole('menuitem', { name: 'Kaseya BMS' }).click();
  await expect(
    page.getByRole('heading', { name: 'New Kaseya BMS Integration' }),
  ).toBeVisible();
}

/** Types the stack's BMS sign-in into the Settings tab. */
export async function fillCredentials(
  page: Page,
  stack: Stack,
  name: string,
): Promise<void> {
  await openTab(page, 'Settings');
  const panel = page.getByRole('tabpanel', { name: 'Settings' });
  await panel.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await panel
    .getByRole('textbox', { name: 'Kaseya BMS URL', exact: true })
    .fill(stack.bmsUrl);
  await panel
    .getByRole('textbox', { name: 'Username', exact: true })
    .fill(stack.bmsUsername);
  await panel.getByLabel(/^Password/).fill(stack.bmsPassword);
  await panel
    .getByRole('textbox', { name: 'Company', exact: true })
    .fill(stack.bmsTenant);
}

/** Types the seed's ids into the id mappings and adds a Queue mapping. */
export async function fillIdMappings(page: Page): Promise<void> {
  await openTab(page, 'Field Mappings');
  for (const [field, id] of ID_MAPPINGS) {
    const input = mappingInput(page, field);
    await input.fill(String(id));
    await input.press('Escape');
  }
  await page.getByRole('button', { name: '+ Add Field Mapping' }).click();
  await page.getByRole('menuitem', { name: /^Queue/ }).click();
  const queue = mappingInput(page, 'Queue');
  await queue.fill(String(SEED.ids.queueId));
  await queue.press('Escape');
}

/** Waits for the notification of a successful save. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(
    page.getByRole('alert').filter({ hasText: 'Integration saved' }),
  ).toBeVisible();
}
