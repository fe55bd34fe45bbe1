import { expect, test } from './fixtures/test';
import { signInByApi } from './fixtures/claims_page';
import { readFile } from 'node:fs/promises';

type Limits = { deductible_individual: number; deductible_family: number; oop_individual: number; oop_family: number };

/** `$1,500` for whole dollars, `$1,500.50` otherwise (as the card prints). */
function short(cents: number): string {
  const text = `$${Math.floor(cents / 100).toLocaleString('en-US')}`;
  return cents % 100 === 0 ? text : `${text}.${String(cents % 100).padStart(2, '0')}`;
}

// The No Surprises Act asks the ID card for the plan's deductibles and
// out-of-pocket maximums, in and out of network, and where to get help.
test.describe('ID card: deductibles, maximums and help', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page);
  });

  test('the card shows the plan’s figures and website, on screen and in print', async ({ page }) => {
    const cov = await (await page.request.get('/api/v1/coverage')).json();
    const inn: Limits = cov.card.limits.in_network;
    const out: Limits = cov.card.limits.out_of_network;
    await page.goto('/id-card');
    const table = page.getByRole('table', { name: /Deductible and out-of-pocket maximum/ }).first();
    await expect(table).toBeVisible();
    const deductible = table.getByRole('row', { name: /^Deductible/ });
    await expect(deductible.getByRole('cell').nth(0)).toHaveText(`${short(inn.deductible_individual)} / ${short(inn.deductible_family)}`);
    await expect(deductible.getByRole('cell').nth(1)).toHaveText(`${short(out.deductible_individual)} / ${short(out.deductible_family)}`);
    const oop = table.getByRole('row', { name: /^Out-of-pocket max/ });
    await expect(oop.getByRole('cell').nth(0)).toHaveText(`${short(inn.oop_individual)} / ${short(inn.oop_family)}`);
    await expect(oop.getByRole('cell').nth(1)).toHaveText(`${short(out.oop_individual)} / ${short(out.oop_family)}`);
    await expect(page.getByText(`Help: ${cov.card.website}`).first()).toBeVisible();

    await page.setViewportSize({ width: 816, height: 1056 });
    await page.emulateMedia({ media: 'print' });
    const back = page.locator('.id-card__face--back').first();
    await expect(back).toBeVisible();
    const clipped = await back.evaluate((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
    expect(clipped, 'the card back overflows its printed size').toBe(false);
  });
});

// Share the card: download it as an image (PNG, front above back).
test('the card downloads as an image', async ({ page }) => {
  await signInByApi(page);
  await page.goto('/id-card');
  const card = page.getByRole('region', { name: 'Your card' });
  const link = card.getByRole('link', { name: /^Download image/ });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^id-card-\d\d\.png$/);
  const png = await readFile(await download.path());
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  // IHDR: 1036 x 1400 pixels.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1036, 1400]);
});
