import { expect, test } from './fixtures/test';
import { DEMO, LoginPage, PLAN_NAME } from './fixtures/login_page';
import { DASHBOARD_PATH, ShellPage } from './fixtures/shell_page';

// Signs member1 in and out (its own sessions only): runs on desktop and mobile.
test.describe('sign in and out', () => {
  test('member1 sees their dashboard, signs out, and / then sends them to sign-in', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(DEMO.member1.username, DEMO.member1.password);

    const shell = new ShellPage(page);
    await shell.expectSignedIn();
    await shell.expectDashboardShows(DEMO.member1.firstName, PLAN_NAME, '100200300*01');

    await shell.signOut();
    await login.expectLoaded();

    // The session is gone on the server too.
    const me = await page.request.get('/api/v1/me');
    expect(me.status(), 'GET /api/v1/me after sign-out').toBe(401);

    await page.goto(DASHBOARD_PATH);
    await login.expectLoaded();
  });

  test('a wrong password is refused with a message and no session', async ({ page }, testInfo) => {
    const login = new LoginPage(page);
    await login.goto();
    // An account nobody uses (one per project), so no demo account's failure count moves.
    const response = await login.submit(`nobody1${testInfo.project.name.charAt(0)}`, 'Wrong.Pass1');
    expect(response.status(), 'POST /api/v1/auth/login').toBe(401);
    await expect(login.alert(/\S/)).toBeVisible();
    await login.expectLoaded();
  });

  test('"Show password" reveals and hides the password', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.password.fill('Secret.Pass1');
    await expect(login.password).toHaveAttribute('type', 'password');

    await login.showPassword.click();
    await expect(login.password).toHaveAttribute('type', 'text');
    await expect(login.showPassword).toHaveAttribute('aria-pressed', 'true');

    await login.showPassword.click();
    await expect(login.password).toHaveAttribute('type', 'password');
    await expect(login.showPassword).toHaveAttribute('aria-pressed', 'false');
  });
});
