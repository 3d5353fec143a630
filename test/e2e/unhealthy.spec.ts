import { expect, test, type Stack } from './support/fixtures';
import {
  associateOrganizations,
  readIntegration,
  setUpIntegration,
} from './support/integration-setup';
import {
  openIntegration,
  openSection,
  openTab,
  syncNow,
} from './support/navigation';
import { SEED } from './support/seed-facts';

const NAME = 'Main BMS';
/** Failed requests in a row that make an integration unhealthy. */
const UNHEALTHY_AFTER = 5;

async function readFailures(stack: Stack, id: number): Promise<number> {
  const detail = await readIntegration(stack, id);
  return detail.consecutiveFailures;
}

test('failing BMS marks integration unhealthy', async ({ app, stack }) => {
  const id = await setUpIntegration(stack, NAME);
  await associateOrganizations(stack, id, [SEED.matched.organization]);
  await openSection(app, 'Integrations');
  const row = app.getByRole('row').filter({ hasText: NAME });
  await expect(row.getByText('Healthy', { exact: true })).toBeVisible();

  // Every BMS request fails for longer than the sync retries.
  await stack.control('/bms/fault', {
    kind: 'server-error',
    status: 503,
    times: 200,
  });

  // A sync stops at its first failed call, so it takes several syncs to
  // reach five failures in a row. Health changes only at the fifth.
  let failures = 0;
  for (let run = 0; run < 5 && failures < UNHEALTHY_AFTER; run += 1) {
    await syncNow(app);
    failures = await readFailures(stack, id);
    const badge = failures >= UNHEALTHY_AFTER ? 'Unhealthy' : 'Healthy';
    await expect(row.getByText(badge, { exact: true })).toBeVisible();
  }
  expect(failures).toBeGreaterThanOrEqual(UNHEALTHY_AFTER);
  await openIntegration(app, NAME);
  await expect(
    app.getByRole('main').getByText('Unhealthy', { exact: true }),
  ).toBeVisible();
  await openTab(app, 'Settings');
  // The alert's title names the region; its aria-label "Recent errors" is
  // overridden by the title that Mantine links with aria-labelledby.
  const errors = app.getByRole('region', {
    name: /^Unhealthy: \d+ failures in a row$/,
  });
  await expect(errors).toBeVisible();
  const shownFailures = Number(/\d+/.exec(await errors.innerText())?.[0]);
  expect(shownFailures).toBeGreaterThanOrEqual(failures);
  const errorRows = errors.getByRole('row').filter({ hasText: /503/ });
  await expect(errorRows.first()).toBeVisible();
  expect(await errorRows.count()).toBeGreaterThanOrEqual(5);
});
