import { expect, test } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { signInByApi } from './fixtures/claims_page';
import { PLAN, PlansPage } from './fixtures/plans_page';

// Changing plan stores a change for the Rivera household (member2), so it
// runs once, on desktop. Outside the window is simulated by answering the
// enrollment requests as a server with a closed window does (the server's
// own behaviour is covered by crates/server/tests/http/plans_http.rs).
test.describe('change plan @desktop-only', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page, 'member2');
  });

  test('inside open enrollment: review, explicit confirmation, shown on the dashboard', async ({ page }) => {
    const plans = new PlansPage(page);
    await plans.goto();
    await expect(page.getByText('Open enrollment is open')).toBeVisible();
    await plans.review.click();
    await expect(page.getByText('Choose the plan you want.')).toBeVisible();

    // The review says what an in-network-only plan gives up.
    await plans.chooseNewPlan(PLAN.platinum);
    await plans.review.click();
    await expect(plans.givesUp).toContainText('What you give up or pay more for');
    await expect(plans.givesUp).toContainText(`Out-of-network care: ${PLAN.platinum} covers only in-network care`);
    await page.getByRole('button', { name: 'Back' }).click();

    await plans.chooseNewPlan(PLAN.gold);
    await plans.review.click();
    const review = page.getByRole('region', { name: 'Review your change' });
    await expect(review).toContainText(`Your plan now${PLAN.current}`);
    await expect(review).toContainText(`Your new plan${PLAN.gold}`);
    await expect(review).toContainText('Jan 1, 2027');
    await expect(review).toContainText('$560.00 → $880.00 a month (Family coverage)');
    await expectNoA11yViolations(page, '/plans (review change)');

    // nothing happens without the explicit confirmation
    await plans.confirm.click();
    await expect(page.getByText('Tick the box to confirm the change.')).toBeVisible();
    await plans.confirmBox.check();
    await plans.confirm.click();
    await expect(plans.done).toContainText(`Your plan will change to ${PLAN.gold} on Jan 1, 2027.`);
    await expect(plans.done).toContainText(/Your confirmation number is PC-2027-\d{6}\./);

    await page.goto('/');
    await expect(page.getByText(`your plan changes to ${PLAN.gold} on Jan 1, 2027.`)).toBeVisible();
    await page.goto('/cards');
    await expect(page.getByText(`your new cards will show ${PLAN.gold}`)).toBeVisible();

    // The pending change can be cancelled before it starts.
    await plans.goto();
    await expect(page.getByText(/You have chosen .* \(confirmation number PC-2027-\d{6}\)/)).toBeVisible();
    await plans.cancelChange(PLAN.gold).click();
    await expect(plans.cancelled).toBeVisible();
    await expect(plans.cancelChange(PLAN.gold)).toHaveCount(0);
    await page.goto('/');
    await expect(page.getByText(`your plan changes to ${PLAN.gold} on Jan 1, 2027.`)).toHaveCount(0);
  });

  test('outside open enrollment: a clear message, and the change is refused', async ({ page }) => {
    await page.route('**/api/v1/plans/change', async (route) => {
      if (route.request().method() === 'GET') {
        await route.fulfill({
          json: {
            open: false,
            window_start: '2026-11-01',
            window_end: '2026-12-15',
            effective: '2027-01-01',
            current_plan_id: 'EVG-SLV-PPO-2026',
            pending: null,
            can_change: true,
          },
        });
      } else {
        await route.fulfill({
          status: 409,
          contentType: 'application/problem+json',
          json: {
            type: '/problems/enrollment-closed',
            title: 'Open enrollment is closed',
            status: 409,
            detail: 'You can change plans during open enrollment (2026-11-01 to 2026-12-15), or within 60 days of a qualifying life event.',
          },
        });
      }
    });
    const plans = new PlansPage(page);
    await plans.goto();
    await expect(page.getByText('Open enrollment is closed.')).toBeVisible();
    await expect(page.getByText(/It runs Nov 1, 2026 to Dec 15, 2026\. Outside it you can change plans only within 60 days/)).toBeVisible();
    await expect(page.getByLabel('Qualifying life event')).toBeVisible();
    await plans.chooseNewPlan(PLAN.platinum);
    await plans.review.click();
    await plans.confirmBox.check();
    await plans.confirm.click();
    await expect(page.getByRole('alert').filter({ hasText: 'You can change plans during open enrollment' })).toBeVisible();
    await expect(plans.done).toHaveCount(0);
    await expectNoA11yViolations(page, '/plans (enrollment closed)');
  });
});

// Read-only: a dependent of 21 (family2) sees the options and why they cannot change them.
// (Not member3: lockout.spec.ts locks that account for 15 minutes in the shared database.)
test.describe('change plan, not the subscriber', () => {
  test('the options are shown read-only with the reason', async ({ page }) => {
    await signInByApi(page, 'family2');
    const plans = new PlansPage(page);
    await plans.goto();
    await expect(page.getByRole('note').filter({ hasText: 'Only the subscriber' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Plans on offer' }).getByRole('listitem').first()).toBeVisible();
    await expect(plans.review).toHaveCount(0);
    await expectNoA11yViolations(page, '/plans (not the subscriber)');
  });
});
