import { expect, test } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { ClaimsPage, cents, dollars, signInByApi } from './fixtures/claims_page';
import { HomePage } from './fixtures/home_page';

// Dashboard figures equal the sums over the claims page for the same member
// and year; the family switcher scopes the page and is kept in the URL.
test.describe('dashboard', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page, 'member1');
  });

  for (const who of ['Everyone', 'Riley', 'Alex']) {
    test(`this year's figures for ${who} equal the claims page`, async ({ page }) => {
      const home = new HomePage(page);
      await home.goto();
      await home.choose(who);
      if (who !== 'Everyone') {
        await expect(page).toHaveURL(/[?&]member=\d+/);
      }
      const shownClaims = Number((await home.totalsClaims.textContent())?.replace(/,/g, ''));
      const shownDeductible = cents((await home.totalsDeductible.textContent()) ?? '');
      const shownOwed = cents((await home.totalsOwed.textContent()) ?? '');

      await home.yearClaimsLink.click();
      const claims = new ClaimsPage(page);
      await expect(claims.heading).toBeVisible();
      await claims.expectSettled();
      expect(claims.urlQuery()).toContain('range=this_year');
      await claims.expectCount(shownClaims);
      await expect(claims.summary).toContainText(`Your share ${dollars(shownOwed)}`);
      const all = await claims.apiAll(claims.urlQuery());
      expect(all.length).toBe(shownClaims);
      expect(all.reduce((s, c) => s + c.amounts.deductible, 0)).toBe(shownDeductible);
      expect(all.reduce((s, c) => s + c.amounts.member_owes, 0)).toBe(shownOwed);
    });
  }

  test('progress bars are accessible and agree with the claims', async ({ page }) => {
    const home = new HomePage(page);
    await home.goto();
    await home.choose('Riley');
    const bar = home.progressBar('Riley Deductible (in network)');
    await expect(bar).toHaveAttribute('aria-valuetext', /^\$[\d,]+\.\d\d of \$1,500\.00 met$/);
    await expect(page.getByText(/of \$1,500\.00 met/).first()).toBeVisible();
    const d = await home.api();
    const now = Number(await bar.getAttribute('aria-valuenow'));
    expect(now).toBe(Math.min(d.progress[0].in_network.deductible_met, d.progress[0].in_network.deductible));
  });

  test('the family switcher scopes the page and survives reload and back', async ({ page }) => {
    const home = new HomePage(page);
    await home.goto();
    expect(await home.switcherNames()).toEqual(['Alex', 'Jordan', 'Casey', 'Riley']);
    await home.choose('Casey');
    const url = page.url();
    await expect(home.recent).not.toContainText('Riley Morgan');
    await page.reload();
    await home.expectLoaded();
    await expect(home.switcher.getByRole('link', { name: 'Casey', exact: true })).toHaveAttribute('aria-current', 'page');
    await home.choose('Everyone');
    await page.goBack();
    await expect(page).toHaveURL(url);
    await expect(home.switcher.getByRole('link', { name: 'Casey', exact: true })).toHaveAttribute('aria-current', 'page');
    // the scope follows to the estimator link and the claims link
    await expect(page.getByRole('link', { name: 'Estimate a cost' })).toHaveAttribute('href', /member=\d+/);
    await expect(home.yearClaimsLink).toHaveAttribute('href', /member=\d+/);
  });

  test('recent claims link to their EOBs; spending has a table and member toggles', async ({ page }) => {
    const home = new HomePage(page);
    await home.goto();
    const links = home.recent.getByRole('link');
    await expect(links).toHaveCount(5);
    await expect(home.attention.getByText(/Denied|Under appeal/).first()).toBeVisible();
    await home.spending.getByText('Show as a table').first().click();
    const table = home.spending.getByRole('table', { name: 'Spending by month' });
    await expect(table.getByRole('row')).toHaveCount(13);
    const before = await table.getByRole('cell').allTextContents();
    await home.spending.getByRole('checkbox', { name: 'Alex' }).uncheck();
    await expect.poll(() => table.getByRole('cell').allTextContents()).not.toEqual(before);
    await expect(home.spending.getByRole('img').first()).toHaveAttribute('aria-label', /Bar chart/);
    await expectNoA11yViolations(page, 'dashboard');
    await links.first().click();
    await expect(page).toHaveURL(/\/claims\/\d+$/);
  });
});
