import { expect, test } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { BillingPage, TEST_CARDS, card } from './fixtures/billing_page';
import { signInByApi } from './fixtures/claims_page';
import { ProviderBillsPage, cents } from './fixtures/provider_bills_page';

// Each test that pays, sets up a plan or disputes uses its own household
// (billpay1 to billpay3, one subscriber each, with claims and bills from
// their providers): both projects share one database, so these run once,
// on desktop.
test.describe('paying, payment plans and disputes of provider bills @desktop-only', () => {
  test("a declined card's message is beside the method, and nothing is paid", async ({ page }) => {
    await signInByApi(page, 'billpay1');
    const billing = new BillingPage(page);
    await billing.goto();
    await billing.addCard(card(TEST_CARDS.insufficientFunds));
    await page.getByRole('link', { name: 'Bills from your providers' }).click();
    const bills = new ProviderBillsPage(page);
    await expect(bills.heading).toBeVisible();
    await expect(bills.billsToPay).toBeVisible();
    const [first] = await bills.payableNumbers();
    const before = await bills.bill(first).getByTestId('pb-balance').innerText();
    const total = await bills.total.innerText();
    await bills.payButton.click();
    await bills.payWith.getByLabel('Visa ending 9995').check();
    await bills.review.click();
    await bills.confirmPay().click();
    await expect(bills.payMethodErrors).toContainText('declined');
    await expect(bills.payMethodErrors).toContainText('Nothing was charged.');
    await expect(bills.review).toBeVisible();
    await expect(page).toHaveURL(/\/billing\/providers$/);
    await bills.goto();
    await expect(bills.bill(first).getByTestId('pb-balance')).toHaveText(before);
    await expect(bills.total).toHaveText(total);
  });

  test('pay part of a bill with the test card: the receipt names the bill, the bill shows it processing', async ({ page }) => {
    await signInByApi(page, 'billpay1');
    const billing = new BillingPage(page);
    await billing.goto();
    await billing.addCard(card(TEST_CARDS.approved));
    const bills = new ProviderBillsPage(page);
    await bills.goto();

    // Oldest due first, and only the oldest chosen to start with.
    const numbers = await bills.payableNumbers();
    expect(numbers.length).toBeGreaterThan(0);
    await expect(bills.choose(numbers[0])).toBeChecked();
    for (const n of numbers.slice(1)) await expect(bills.choose(n)).not.toBeChecked();
    const owed = (await bills.chosenOwed.innerText()).match(/\$[\d,]+\.\d\d/)?.[0] ?? '';
    expect(cents(owed)).toBeGreaterThan(2_500);

    await bills.payButton.click();
    await expect(page.getByRole('heading', { name: 'Pay now' })).toBeFocused();
    await bills.payWith.getByLabel('Visa ending 4242').check();
    // More than owed is refused beside the amount, before anything is sent.
    await page.getByLabel('Part of it').check();
    await page.getByLabel('Amount in dollars').fill('99999');
    await bills.review.click();
    await expect(page.locator('#pb-pay-amount-errors')).toContainText(`Pay at most ${owed}`);
    await page.getByLabel('Amount in dollars').fill('25');
    await bills.review.click();
    await expect(bills.reviewHeading).toBeFocused();
    await expect(bills.reviewAmount).toHaveText('$25.00');
    await expect(page.getByText(`$25.00 of ${owed} owed`)).toBeVisible();
    await expectNoA11yViolations(page, '/billing/providers payment review');
    await bills.confirmPay().click();

    await expect(page).toHaveURL(/\/billing\/receipts\/PMT-[0-9A-F]{10}$/);
    await expect(page.getByRole('heading', { level: 2 })).toContainText('$25.00');
    await expect(page.getByText(`Provider bill ${numbers[0]}`)).toBeVisible();
    await expectNoA11yViolations(page, 'provider bill receipt');
    await page.getByRole('link', { name: 'Back to bills from your providers' }).click();
    await expect(bills.heading).toBeVisible();
    const paid = bills.bill(numbers[0]);
    await expect(paid.getByRole('definition').filter({ hasText: '$25.00' })).toBeVisible();
    await expect(paid).toContainText(/Partly paid|Past due/);
    await expect(paid.getByTestId('pb-balance')).toHaveText(`$${((cents(owed) - 2_500) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
  });

  test('the schedule adds up to the balance, then set up the plan and cancel it', async ({ page }) => {
    await signInByApi(page, 'billpay2');
    await new BillingPage(page).goto();
    await new BillingPage(page).addCard(card(TEST_CARDS.approved));
    const bills = new ProviderBillsPage(page);
    await bills.goto();
    const numbers = await bills.payableNumbers();
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of numbers) await bills.choose(n).check();
    const owed = (await bills.chosenOwed.innerText()).match(/\$[\d,]+\.\d\d/)?.[0] ?? '';
    expect(cents(owed), 'a plan needs at least $50.00').toBeGreaterThanOrEqual(5_000);

    await bills.planButton.click();
    await expect(page.getByRole('heading', { name: 'Set up a payment plan' })).toBeFocused();
    await bills.planMethod.getByLabel('Visa ending 4242').check();
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

  test('dispute a bill: the reference, the bill on hold, and the message thread', async ({ page }) => {
    await signInByApi(page, 'billpay3');
    const bills = new ProviderBillsPage(page);
    await bills.goto();
    const numbers = await bills.payableNumbers();
    const number = numbers[numbers.length - 1];
    const card = await bills.openDispute(number);
    await expectNoA11yViolations(page, '/billing/providers dispute form');

    // Nothing is sent until the reason and the details are there.
    await card.getByRole('button', { name: 'Send the dispute' }).click();
    await expect(card.locator('#pb-dispute-reason-errors')).toContainText('Choose why you are disputing this bill.');
    await card.getByLabel('I already paid the provider').check();
    await card.getByLabel('What is wrong with this bill?').fill('Paid');
    await card.getByRole('button', { name: 'Send the dispute' }).click();
    await expect(card.locator('#pb-dispute-details-errors')).toContainText('10 to 2000 characters');
    await card.getByLabel('What is wrong with this bill?').fill('I paid this at the front desk on the day of the visit, by card.');
    await card.getByRole('button', { name: 'Send the dispute' }).click();

    const done = page.getByRole('heading', { name: /^Dispute BD-\d{4}-\d{5} is open$/ });
    await expect(done).toBeVisible();
    await expect(done).toBeFocused();
    const reference = ((await done.innerText()).match(/BD-\d{4}-\d{5}/) ?? [''])[0];
    const onHold = bills.bill(number);
    await expect(onHold).toContainText('Disputed: on hold');
    await expect(onHold.getByTestId('pb-dispute')).toContainText(`Dispute ${reference}: Under review`);
    await expect(onHold.getByRole('button', { name: 'Dispute this bill' })).toHaveCount(0);
    await expect(bills.choose(number)).toHaveCount(0);

    await onHold.getByRole('link', { name: 'Go to the message thread' }).click();
    await expect(page).toHaveURL(/\/messages\/\d+$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dispute ${reference} of provider bill ${number}`);

    // After a reload the bill still shows its dispute.
    await bills.goto();
    await expect(bills.bill(number).getByTestId('pb-dispute')).toContainText(reference);
  });
});
