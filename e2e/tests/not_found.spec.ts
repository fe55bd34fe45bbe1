import { expect, test } from './fixtures/test';

test('an unknown path shows a not-found page', async ({ page }) => {
  // The server answers any non-API path with the app; the app's router says not found.
  await page.goto('/no/such/page-here');
  await expect(page.getByRole('heading', { name: /not found/i })).toBeVisible();
});
