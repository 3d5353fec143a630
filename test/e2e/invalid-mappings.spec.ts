import type { Page } from '@playwright/test';

import { expect, test, type Stack } from './support/fixtures';
import {
  DEFAULT_TITLE,
  readMapping,
  setUpIntegration,
} from './support/integration-setup';
import { mappingInput, openIntegration, openTab } from './support/navigation';
import { SEED } from './support/seed-facts';

const NAME = 'Main BMS';

/** Opens the integration's Field Mappings tab and returns its id. */
async function openMappings(page: Page, stack: Stack): Promise<number> {
  const id = await setUpIntegration(stack, NAME);
  await openIntegration(page, NAME);
  await openTab(page, 'Field Mappings');
  return id;
}

/** Saves and returns the alert that lists the problems. */
async function saveRejected(page: Page) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const problems = page
    .getByRole('main')
    .getByRole('alert')
    .filter({ has: page.getByRole('listitem') })
    .first();
  await expect(problems).toBeVisible();
  return problems;
}

/** Reloads the window and reopens the integration's mappings. */
async function reopenMappings(page: Page): Promise<void> {
  await page.reload();
  await openIntegration(page, NAME);
  await openTab(page, 'Field Mappings');
}

test('unknown token in Title is rejected', async ({ app, stack }) => {
  const id = await openMappings(app, stack);
  await mappingInput(app, 'Title').fill('Leak of [no_such_token]');

  const problems = await saveRejected(app);
  await expect(problems.getByRole('listitem')).toContainText([
    /^Title: \[no_such_token\] is not a known token/,
  ]);
  await expect(mappingInput(app, 'Title')).toHaveAccessibleDescription(
    /\[no_such_token\] is not a known token/,
  );

  expect(await readMapping(stack, id, 'Title')).toBe(DEFAULT_TITLE);
  await reopenMappings(app);
  await expect(mappingInput(app, 'Title')).toHaveValue(DEFAULT_TITLE);
});

test('emptied required Details is rejected', async ({ app, stack }) => {
  const id = await openMappings(app, stack);
  const stored = await readMapping(stack, id, 'Details');
  await mappingInput(app, 'Details').fill('');

  const problems = await saveRejected(app);
  await expect(problems.getByRole('listitem')).toContainText([
    /^Details: required mapping is empty/,
  ]);

  expect(await readMapping(stack, id, 'Details')).toBe(stored);
  await reopenMappings(app);
  await expect(mappingInput(app, 'Details')).toHaveValue(stored ?? '');
});

test('mappings without Queue or Assignee are rejected', async ({
  app,
  stack,
}) => {
  const id = await openMappings(app, stack);
  await app.getByRole('button', { name: 'Remove the Queue mapping' }).click();
  await expect(mappingInput(app, 'Queue')).toHaveCount(0);

  const problems = await saveRejected(app);
  await expect(problems.getByRole('listitem')).toContainText([
    /^Queue: Queue and Assignee are both empty/,
  ]);

  const queueId = String(SEED.ids.queueId);
  expect(await readMapping(stack, id, 'Queue')).toBe(queueId);
  await reopenMappings(app);
  await expect(mappingInput(app, 'Queue')).toHaveValue(queueId);
});
