import { expect, test } from './fixtures/test';
import { ClaimsPage, signInByApi } from './fixtures/claims_page';

// The filters live in the URL: a view survives reload, back/forward and can be bookmarked.
test.describe('claims URL state', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page);
  });

  test('reload keeps the filters', async ({ page }) => {
    const claims = new ClaimsPage(page);
    await claims.goto();
    await claims.category.selectOption({ label: 'Specialist' });
    await claims.status.selectOption({ label: 'Paid' });
    await claims.provider.fill('Heart');
    await expect(page).toHaveURL(/provider=Heart/);
    const before = await claims.expectMatchesApi();
    const url = page.url();

    await page.reload();
    await expect(claims.heading).toBeVisible();
    await expect(page).toHaveURL(url);
    await expect(claims.category).toHaveValue('specialist');
    await expect(claims.status).toHaveValue('paid');
    await expect(claims.provider).toHaveValue('Heart');
    const after = await claims.expectMatchesApi();
    expect(after.total).toBe(before.total);
  });

  test('a bookmarked address opens with its filters applied', async ({ page }) => {
    const claims = new ClaimsPage(page);
    await claims.goto('category=prescription&network=in&range=all&sort=owed&dir=asc');
    await expect(claims.category).toHaveValue('prescription');
    await expect(claims.network).toHaveValue('in');
    await expect(claims.dateRange).toHaveValue('all');
    await claims.expectMatchesApi();
    await claims.expectRowsMatchApi();
  });

  test('back and forward step through filter changes; typing does not flood history', async ({ page }) => {
    const claims = new ClaimsPage(page);
    await claims.goto();
    const all = await claims.expectMatchesApi();

    await claims.category.selectOption({ label: 'Prescription' });
    await expect(page).toHaveURL(/category=prescription/);
    const rx = await claims.expectMatchesApi();

    await claims.search.pressSequentially('EV26', { delay: 30 });
    await expect(page).toHaveURL(/q=EV26/);
    await claims.expectMatchesApi();

    // One step back undoes the whole typed search (typing replaces its entry).
    await page.goBack();
    await expect(page).toHaveURL(/category=prescription$/);
    await expect(claims.search).toHaveValue('');
    await expect(claims.category).toHaveValue('prescription');
    await claims.expectCount(rx.total);

    await page.goBack();
    await expect(page).toHaveURL(/\/claims$/);
    await expect(claims.category).toHaveValue('');
    await claims.expectCount(all.total);

    await page.goForward();
    await expect(page).toHaveURL(/category=prescription$/);
    await expect(claims.category).toHaveValue('prescription');
    await claims.expectCount(rx.total);
  });
});
