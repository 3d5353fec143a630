import { expect, test } from './support/fixtures';

test('window opens on the integrations list', async ({ app }) => {
  await expect(
    app.getByRole('heading', { name: 'Integrations', level: 2 }),
  ).toBeVisible();
});

test('page without token explains the link', async ({ page, stack }) => {
  await page.goto(`${stack.origin}/`);

  await expect(
    page.getByRole('heading', { name: 'Open the link with its access token' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
});
