import { expect, test, type Page } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { signInByApi } from './fixtures/claims_page';
import { expectNoOverflow } from './fixtures/provider_page';
import { ProviderBillsPage } from './fixtures/provider_bills_page';

const SIZES = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];

async function fits(page: Page, where: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await expectNoOverflow(page, `${where} at ${size.width} px`);
  }
}

// Nothing here changes a bill: opening the forms sends nothing.
test.describe('provider bills page accessibility (axe, WCAG 2.1 AA) and layout', () => {
  test('the subscriber: the list, and the pay, plan and dispute forms', async ({ page }) => {
    // Axe runs four times on a long page (22 bills).
    test.setTimeout(90_000);
    await signInByApi(page, 'member1');
    const bills = new ProviderBillsPage(page);
    await bills.goto();
    await expect(bills.bills.first()).toBeVisible();
    await expect(page.getByText('These are bills from providers who bill through the plan.')).toBeVisible();
    // Each bill: patient, provider, service date, claim (to its EOB), amounts, status, due date.
    const first = bills.bills.first();
    for (const term of ['Patient', 'Service date', 'Claim', 'Due', 'Your share', 'Paid', 'Balance']) {
      await expect(first.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) })).toHaveCount(1);
    }
    await expect(first.getByRole('link', { name: /explanation of benefits/ })).toHaveAttribute('href', /^\/claims\/\d+$/);
    await expectNoA11yViolations(page, '/billing/providers');
    await fits(page, '/billing/providers');

    await bills.payButton.click();
    await expect(bills.review).toBeVisible();
    await expectNoA11yViolations(page, '/billing/providers pay form');
    await fits(page, 'pay form');
    await bills.planButton.click();
    await expect(bills.months).toBeVisible();
    await expectNoA11yViolations(page, '/billing/providers plan form');
    await fits(page, 'plan form');
    const [number] = await bills.payableNumbers();
    await bills.openDispute(number);
    await expectNoA11yViolations(page, '/billing/providers dispute form');
    await fits(page, 'dispute form');
    // The claim link opens the claim's explanation of benefits.
    await first.getByRole('link', { name: /explanation of benefits/ }).click();
    await expect(page).toHaveURL(/\/claims\/\d+$/);
  });

  test('another adult sees the bills read-only, with who can pay and the phone', async ({ page }) => {
    await signInByApi(page, 'family2');
    const bills = new ProviderBillsPage(page);
    await bills.goto();
    await expect(bills.readOnly).toContainText('Only Dana, who holds the plan, can pay these bills here');
    await expect(bills.paySection).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Dispute this bill' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Cancel plan' })).toHaveCount(0);
    const count = await bills.bills.count();
    for (let i = 0; i < count; i++) {
      await expect(bills.bills.nth(i).getByRole('link', { name: /^1-888-555-01\d\d$/ })).toHaveAttribute('href', /^tel:/);
    }
    await expectNoA11yViolations(page, '/billing/providers read-only');
    await fits(page, '/billing/providers read-only');
  });
});
