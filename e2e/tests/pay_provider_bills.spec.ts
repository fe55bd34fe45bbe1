import { expect, test } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { BillingPage, TEST_CARDS, card } from './fixtures/billing_page';
import { signInByApi } from './fixtures/claims_page';
import { ProviderBillsPage } from './fixtures/provider_bills_page';

// The Rivera household (member2, Sam, the subscriber) pays and disputes its
// provider bills here, one test after another: both projects share one
// database, so these run once, on desktop, and no other spec changes the
// Riveras' provider bills.
test.describe('paying and disputing provider bills @desktop-only', () => {
  test.describe.configure({ mode: 'serial' });

  test('pay one bill with the test card: the receipt names the bill, the bill is processing', async ({ page }) => {
    await signInByApi(page, 'member2');
    const billing = new BillingPage(page);
    await billing.goto();
    await billing.addCard(card(TEST_CARDS.approved));
    await page.getByRole('link', { name: 'Bills from your providers' }).click();
    const bills = new ProviderBillsPage(page);
    await expect(bills.heading).toBeVisible();
    await expect(bills.billsToPay).toBeVisible();

    // Oldest due first, and only the oldest chosen to start with.
    const numbers = await bills.payableNumbers();
    expect(numbers.length).toBeGreaterThan(0);
    await expect(bills.choose(numbers[0])).toBeChecked();
    for (const n of numbers.slice(1)) await expect(bills.choose(n)).not.toBeChecked();
    const owed = (await bills.chosenOwed.innerText()).match(/\$[\d,]+\.\d\d/)?.[0] ?? '';
    expect(owed).not.toBe('');

    await bills.payButton.click();
    await expect(page.getByRole('heading', { name: 'Pay now' })).toBeFocused();
    await expect(bills.payWith.getByLabel('Visa ending 4242')).toBeChecked();
    // More than owed is refused beside the amount, before anything is sent.
    await page.getByLabel('Part of it').check();
    await page.getByLabel('Amount in dollars').fill('99999');
    await bills.review.click();
    await expect(page.locator('#pb-pay-amount-errors')).toContainText('Pay at most');
    await page.getByLabel(/What the chosen bills owe/).check();
    await bills.review.click();
    await expect(bills.reviewHeading).toBeVisible();
    await expect(bills.reviewAmount).toHaveText(owed);
    await expect(page.getByText(`Bill ${numbers[0]}`).last()).toBeVisible();
    await expectNoA11yViolations(page, '/billing/providers payment review');
    await bills.confirmPay().click();

    await expect(page).toHaveURL(/\/billing\/receipts\/PMT-[0-9A-F]{10}$/);
    await expect(page.getByRole('heading', { level: 2 })).toContainText(owed);
    await expect(page.getByText(`Provider bill ${numbers[0]}`)).toBeVisible();
    await expectNoA11yViolations(page, 'provider bill receipt');
    await page.getByRole('link', { name: 'Back to bills from your providers' }).click();
    await expect(bills.heading).toBeVisible();
    await expect(bills.bill(numbers[0])).toContainText(/Payment processing|Paid/);
    await expect(bills.choose(numbers[0])).toHaveCount(0);
  });

  test("a declined card's message is beside the method, and nothing is paid", async ({ page }) => {
    await signInByApi(page, 'member2');
    const billing = new BillingPage(page);
    await billing.goto();
    await billing.addCard(card(TEST_CARDS.insufficientFunds));
    const bills = new ProviderBillsPage(page);
    await bills.goto();
    const [first] = await bills.payableNumbers();
    const before = await bills.bill(first).getByTestId('pb-balance').innerText();
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
    await expect(bills.choose(first)).toBeVisible();
  });

  test('dispute a bill: the reference, the bill on hold, and the message thread', async ({ page }) => {
    await signInByApi(page, 'member2');
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
    await expect(page.getByRole('main')).toContainText(number);

    // After a reload the bill still shows its dispute.
    await bills.goto();
    await expect(bills.bill(number).getByTestId('pb-dispute')).toContainText(reference);
  });
});
