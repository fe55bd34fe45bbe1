import { expect, test } from './fixtures/test';
import { LEGACY, LegacyForm, LoginPage } from './fixtures/login_page';
import { expectNoA11yViolations } from './fixtures/axe';

// Legacy first sign-in (issue 12): the old website's ID number and PIN,
// typed as username and password, lead to a username and password of the
// member's own; the PIN then works no more.
test.describe('legacy first sign-in', () => {
  test('the ID number and PIN open the new-credentials form, which checks as you type', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.submit(LEGACY.lee.idNumber, LEGACY.lee.pin);
    const form = new LegacyForm(page);
    await expect(form.heading).toHaveText(`Welcome, ${LEGACY.lee.firstName}: choose your username and password`);
    await expect(form.heading).toBeFocused();
    await form.password.fill('short');
    await expect(form.passwordRules).toBeVisible();
    // Nothing is sent while a rule is broken.
    let sent = false;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/auth/legacy') sent = true;
    });
    await form.create.click();
    await expect(page.getByText('Accept the terms of service and the privacy notice to create an account.')).toBeVisible();
    expect(sent).toBe(false);
    await expectNoA11yViolations(page, 'legacy first sign-in form');
  });
});

test.describe('legacy first sign-in, completed', { tag: '@desktop-only' }, () => {
  test('Pat chooses a username and password, is signed in, and the PIN stops working', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.submit(LEGACY.pat.idNumber, LEGACY.pat.pin);
    const form = new LegacyForm(page);
    await expect(form.heading).toBeVisible();
    await form.username.fill('patalvarez');
    await form.password.fill('Garden.Path9');
    await form.confirm.fill('Garden.Path9');
    await form.terms.check();
    await form.create.click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Pat');
    // The PIN was for once only.
    const again = await page.request.post('/api/v1/auth/login', {
      data: { username: LEGACY.pat.idNumber, password: LEGACY.pat.pin },
    });
    expect(again.status()).toBe(401);
  });
});
