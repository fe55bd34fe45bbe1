import { expect, test } from './fixtures/test';
import { AccountPage } from './fixtures/account_page';
import { expectNoA11yViolations } from './fixtures/axe';
import { LoginPage } from './fixtures/login_page';
import { RecoveryPage } from './fixtures/recovery_page';
import { securityAccount } from './fixtures/security_accounts';

// Read-only: runs on desktop and mobile.
test.describe('account security pages are accessible', () => {
  for (const path of ['/forgot-username', '/forgot-password', '/unlock'] as const) {
    test(`${path}: no violations, before and after a submit with every field empty`, async ({ page }) => {
      const recovery = new RecoveryPage(page);
      await recovery.goto(path);
      await expectNoA11yViolations(page, path);
      // Nothing is sent while a field is broken; each field says what is wrong.
      let sent = false;
      page.on('request', (r) => {
        if (new URL(r.url()).pathname.startsWith('/api/v1/recovery/')) sent = true;
      });
      await page.locator('form').getByRole('button').last().click();
      await expect(recovery.memberId).toHaveAttribute('aria-invalid', 'true');
      await expect(recovery.memberId).toBeFocused();
      await expectNoA11yViolations(page, `${path} with errors`);
      expect(sent, 'no request while invalid').toBe(false);
    });
  }

  test('/account: no violations; history and sessions listed', async ({ page }) => {
    const who = securityAccount(8);
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(who.username, who.password);
    const account = new AccountPage(page);
    await account.goto();
    await expect(account.sessions.getByText('This device').first()).toBeVisible();
    await expect(account.history.getByRole('row').filter({ hasText: 'Signed in' }).first()).toBeVisible();
    await expectNoA11yViolations(page, '/account');
  });
});
