import { expect, test } from './fixtures/test';
import { ClaimDetailPage } from './fixtures/claim_detail_page';
import { ClaimsPage, signInByApi } from './fixtures/claims_page';

// On a phone the results are cards (articles with a heading link), not a wide table.
test.describe('claims on a phone', () => {
  test.beforeEach(async ({ page, isMobile }) => {
    test.skip(!isMobile, 'phone layout: runs in the mobile project');
    await signInByApi(page);
  });

  test('results show as cards that link to the claim', async ({ page }) => {
    const claims = new ClaimsPage(page);
    await claims.goto('category=office_visit');
    const api = await claims.expectMatchesApi();
    await expect(claims.table).toBeHidden();
    await expect(claims.cards).toHaveCount(api.items.length);
    const first = claims.cards.first();
    const heading = first.getByRole('heading', { level: 3 });
    await expect(heading).toHaveText(api.items[0].claim_number);
    await expect(first).toContainText(api.items[0].patient_name);
    await expect(first).toContainText('You owe');

    // Nothing scrolls sideways at 390px.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await heading.getByRole('link').click();
    const detail = new ClaimDetailPage(page);
    await detail.expectClaim(api.items[0].claim_number);
    const detailOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(detailOverflow, 'the explanation of benefits fits the phone width').toBeLessThanOrEqual(0);
    await detail.backLink.click();
    await expect(page).toHaveURL(/category=office_visit/);
    await expect(claims.cards.first()).toBeVisible();
  });

  test('the filters and sort are usable at phone width', async ({ page }) => {
    const claims = new ClaimsPage(page);
    await claims.goto();
    await claims.status.selectOption({ label: 'Denied' });
    await claims.sortBy.selectOption({ label: 'You owe: most first' });
    await expect(page).toHaveURL(/status=denied/);
    await expect(page).toHaveURL(/sort=owed/);
    await claims.expectRowsMatchApi();
  });
});
