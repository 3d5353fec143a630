import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from '@playwright/test';

import { expect, SCREENSHOT_DIR, test } from './support/fixtures';
import {
  associateOrganizations,
  setUpIntegration,
} from './support/integration-setup';
import { openIntegration, openSection, openTab } from './support/navigation';
import { SEED } from './support/seed-facts';

const NAME = 'Main BMS';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

type Shot = (screen: string) => Promise<void>;

/** Asserts that the page does not scroll sideways. */
async function expectNoHorizontalScroll(page: Page, screen: string) {
  const widths = await page.evaluate(() => {
    const root = (
      globalThis as unknown as {
        document: {
          documentElement: { scrollWidth: number; clientWidth: number };
        };
      }
    ).document.documentElement;
    return { scroll: root.scrollWidth, client: root.clientWidth };
  });
  expect(widths.scroll, `${screen} scrolls sideways`).toBeLessThanOrEqual(
    widths.client,
  );
}

/** Visits every screen and calls `shot` on each. */
async function visitScreens(page: Page, shot: Shot): Promise<void> {
  await openSection(page, 'Integrations');
  await expect(page.getByRole('row').filter({ hasText: NAME })).toBeVisible();
  await shot('integrations');

  await openIntegration(page, NAME);
  await openTab(page, 'Settings');
  await shot('edit-settings');
  await openTab(page, 'Kaseya Company Mapping');
  await expect(
    page.getByRole('region', { name: 'Matched Organizations' }),
  ).toContainText(SEED.matched.organization);
  await shot('company-mapping');
  await openTab(page, 'Field Mappings');
  await expect(
    page.getByRole('region', { name: 'Ticket preview' }),
  ).toContainText('Goes to');
  await shot('field-mappings');
  await openTab(page, 'Organizations');
  await shot('edit-organizations');

  await openSection(page, 'Organizations');
  await shot('organizations');
  await page
    .getByRole('button', { name: `Edit ${SEED.matched.organization}` })
    .click();
  await expect(
    page.getByRole('dialog', { name: 'Edit organization' }),
  ).toBeVisible();
  await shot('organizations-associate');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await openSection(page, 'Activity');
  await expect(
    page.getByRole('table', { name: 'Delivery ledger' }).getByText('Sent'),
  ).not.toHaveCount(0);
  await shot('activity');
}

for (const size of SIZES) {
  for (const scheme of SCHEMES) {
    test.describe(`${size.width}x${size.height}`, () => {
      test.use({ viewport: size });

      test(`screens in ${scheme}`, async ({ app, stack }) => {
        const id = await setUpIntegration(stack, NAME);
        await associateOrganizations(stack, id, [
          SEED.matched.organization,
          SEED.lowerCase.organization,
        ]);
        await stack.call('sync:start', {});
        await expect
          .poll(async () => {
            const status = await stack.call('sync:status', {});
            return status.ok && !status.value.isRunning && status.value.last;
          })
          .toBeTruthy();
        // The sync's notification would cover part of every screenshot.
        const finished = app
          .getByRole('alert')
          .filter({ hasText: 'Sync finished' });
        await finished.getByRole('button').click();
        await expect(finished).toBeHidden();

        await app
          .getByRole('radiogroup', { name: 'Color scheme' })
          .getByText(scheme === 'dark' ? 'Dark' : 'Light', { exact: true })
          .click();
        await expect(app.locator('html')).toHaveAttribute(
          'data-mantine-color-scheme',
          scheme,
        );

        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await visitScreens(app, async screen => {
          const file = `${screen}-${scheme}-${size.width}x${size.height}.png`;
          await app.screenshot({ path: join(SCREENSHOT_DIR, file) });
          await expectNoHorizontalScroll(app, screen);
        });
      });
    });
  }
}
