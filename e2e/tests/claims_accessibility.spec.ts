import { expect, test } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { ClaimDetailPage } from './fixtures/claim_detail_page';
import { ClaimsPage, signInByApi } from './fixtures/claims_page';

// WCAG 2.1 A/AA with axe on the claims pages, on desktop and mobile. Read-only.
test.describe('claims accessibility (axe, WCAG 2.1 AA)', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page);
  });

  test('claims list', async ({ page }) => {
    const claims = new ClaimsPage(page);
    await claims.goto();
    await expect(claims.claimLinks().first()).toBeVisible();
    await expect(claims.savedFilter('Only prescriptions')).toBeVisible();
    await expectNoA11yViolations(page, '/claims');
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  });

  test('claims list with custom dates, an error and the empty state', async ({ page }) => {
    const claims = new ClaimsPage(page);
    await claims.goto('q=zzzz-nothing');
    await expect(claims.empty).toBeVisible();
    await claims.dateRange.selectOption({ label: 'Custom dates' });
    await claims.from.fill('2026-05-01');
    await claims.to.fill('2026-01-01');
    await expect(claims.to).toHaveAttribute('aria-invalid', 'true');
    await claims.saveFilter.click();
    await expect(claims.filterName).toHaveAttribute('aria-invalid', 'true');
    await expectNoA11yViolations(page, '/claims (empty, with errors)');
  });

  test('claim detail (paid, denied) and not found', async ({ page }) => {
    const claims = new ClaimsPage(page);
    const detail = new ClaimDetailPage(page);
    for (const status of ['paid', 'denied']) {
      const c = (await claims.api(`status=${status}&page_size=1`)).items[0];
      await detail.goto(c.id);
      await detail.expectClaim(c.claim_number);
      await expectNoA11yViolations(page, `/claims/${c.id} (${status})`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    }
    await detail.goto(99999999);
    await expect(detail.notFound).toBeVisible();
    await expectNoA11yViolations(page, '/claims/99999999 (not found)');
  });

  test('the list works by keyboard', async ({ page, isMobile }) => {
    test.skip(isMobile, 'keyboard walk on the desktop layout');
    const claims = new ClaimsPage(page);
    await claims.goto();
    await claims.category.focus();
    await page.keyboard.press('Tab');
    await expect(claims.status).toBeFocused();
    await claims.status.selectOption('denied');
    await expect(page).toHaveURL(/status=denied/);
    const link = claims.claimLinks().first();
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/claims\/\d+\?back=/);
  });
});
