import type { Page } from '@playwright/test';

import { expectNamedControls } from './support/accessible-names';
import { expectPageHasNoPasswords } from './support/api-responses';
import { expect, test } from './support/fixtures';
import { ID_MAPPINGS } from './support/integration-form';
import {
  associateOrganizations,
  setUpIntegration,
} from './support/integration-setup';
import { isFocused, tabAndType, tabTo } from './support/keyboard';
import {
  mappingInput,
  openIntegration,
  openSection,
  openTab,
} from './support/navigation';
import { SEED } from './support/seed-facts';

const NAME = 'Keyboard BMS';

/** Opens a menu from its focused button and chooses an item by Enter. */
async function chooseMenuItem(page: Page, item: RegExp): Promise<void> {
  await page.keyboard.press('Enter');
  const menuItem = page.getByRole('menuitem', { name: item });
  await expect(menuItem).toBeVisible();
  for (let press = 0; press < 20; press += 1) {
    if (await isFocused(menuItem)) break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(menuItem).toBeFocused();
  await page.keyboard.press('Enter');
}

test('integration saved with keyboard only', async ({ app, stack }) => {
  await tabTo(app, app.getByRole('button', { name: 'New Integration' }));
  await chooseMenuItem(app, /^Kaseya BMS$/);
  await expect(
    app.getByRole('heading', { name: 'New Kaseya BMS Integration' }),
  ).toBeVisible();

  const settings = app.getByRole('tabpanel', { name: 'Settings' });
  const text = (name: string) =>
    settings.getByRole('textbox', { name, exact: true });
  await tabAndType(app, text('Name'), NAME);
  await tabAndType(app, text('Kaseya BMS URL'), stack.bmsUrl);
  await tabAndType(app, text('Username'), stack.bmsUsername);
  await tabTo(app, settings.getByLabel(/^Password/));
  await app.keyboard.type(stack.bmsPassword);
  await tabAndType(app, text('Company'), stack.bmsTenant);
  const condition = settings.getByRole('checkbox', {
    name: 'Do not send PSA ticket if no password is found',
  });
  await tabTo(app, condition);
  await app.keyboard.press('Space');
  await expect(condition).toBeChecked();

  // Tabs move with the arrow keys once the tab list has focus.
  await tabTo(app, app.getByRole('tab', { name: 'Settings' }), 'backward');
  await app.keyboard.press('ArrowRight');
  await expect(
    app.getByRole('tab', { name: 'Field Mappings' }),
  ).toHaveAttribute('aria-selected', 'true');
  for (const [field, id] of ID_MAPPINGS) {
    const input = mappingInput(app, field);
    await tabTo(app, input);
    await app.keyboard.press('ControlOrMeta+A');
    await app.keyboard.type(String(id));
    await app.keyboard.press('Escape');
    await expect(input).toHaveValue(String(id));
  }
  await tabTo(app, app.getByRole('button', { name: '+ Add Field Mapping' }));
  await chooseMenuItem(app, /^Queue/);
  const queue = mappingInput(app, 'Queue');
  await tabTo(app, queue, 'backward');
  await app.keyboard.type(String(SEED.ids.queueId));
  await app.keyboard.press('Escape');

  await tabTo(
    app,
    app.getByRole('button', { name: 'Save', exact: true }),
    'backward',
  );
  await app.keyboard.press('Enter');
  await expect(
    app.getByRole('heading', { name: `Edit ${NAME}`, level: 2 }),
  ).toBeVisible();

  await expectPageHasNoPasswords(app, stack);

  const stored = await stack.call('integrations:list', {});
  expect(stored.ok && stored.value.map(item => item.name)).toEqual([NAME]);
  const id = stored.ok ? stored.value[0]?.id : undefined;
  const detail = await stack.call('integrations:get', { id: id ?? 0 });
  if (!detail.ok) throw new Error(detail.error.message);
  expect(detail.value.conditions.skipWithoutPassword).toBe(true);
  expect(detail.value.hasPassword).toBe(true);
  const queueMapping = detail.value.fieldMappings.find(
    m => m.field === 'Queue',
  );
  expect(queueMapping?.content).toBe(String(SEED.ids.queueId));
});

test('every control has an accessible name', async ({ app, stack }) => {
  const id = await setUpIntegration(stack, 'Main BMS');
  await associateOrganizations(stack, id, [SEED.matched.organization]);

  await expectNamedControls(app, 'Integrations list');
  await openIntegration(app, 'Main BMS');
  for (const tab of [
    'Settings',
    'Kaseya Company Mapping',
    'Field Mappings',
    'Organizations',
  ]) {
    await openTab(app, tab);
    await expectNamedControls(app, `Edit screen, ${tab} tab`);
  }

  await openTab(app, 'Kaseya Company Mapping');
  await app
    .getByRole('button', { name: `Edit ${SEED.lowerCase.accountName}` })
    .click();
  await expect(
    app.getByRole('dialog', { name: 'Match a company name' }),
  ).toBeVisible();
  await expectNamedControls(app, 'Rename dialog');
  await app.keyboard.press('Escape');

  await openSection(app, 'Organizations');
  await expectNamedControls(app, 'Organizations screen');
  await app
    .getByRole('button', { name: `Edit ${SEED.matched.organization}` })
    .click();
  await expect(
    app.getByRole('dialog', { name: 'Edit organization' }),
  ).toBeVisible();
  await expectNamedControls(app, 'Association dialog');
  await app.keyboard.press('Escape');

  await openSection(app, 'Activity');
  await expectNamedControls(app, 'Activity screen');
});
