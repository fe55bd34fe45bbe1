import { expect, test } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { DEMO, LoginPage } from './fixtures/login_page';
import { RegisterPage } from './fixtures/register_page';
import { ShellPage } from './fixtures/shell_page';

// WCAG 2.1 A/AA with axe, on desktop and mobile. Changes no server state
// (member2 is never locked; a failed sign-in uses an unknown username).
test.describe('accessibility (axe, WCAG 2.1 AA)', () => {
  test('sign-in page', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await expectNoA11yViolations(page, '/login');
  });

  test('sign-in page with an error shown', async ({ page }, testInfo) => {
    const login = new LoginPage(page);
    await login.goto();
    const response = await login.submit(`nobody2${testInfo.project.name.charAt(0)}`, 'Wrong.Pass1');
    expect(response.status()).toBe(401);
    await expect(login.alert(/\S/)).toBeVisible();
    await expectNoA11yViolations(page, '/login with an error');
  });

  test('registration, identity details', async ({ page }) => {
    const register = new RegisterPage(page);
    await register.goto();
    await register.useIdentity();
    await expectNoA11yViolations(page, '/register (identity)');
  });

  test('registration, activation code', async ({ page }) => {
    const register = new RegisterPage(page);
    await register.goto();
    await register.useActivationCode();
    await expectNoA11yViolations(page, '/register (activation code)');
  });

  test('registration with errors shown', async ({ page }) => {
    const register = new RegisterPage(page);
    await register.goto();
    await register.useIdentity();
    await register.fillIdentity({ memberId: '100200300*02', dateOfBirth: '1986-07-22', ssnLast4: '33' });
    await register.fillCredentials({ username: 'jo dan', password: 'abc', confirm: 'abd' });
    if (await register.createAccount.isEnabled()) {
      await register.createAccount.click();
    }
    await register.expectFieldError(register.memberId, /asterisk/i);
    await expectNoA11yViolations(page, '/register with errors');
  });

  test('dashboard', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(DEMO.member2.username, DEMO.member2.password);
    const shell = new ShellPage(page);
    await shell.expectSignedIn();
    await shell.expectDashboardShows(DEMO.member2.firstName);
    await expectNoA11yViolations(page, 'dashboard');
  });

  test('not-found page', async ({ page }) => {
    await page.goto('/no/such/page-here');
    await expect(page.getByRole('heading', { name: /not found/i })).toBeVisible();
    await expectNoA11yViolations(page, 'not found');
  });
});
