import { expect, test } from './support/fixtures';

test('window opens on the integrations list', async ({ app }) => {
  await expect(
    app.getByRole('heading', { name: 'Integrations', level: 2 }),
  ).toBeVisible();
});
