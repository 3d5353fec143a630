import { readFileSync } from 'node:fs';

import {
  expectNoPasswords,
  expectPageHasNoPasswords,
  recordCallResponses,
  recordEventStream,
} from './support/api-responses';
import { accountById, readBmsState } from './support/bms-state';
import { expect, test } from './support/fixtures';
import {
  expectSaved,
  fillCredentials,
  fillIdMappings,
  openNewIntegration,
} from './support/integration-form';
import {
  mappingInput,
  openSection,
  openTab,
  syncNow,
} from './support/navigation';
import { SEED } from './support/seed-facts';

const NAME = 'Main BMS';

test('technician flow creates tickets', async ({ app, stack }) => {
  test.setTimeout(120_000);
  const responses = recordCallResponses(app);
  const events = await recordEventStream(app);

  // Organizations first, so the company mapping has names to match.
  await openSection(app, 'Organizations');
  await app.getByRole('button', { name: 'Refresh from Dark Web ID' }).click();
  await expect(
    app.getByRole('button', { name: `Edit ${SEED.matched.organization}` }),
  ).toBeVisible();

  await openNewIntegration(app);
  await fillCredentials(app, stack, NAME);
  await fillIdMappings(app);
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await expectSaved(app);
  await expect(
    app.getByRole('heading', { name: `Edit ${NAME}`, level: 2 }),
  ).toBeVisible();
  await expectPageHasNoPasswords(app, stack);

  // Company mapping: copy accounts, then fix the lower-case account name.
  await openTab(app, 'Kaseya Company Mapping');
  const mapping = app.getByRole('tabpanel', { name: 'Kaseya Company Mapping' });
  const notCopied = mapping.getByText('No accounts copied yet');
  await expect(notCopied).toBeVisible();
  await mapping.getByRole('button', { name: 'Refresh from BMS' }).click();
  await expect(notCopied).toHaveCount(0);
  const total = mapping.getByText(/^Total Kaseya Accounts:/);
  // BMS lists active accounts only unless asked for inactive ones.
  const activeAccounts = (await readBmsState(stack)).accounts.filter(
    account => account.isActive,
  ).length;
  await expect(total).toHaveText(`Total Kaseya Accounts: ${activeAccounts}`);
  const matched = mapping.getByRole('region', {
    name: 'Matched Organizations',
  });
  const nonMatching = mapping.getByRole('region', {
    name: 'Non-Matching Organizations',
  });
  await expect(
    matched.getByText(SEED.matched.organization, { exact: true }),
  ).toBeVisible();
  await nonMatching
    .getByRole('button', { name: `Edit ${SEED.lowerCase.accountName}` })
    .click();
  const renameDialog = app.getByRole('dialog', {
    name: 'Match a company name',
  });
  await expect(
    renameDialog.getByLabel('New name of the Kaseya BMS account'),
  ).toHaveValue(SEED.lowerCase.organization);
  await renameDialog.getByRole('button', { name: 'Rename' }).click();
  await expect(renameDialog).toBeHidden();
  await expect(
    matched.getByText(SEED.lowerCase.organization, { exact: true }),
  ).toBeVisible();
  await expect(
    nonMatching.getByRole('button', {
      name: `Edit ${SEED.lowerCase.accountName}`,
    }),
  ).toHaveCount(0);

  // Field mappings: a token from the table goes to the Title's cursor.
  await openTab(app, 'Field Mappings');
  const title = mappingInput(app, 'Title');
  await title.fill('Leak at  for [search_value]');
  await title.click();
  await title.press('Home');
  for (let step = 0; step < 'Leak at '.length; step += 1) {
    await title.press('ArrowRight');
  }
  await app.getByRole('button', { name: 'Insert [organization_name]' }).click();
  const newTitle = 'Leak at [organization_name] for [search_value]';
  await expect(title).toHaveValue(newTitle);
  const preview = app.getByRole('region', { name: 'Ticket preview' });
  await expect(preview).toContainText('Leak at Example Organization');

  // Save And Submit: the confirmation shows the number BMS stored.
  await app
    .getByRole('button', { name: 'Save And Submit A Test Compromise' })
    .click();
  const confirmation = app
    .getByRole('status')
    .filter({ hasText: /^Test ticket \S+ created in Kaseya BMS/ });
  await expect(confirmation).toBeVisible({ timeout: 20_000 });
  const afterTest = await readBmsState(stack);
  expect(afterTest.tickets).toHaveLength(1);
  const testTicket = afterTest.tickets[0];
  await expect(confirmation).toContainText(
    `Test ticket ${testTicket?.ticketNumber} created in Kaseya BMS`,
  );
  expect(testTicket?.body.AccountId).toBe(SEED.ids.catchallAccountId);

  // Organizations: associate the two companies with the integration.
  await openSection(app, 'Organizations');
  for (const organization of [
    SEED.matched.organization,
    SEED.lowerCase.organization,
  ]) {
    await app.getByRole('button', { name: `Edit ${organization}` }).click();
    const dialog = app.getByRole('dialog', { name: 'Edit organization' });
    const choices = dialog.getByRole('group', {
      name: 'Associated Integrations',
    });
    await choices.getByRole('checkbox', { name: NAME }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(
    app
      .getByRole('listitem')
      .filter({ hasText: SEED.lowerCase.organization })
      .getByText(NAME, { exact: true }),
  ).toBeVisible();

  // Sync, then the Activity ledger shows what BMS stored.
  await syncNow(app);
  const state = await readBmsState(stack);
  expect(accountById(state, SEED.lowerCase.accountId).name).toBe(
    SEED.lowerCase.organization,
  );
  const renamedTickets = state.tickets.filter(ticket =>
    ticket.body.Title.includes(SEED.lowerCase.organization),
  );
  expect(renamedTickets.length).toBeGreaterThan(0);
  for (const ticket of renamedTickets) {
    expect(ticket.body.AccountId).toBe(SEED.lowerCase.accountId);
  }
  const shownTicket = renamedTickets[0];
  if (shownTicket === undefined) {
    throw new Error('No ticket for the renamed company.');
  }

  await openSection(app, 'Activity');
  await app
    .getByRole('textbox', { name: 'Search' })
    .fill(shownTicket.ticketNumber);
  // The search matches ticket numbers, so one row is left.
  await expect(app.getByText(/^1 deliver(y|ies)$/)).toBeVisible();
  const ledger = app.getByRole('table', { name: 'Delivery ledger' });
  const row = ledger
    .getByRole('row')
    .filter({ hasText: shownTicket.ticketNumber });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(SEED.lowerCase.organization);
  await expect(row).toContainText('Sent');
  await expect(
    row.getByRole('cell').nth(4),
    'Company column of the ledger row',
  ).toHaveText(SEED.lowerCase.organization);

  // Export CSV saves the filtered ledger: the one row searched for.
  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export CSV' }).click();
  const csvPath = await (await download).path();
  const csvLines = readFileSync(csvPath, 'utf8').trim().split(/\r?\n/);
  expect(csvLines).toHaveLength(2);
  expect(csvLines[1]).toContain(shownTicket.ticketNumber);
  expect(csvLines[1]).toContain(SEED.lowerCase.organization);

  expectNoPasswords(await responses(), stack, 'A contract call response');
  const eventText = await events();
  expect(eventText, 'events of the sync').toContain('"sync-finished"');
  expectNoPasswords([eventText], stack, 'The event stream');
  await expectPageHasNoPasswords(app, stack);
});
