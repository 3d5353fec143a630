import type { Locator } from '@playwright/test';

import {
  ACCOUNT_ROW_HEIGHT,
  NON_MATCHING_ROW_HEIGHT,
  ORGANIZATION_ROW_HEIGHT,
} from '../../renderer/src/components/row-heights';
import { expect, test } from './support/fixtures';
import { setUpIntegration } from './support/integration-setup';
import { openIntegration, openSection, openTab } from './support/navigation';

const NAME = 'Row Heights BMS';

/** Text shown only by rows taller than one line and by the Catchall row. */
const TALLER_ROW_TEXT = [
  'Accept',
  'Waiting to be sent',
  'Disabled organizations still produce tickets',
  'Catchall Account',
];

type RenderedRow = { readonly text: string; readonly height: number };

/** Heights in pixels of the rendered rows of `list` that show one line. */
async function oneLineRowHeights(list: Locator): Promise<number[]> {
  const items = list.getByRole('listitem');
  await expect(items.first()).toBeVisible();
  const rows = await items.evaluateAll(
    (elements: { textContent: string | null; offsetHeight: number }[]) =>
      elements.map((element): RenderedRow => ({
        text: element.textContent ?? '',
        height: element.offsetHeight,
      })),
  );
  return rows
    .filter(row => !TALLER_ROW_TEXT.some(text => row.text.includes(text)))
    .map(row => row.height);
}

/** Asserts that `list` has one-line rows and that each is `height` tall. */
async function expectRowHeights(
  list: Locator,
  label: string,
  height: number,
): Promise<void> {
  const heights = await oneLineRowHeights(list);
  expect(heights.length, `${label} has one-line rows`).toBeGreaterThan(0);
  for (const measured of heights) {
    expect(measured, `${label} row height`).toBe(height);
  }
}

test('list rows measure as estimated', async ({ app, stack }) => {
  await setUpIntegration(stack, NAME);
  await openIntegration(app, NAME);
  await openTab(app, 'Kaseya Company Mapping');
  const mapping = app.getByRole('tabpanel', { name: 'Kaseya Company Mapping' });
  const region = (name: string) => mapping.getByRole('region', { name });
  await expectRowHeights(
    region('Kaseya Account Names'),
    'Kaseya Account Names',
    ACCOUNT_ROW_HEIGHT,
  );
  await expectRowHeights(
    region('Matched Organizations'),
    'Matched Organizations',
    ACCOUNT_ROW_HEIGHT,
  );
  await expectRowHeights(
    region('Non-Matching Organizations'),
    'Non-Matching Organizations',
    NON_MATCHING_ROW_HEIGHT,
  );

  await openSection(app, 'Organizations');
  await expectRowHeights(
    app.getByRole('region', { name: 'Organizations' }),
    'Organizations',
    ORGANIZATION_ROW_HEIGHT,
  );
});
