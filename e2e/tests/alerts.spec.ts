import { expect, test } from './fixtures/test';
import { AlertsPage } from './fixtures/alerts_page';
import { expectNoA11yViolations } from './fixtures/axe';
import { signInByApi } from './fixtures/claims_page';

// Every alert type appears for the demo data and leads to the right place.
// member1 (Morgans): premium (overdue), claim denied, claim needs information,
// preventive care, open enrollment; family1 (Chens): deductible met, OOP max near.
const WHERE: Record<string, [string, RegExp]> = {
  premium_due: ['member1', /\/billing$/],
  claim_denied: ['member1', /\/claims\/\d+$/],
  claim_needs_info: ['member1', /\/claims\/\d+$/],
  preventive_care: ['member1', /\/(estimate\?|id-card$)/],
  open_enrollment: ['member1', /\/plans$/],
  deductible_met: ['family1', /\/\?member=\d+$/],
  oop_max_near: ['family1', /\/\?member=\d+$/],
};

test.describe('alerts', () => {
  for (const [kind, [user, target]] of Object.entries(WHERE)) {
    test(`${kind} appears and its link leads to the right place`, async ({ page }) => {
      await signInByApi(page, user);
      const alerts = new AlertsPage(page);
      await alerts.goto();
      const item = alerts.ofKind(kind).first();
      await expect(item).toBeVisible();
      await item.getByRole('link').first().click();
      await expect(page).toHaveURL(target);
      if (kind === 'premium_due') {
        await expect(page.getByRole('heading', { level: 1, name: 'Billing and payments' })).toBeVisible();
        await expect(page.getByTestId('grace-notice')).toContainText('You are in the grace period (31 days after the due date) until');
      }
      if (kind === 'claim_denied') {
        await expect(page.getByRole('main')).toContainText('Denied');
      }
    });
  }

  test('overdue premium stands out in words, not only colour', async ({ page }) => {
    await signInByApi(page, 'member1');
    const alerts = new AlertsPage(page);
    await alerts.goto();
    const overdue = alerts.alert(/^Premium overdue/);
    await expect(overdue).toContainText('Action needed');
    await expectNoA11yViolations(page, 'alerts');
  });

  test('marking read and unread updates the list and the header count @desktop-only', async ({ page }) => {
    await signInByApi(page, 'member2');
    const alerts = new AlertsPage(page);
    await alerts.goto();
    const api = await alerts.api();
    const unread = api.items.filter((a) => !a.read);
    expect(unread.length).toBeGreaterThan(1);
    await expect.poll(() => alerts.headerCount()).toBe(api.unread);
    const first = alerts.alert(unread[0].title);
    await first.getByRole('button', { name: /^Mark as read/ }).click();
    await expect(first.getByRole('button', { name: /^Mark as unread/ })).toBeVisible();
    await expect.poll(() => alerts.headerCount()).toBe(api.unread - 1);
    await page.reload();
    await expect(alerts.alert(unread[0].title).getByRole('button', { name: /^Mark as unread/ })).toBeVisible();
    await alerts.markAllRead.click();
    await expect(alerts.unreadSummary).toHaveText('No unread alerts.');
    await expect.poll(() => alerts.headerCount()).toBe(0);
    // back to unread for the next run of this shared database
    const keys = (await alerts.api()).items.map((a) => a.key);
    const r = await page.request.post('/api/v1/alerts/read', { data: { keys, read: false } });
    expect(r.status()).toBe(200);
  });
});
