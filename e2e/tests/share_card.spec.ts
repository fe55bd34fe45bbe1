import { expect, test } from './fixtures/test';
import { signInByApi } from './fixtures/claims_page';

// A member shares their ID card with a provider's office: a link that works
// without signing in, shows only that card, and stops at once when turned off.
test('share a card by link, open it signed out, turn it off @desktop-only', async ({ page, browser, baseURL }) => {
  await signInByApi(page, 'member2');
  await page.goto('/id-card');
  const share = page.getByRole('region', { name: 'Share with a provider' }).first();
  await share.getByLabel('Link works for').selectOption('7');
  await share.getByRole('button', { name: /^Create a link to Sam's card$/ }).click();
  const link = share.getByLabel("Link to Sam's card", { exact: true });
  await expect(link).toHaveValue(/\/shared-card\/[0-9a-f]{64}$/);
  const url = await link.inputValue();
  expect(url.startsWith(baseURL ?? '')).toBe(true);

  // The provider's front desk: no session.
  const desk = await browser.newContext();
  const front = await desk.newPage();
  await front.goto(url);
  await expect(front.getByRole('heading', { level: 1, name: 'Member ID card' })).toBeVisible();
  await expect(front.getByText('Sam Rivera')).toBeVisible();
  await expect(front.getByRole('table', { name: /Deductible and out-of-pocket maximum/ })).toBeVisible();

  // The member sees it was opened, then turns it off.
  await page.reload();
  const again = page.getByRole('region', { name: 'Share with a provider' }).first();
  await expect(again.getByText(/Opened once/)).toBeVisible();
  await again.getByRole('button', { name: /^Turn off the link made / }).first().click();
  await expect(again.getByText(/Turned off or expired/).first()).toBeVisible();
  const gone = await front.goto(url);
  expect(gone?.status()).toBe(404);
  await expect(front.getByRole('heading', { level: 1, name: "This link doesn't work" })).toBeVisible();
  await desk.close();
});
