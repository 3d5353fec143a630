import {
  expectNoPasswords,
  expectPageHasNoPasswords,
  recordCallResponses,
  recordEventStream,
} from './support/api-responses';
import { accountById, readBmsState } from './support/bms-state';
import { expect, test } from './support/fixtures';
import { expectSaved } from './support/integration-form';
import {
  associateOrganizations,
  readMapping,
  setUpIntegration,
} from './support/integration-setup';
import {
  mappingInput,
  openIntegration,
  openSection,
  openTab,
  syncNow,
} from './support/navigation';
import { SEED } from './support/seed-facts';

const NAME = 'Main BMS';
const OFFLINE_TITLE = 'Offline edit: [search_value]';
const WAITING = `Waiting to be sent: ${SEED.lowerCase.organization}`;

test('offline edits save and sync later', async ({ app, stack }) => {
  test.setTimeout(90_000);
  const responses = recordCallResponses(app);
  const events = await recordEventStream(app);
  const id = await setUpIntegration(stack, NAME);
  await associateOrganizations(stack, id, [SEED.matched.organization]);
  await stack.control('/emulators/stop');

  // A mapping edit saves with both services down.
  await openIntegration(app, NAME);
  await openTab(app, 'Field Mappings');
  await mappingInput(app, 'Title').fill(OFFLINE_TITLE);
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await expectSaved(app);
  expect(await readMapping(stack, id, 'Title')).toBe(OFFLINE_TITLE);

  // A rename is queued and shown as waiting.
  await openTab(app, 'Kaseya Company Mapping');
  const mapping = app.getByRole('tabpanel', { name: 'Kaseya Company Mapping' });
  await mapping
    .getByRole('button', { name: `Edit ${SEED.lowerCase.accountName}` })
    .click();
  const renameDialog = app.getByRole('dialog', {
    name: 'Match a company name',
  });
  await renameDialog.getByRole('button', { name: 'Rename' }).click();
  await expect(renameDialog).toBeHidden();
  const matched = mapping.getByRole('region', {
    name: 'Matched Organizations',
  });
  await expect(matched.getByText(WAITING)).toBeVisible();
  const indicator = app
    .getByRole('banner')
    .getByRole('button', { name: '1 change waiting' });
  await expect(indicator).toBeVisible();
  await indicator.click();
  await expect(
    app.getByText(`Kaseya BMS account “${SEED.lowerCase.accountName}”`),
  ).toBeVisible();
  await app.keyboard.press('Escape');

  // An association change saves too.
  await openSection(app, 'Organizations');
  await app
    .getByRole('button', { name: `Edit ${SEED.lowerCase.organization}` })
    .click();
  const dialog = app.getByRole('dialog', { name: 'Edit organization' });
  await dialog.getByRole('checkbox', { name: NAME }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  // Everything is still there after a reload.
  await app.reload();
  await expect(indicator).toBeVisible();
  await openSection(app, 'Organizations');
  await expect(
    app
      .getByRole('listitem')
      .filter({ hasText: SEED.lowerCase.organization })
      .getByText(NAME, { exact: true }),
  ).toBeVisible();
  await openIntegration(app, NAME);
  await openTab(app, 'Field Mappings');
  await expect(mappingInput(app, 'Title')).toHaveValue(OFFLINE_TITLE);
  await openTab(app, 'Kaseya Company Mapping');
  await expect(matched.getByText(WAITING)).toBeVisible();

  // Back online: the indicator sends the rename.
  await stack.control('/emulators/start');
  await indicator.click();
  await app.getByRole('button', { name: 'Send now' }).click();
  await expect(
    app.getByRole('alert').filter({ hasText: 'Changes sent' }),
  ).toBeVisible();
  await expect(indicator).toBeHidden();
  const renamed = await readBmsState(stack);
  expect(accountById(renamed, SEED.lowerCase.accountId).name).toBe(
    SEED.lowerCase.organization,
  );

  // The next tickets use the offline mapping and the renamed account.
  await syncNow(app);
  const state = await readBmsState(stack);
  const renamedTickets = state.tickets.filter(
    ticket => ticket.body.AccountId === SEED.lowerCase.accountId,
  );
  expect(renamedTickets.length).toBeGreaterThan(0);
  for (const ticket of state.tickets) {
    expect(ticket.body.Title).toMatch(/^Offline edit: \S+/);
  }
  expect(
    state.tickets.filter(
      ticket => ticket.body.AccountId === SEED.ids.catchallAccountId,
    ),
  ).toEqual([]);

  expectNoPasswords(await responses(), stack, 'A contract call response');
  const eventText = await events();
  expect(eventText, 'events of the sync').toContain('"sync-finished"');
  expectNoPasswords([eventText], stack, 'The event stream');
  await expectPageHasNoPasswords(app, stack);
});
