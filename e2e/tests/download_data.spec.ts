import { expect, test } from './fixtures/test';
import { readFile } from 'node:fs/promises';
import { signInByApi } from './fixtures/claims_page';
import { expectNoA11yViolations } from './fixtures/axe';
import { AccountDataPage } from './fixtures/account_data_page';

// "Download all my data" (issue 16). The page at phone and desktop sizes,
// read-only, as member1.
test('the download page says what it holds and passes axe', async ({ page }) => {
  await signInByApi(page);
  const data = new AccountDataPage(page);
  await data.goto();
  await expect(page.getByRole('heading', { level: 2, name: "What you'll get" })).toBeVisible();
  await expect(page.getByText(/CARIN Blue Button ExplanationOfBenefit/)).toBeVisible();
  await expect(page.getByText(/Every explanation of benefits as a PDF/)).toBeVisible();
  await expect(page.getByText(/may no longer apply to their copy/)).toBeVisible();
  await expect(data.prepare).toBeEnabled();
  await expect(page.getByRole('navigation', { name: 'Account pages' }).getByRole('link', { name: 'Download your data' })).toHaveAttribute('aria-current', 'page');
  await expectNoA11yViolations(page, '/account/data');
});

// Asks for an archive (billpay2: no other spec reads its alerts or
// downloads), follows it to ready, downloads it and follows the alert back.
// Changes the account: desktop only. The server tests cover the contents,
// one-at-a-time (409) and the daily limit (429).
test('request the archive and download it @desktop-only', async ({ page }) => {
  await signInByApi(page, 'billpay2');
  const data = new AccountDataPage(page);
  await data.goto();
  await data.prepare.click();
  await expect(page.getByRole('status').filter({ hasText: "We're preparing your download" })).toBeVisible();
  // Progress, then ready (the page reads it again every few seconds).
  const link = data.downloadLink();
  await expect(link).toBeVisible({ timeout: 60_000 });
  await expect(data.downloads.getByText('Ready to download').first()).toBeVisible();
  await expect(data.downloads.getByText(/^Available until /).first()).toBeVisible();
  await expect(data.downloads.getByText(/^Holds the information of /).first()).toBeVisible();
  await expectNoA11yViolations(page, '/account/data with a ready download');

  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^my-health-plan-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 4).toString('binary')).toBe('PK\u0003\u0004');
  // The size in the link is the file's.
  const list = await page.request.get('/api/v1/account/data-exports');
  const [newest] = await list.json();
  expect(newest.size_bytes).toBe(bytes.length);

  // The alert leads back here.
  await page.goto('/alerts');
  const alert = page.getByRole('main').getByRole('link', { name: 'Download your data' }).first();
  await expect(alert).toBeVisible();
  await alert.click();
  await expect(data.heading).toBeVisible();
});
