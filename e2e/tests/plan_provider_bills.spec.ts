import { expect, test } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { BillingPage, TEST_CARDS, card } from './fixtures/billing_page';
import { signInByApi } from './fixtures/claims_page';
import { ProviderBillsPage, cents } from './fixtures/provider_bills_page';

// The Chen household (family1, Dana, the subscriber) sets up a payment plan
// and cancels it: run once, on desktop (one shared database).
test.describe('payment plans for provider bills @desktop-only', () => {
  test('the schedule adds up to the balance, then set up the plan and cancel it', async ({ page }) => {
    await signInByApi(page, 'family1');
    const billing = new BillingPage(page);
    await billing.goto();
    await billing.addCard(card(TEST_CARDS.approved));
    const bills = new ProviderBillsPage(page);
    await bills.goto();
    const numbers = await bills.payableNumbers();
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of numbers) await bills.choose(n).check();
    const owed = (await bills.chosenOwed.innerText()).match(/\$[\d,]+\.\d\d/)?.[0] ?? '';
    expect(cents(owed), 'a plan needs at least $50.00').toBeGreaterThanOrEqual(5_000);

    await bills.planButton.click();
    await expect(page.getByRole('heading', { name: 'Set up a payment plan' })).toBeFocused();
    await expect(bills.planMethod.getByLabel('Visa ending 4242')).toBeChecked();
    for (const months of ['3', '2']) {
      await bills.months.selectOption(months);
      await expect(bills.scheduleAmounts).toHaveCount(Number(months));
      const amounts = await bills.scheduleAmounts.allInnerTexts();
      expect(amounts.reduce((sum, a) => sum + cents(a), 0), `${months} instalments add up to ${owed}`).toBe(cents(owed));
      await expect(bills.scheduleTotal).toHaveText(owed);
      await expect(bills.schedule.locator('tbody tr').first()).toContainText('(today)');
    }
    await expectNoA11yViolations(page, '/billing/providers plan form');

    // The consent is required.
    await bills.setUpPlan.click();
    await expect(page.locator('#pb-plan-consent-errors')).toHaveText('Agree to the instalments being charged to set up the plan.');
    await expect(bills.consent).toBeFocused();
    await bills.consent.check();
    const firstInstalment = (await bills.scheduleAmounts.first().innerText()).trim();
    await bills.setUpPlan.click();

    const notice = page.locator('#pb-notice');
    await expect(notice).toContainText(/Payment plan PP-\d{6} is set up/);
    await expect(notice).toContainText(`The first instalment, ${firstInstalment}, was charged to Visa ending 4242.`);
    await expect(notice).toBeFocused();
    const plan = bills.plans.first();
    await expect(plan).toContainText('Active');
    await expect(plan).toContainText(`${owed} in 2 monthly instalments, charged to Visa ending 4242.`);
    await expect(plan.locator('tbody tr')).toHaveCount(2);
    await expect(plan.locator('tbody tr').first()).toContainText('Charged');
    await expect(plan.locator('tbody tr').nth(1)).toContainText('Scheduled');
    for (const n of numbers) await expect(bills.bill(n)).toContainText(/In a payment plan|Payment processing|Paid/);
    await expectNoA11yViolations(page, '/billing/providers with a plan');

    // Cancel asks first; "Keep the plan" keeps it.
    await plan.getByRole('button', { name: 'Cancel plan' }).click();
    await expect(plan.getByText(/^Cancel payment plan PP-\d{6}\?/)).toBeFocused();
    await plan.getByRole('button', { name: 'Keep the plan' }).click();
    await expect(plan.getByRole('button', { name: 'Cancel plan' })).toBeFocused();
    await plan.getByRole('button', { name: 'Cancel plan' }).click();
    await plan.getByRole('button', { name: 'Yes, cancel the plan' }).click();
    await expect(notice).toContainText(/Payment plan PP-\d{6} is cancelled\. No more instalments will be charged/);
    await expect(bills.plans.first()).toContainText('Cancelled');
    await expect(bills.plans.first().getByRole('button', { name: 'Cancel plan' })).toHaveCount(0);
    await expect(bills.plans.first().locator('tbody tr').nth(1)).toContainText('Not charged');
  });
});
