import { expect, test } from './fixtures/test';
import { ClaimsPage, signInByApi } from './fixtures/claims_page';

// The smaller findings of issue 17 that a member reads.
test.describe('wording', () => {
  for (const path of ['/forgot-username', '/forgot-password', '/unlock']) {
    test(`${path} does not link to itself`, async ({ page }) => {
      await page.goto(path);
      const help = page.getByRole('navigation', { name: 'Other sign-in help' });
      await expect(help.getByRole('link', { name: 'Back to sign in' })).toBeVisible();
      await expect(help.getByRole('link')).toHaveCount(3);
      for (const href of await help.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
        expect(href).not.toBe(path);
      }
    });
  }

  test('the claims date range has one "all" option, and the total is the member\'s share', async ({ page }) => {
    await signInByApi(page, 'member1');
    const claims = new ClaimsPage(page);
    await page.goto('/claims');
    await expect(claims.heading).toBeVisible();
    await claims.expectSettled();
    const labels = await claims.dateRange.locator('option').allTextContents();
    expect(labels).not.toContain('All dates');
    expect(labels.filter((l) => /^All/.test(l))).toEqual(['All 36 months']);
    await expect(claims.dateRange).toHaveValue('all');
    await expect(claims.summary).toContainText('Your share $');
    await expect(claims.summary).not.toContainText('You owe');
  });
});
