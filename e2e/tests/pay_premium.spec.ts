import { expect, test } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { BillingPage, PayPage, TEST_CARDS, card } from './fixtures/billing_page';
import { AlertsPage } from './fixtures/alerts_page';
import { signInByApi } from './fixtures/claims_page';

async function expectNoOverflow(page: import('@playwright/test').Page, where: string): Promise<void> {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(over, `horizontal overflow on ${where}`).toBeLessThanOrEqual(0);
}

// Each spec that pays uses its own household (payer1 to payer3): both
// projects share one database, so the paying specs run once, on desktop.
test.describe('paying premiums @desktop-only', () => {
  test('pay the past-due premium with a test card: receipt, and the dashboard alert goes away', async ({ page }) => {
    await signInByApi(page, 'payer1');
    await page.goto('/');
    await expect(page.locator('#premium')).toContainText('Premium overdue');
    await page.locator('#premium').getByRole('link', { name: 'Pay your premium' }).click();
    const pay = new PayPage(page);
    await expect(pay.heading).toBeVisible();
    // The oldest open statement is chosen to start with; the amount is what it owes.
    const first = pay.statements.getByRole('checkbox').first();
    await expect(first).toBeChecked();
    await expect(pay.statements.getByRole('checkbox')).toHaveCount(2);
    const owedLabel = await page.locator('label[for="pay-full"]').innerText();
    const owed = owedLabel.match(/\$[\d,]+\.\d\d/)?.[0] ?? '';
    expect(owed).not.toBe('');
    await pay.useNewCard(card(TEST_CARDS.approved));
    await pay.review.click();
    await expect(pay.reviewHeading).toBeVisible();
    await expect(page.getByTestId('review-amount')).toHaveText(owed);
    await expectNoA11yViolations(page, '/billing/pay review');
    await pay.payButton().click();
    await expect(page).toHaveURL(/\/billing\/receipts\/PMT-[0-9A-F]{10}$/);
    await expect(page.getByRole('heading', { name: `We received your payment of ${owed}.` })).toBeVisible();
    const txn = await page.getByTestId('transaction-id').innerText();
    await expectNoA11yViolations(page, 'receipt');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoOverflow(page, 'receipt at 390 px');
    await page.setViewportSize({ width: 1280, height: 800 });

    // The dashboard no longer says overdue; the alerts list has the receipt.
    await page.goto('/');
    await expect(page.locator('#premium')).toContainText('Next premium');
    const alerts = new AlertsPage(page);
    await alerts.goto();
    await expect(page.getByRole('main')).not.toContainText('Premium overdue');
    await expect(alerts.ofKind('payment_received').first()).toContainText(txn);

    // Billing shows the statement processing and the payment in the history.
    const billing = new BillingPage(page);
    await billing.goto();
    await expect(billing.statements.filter({ hasText: 'Payment processing' })).toHaveCount(1);
    await expect(billing.history.getByText(`Transaction ID ${txn}`)).toBeVisible();
    await expect(billing.graceNotice).toHaveCount(0);
  });

  test("a declined card's message is beside the method, and nothing is paid", async ({ page }) => {
    await signInByApi(page, 'payer2');
    const pay = new PayPage(page);
    await pay.goto();
    await pay.useNewCard(card(TEST_CARDS.insufficientFunds));
    await pay.review.click();
    await pay.payButton().click();
    await expect(pay.methodError).toContainText('declined this payment for insufficient funds. Nothing was charged.');
    await expect(pay.review).toBeVisible();
    const billing = new BillingPage(page);
    await billing.goto();
    await expect(billing.graceNotice).toContainText('You are in the grace period (31 days after the due date) until');
    await expect(billing.statements.filter({ hasText: 'Past due: in grace period' })).toHaveCount(1);
  });

  test('autopay: turn it on with consent, see the next payment, skip it, turn it off', async ({ page }) => {
    await signInByApi(page, 'payer2');
    const billing = new BillingPage(page);
    await billing.goto();
    await billing.addCard(card(TEST_CARDS.approved));
    await billing.autopay.getByLabel('Charge this method').selectOption({ label: 'Visa ending 4242' });
    await billing.autopay.getByRole('button', { name: 'Turn on autopay' }).click();
    await expect(billing.autopay.locator('#autopay-consent-error')).toHaveText('Read the authorization and check the box to agree.');
    await billing.autopay.getByLabel(/I authorize the plan to charge/).check();
    await billing.autopay.getByRole('button', { name: 'Turn on autopay' }).click();
    await expect(billing.autopay.getByTestId('autopay-status')).toContainText('Autopay is on: we charge Visa ending 4242');
    await expect(billing.autopay.getByTestId('autopay-next')).toContainText('Next payment:');
    await expect(billing.methods.getByText('Visa ending 4242 · expires 12/2030 · used by autopay')).toBeVisible();
    await billing.autopay.getByRole('button', { name: 'Skip this payment' }).click();
    await expect(billing.autopay.getByTestId('autopay-next')).toContainText('Skipped:');
    await expectNoA11yViolations(page, '/billing with autopay on');
    await billing.autopay.getByRole('button', { name: 'Turn off autopay' }).click();
    await expect(billing.autopay.getByText(/^Autopay is off\./)).toBeVisible();
  });
});

test.describe('billing pages accessibility (axe, WCAG 2.1 AA)', () => {
  test('billing and pay pages, with the card and bank forms open', async ({ page }) => {
    await signInByApi(page, 'payer3');
    const billing = new BillingPage(page);
    await billing.goto();
    await expect(billing.statements).toHaveCount(3);
    await expect(billing.graceNotice).toContainText('You are in the grace period (31 days after the due date) until');
    await expectNoA11yViolations(page, '/billing');
    await expectNoOverflow(page, '/billing');
    await billing.methods.getByRole('button', { name: 'Add a bank account' }).click();
    await expect(page.getByLabel('Routing number')).toBeVisible();
    await page.getByLabel('Routing number').fill('011000016');
    await page.getByRole('button', { name: 'Save bank account' }).click();
    await expect(page.locator('#bank-routing-errors')).toContainText('not valid');
    await expectNoA11yViolations(page, '/billing with the bank form');
    const pay = new PayPage(page);
    await pay.goto();
    await pay.methods.getByLabel('A new debit or credit card').check();
    await page.getByLabel('Card number').fill('4242 4242 4242 4241');
    await page.getByRole('button', { name: 'Save this card' }).click();
    await expect(page.locator('#card-number-errors')).toContainText('not valid');
    await expectNoA11yViolations(page, '/billing/pay with the card form');
    await expectNoOverflow(page, '/billing/pay');
  });

  test('another adult sees the statements read-only', async ({ page }) => {
    await signInByApi(page, 'family2');
    const billing = new BillingPage(page);
    await billing.goto();
    await expect(page.getByTestId('read-only')).toContainText('Only Dana, who holds the plan, can pay premiums');
    await expect(billing.payNow).toHaveCount(0);
    await expect(billing.autopay).toHaveCount(0);
    await expectNoA11yViolations(page, '/billing read-only');
  });
});
