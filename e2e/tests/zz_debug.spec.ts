import { expect, test } from './fixtures/test';
import { signInByApi } from './fixtures/claims_page';
test('debug nav', async ({ page }) => {
  await signInByApi(page);
  await page.goto('/claims');
  await page.waitForTimeout(1500);
  await page.getByRole('contentinfo').getByRole('link', { name: 'Glossary' }).click();
  await page.waitForTimeout(1500);
  console.log('URL1', page.url());
  await page.goBack();
  await page.waitForTimeout(1000);
  console.log('URL2', page.url());
  await page.goto('/help/glossary/coinsurance');
  await page.waitForTimeout(1000);
  await page.getByRole('link', { name: 'Deductible', exact: true }).click();
  await page.waitForTimeout(1000);
  console.log('URL3', page.url(), await page.getByRole('heading', { level: 1 }).innerText());
});
