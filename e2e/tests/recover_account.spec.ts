import { expect, test } from './fixtures/test';
import { AccountPage } from './fixtures/account_page';
import { expectNoA11yViolations } from './fixtures/axe';
import { LoginPage } from './fixtures/login_page';
import { codeSentTo, lastMessageTo, messagesTo, RecoveryPage } from './fixtures/recovery_page';
import { securityAccount } from './fixtures/security_accounts';
import { ShellPage } from './fixtures/shell_page';

// These change accounts (and count toward the per-address recovery limit): desktop only.
test.describe('recovery without a session', { tag: '@desktop-only' }, () => {
  test('forgot username: the username goes to the email on file, never to the page; a mismatch gets the same answer', async ({ page }) => {
    // Several steps, each checked with axe: more than the default 30 s under a parallel run.
    test.setTimeout(90_000);
    const who = securityAccount(2);
    const email = who.email as string;
    const login = new LoginPage(page);
    await login.goto();
    await expectNoA11yViolations(page, 'sign-in page with help links');
    await page.getByRole('link', { name: 'Forgot username?' }).click();
    const recovery = new RecoveryPage(page);
    await expect(recovery.memberId).toBeVisible();
    await expectNoA11yViolations(page, 'forgot username');

    // Checked before anything is sent: the asterisk has its own message.
    await recovery.memberId.fill('400500600*02');
    await page.getByRole('button', { name: 'Send my username' }).click();
    await expect(page.getByText(/Leave out the asterisk/)).toBeVisible();
    await expect(recovery.memberId).toHaveAttribute('aria-invalid', 'true');

    // A mismatch: the neutral answer, and nothing is sent.
    const before = (await messagesTo(page.request, email)).length;
    await recovery.fillIdentity({ ...who, lastName: 'Leigh' });
    expect(await recovery.submit('Send my username')).toBe(202);
    await expect(recovery.status).toContainText(/If these details match an account/);
    await expect(recovery.status).toContainText(/call Member Services at 1-800-555-0142/);
    const neutral = (await recovery.status.first().locator('p').first().textContent()) ?? '';
    expect((await messagesTo(page.request, email)).length).toBe(before);

    // The right details: the same answer on the page, the username in the message.
    await recovery.goto('/forgot-username');
    await recovery.fillIdentity(who);
    expect(await recovery.submit('Send my username')).toBe(202);
    await expect(recovery.status.first().locator('p').first()).toHaveText(neutral);
    await expect(page.getByText(who.username)).toHaveCount(0);
    const message = await lastMessageTo(page.request, email, 'username');
    expect(message.body).toContain(who.username);
    await expectNoA11yViolations(page, 'forgot username, sent');
  });

  test('forgot password: a code sent to the email on file, reuse refused, then a new password signs every old session out', async ({ page, browser }) => {
    // Several steps, each checked with axe: more than the default 30 s under a parallel run.
    test.setTimeout(90_000);
    const who = securityAccount(3);
    // An old session in another browser.
    const other = await browser.newContext();
    const oldPage = await other.newPage();
    const oldLogin = new LoginPage(oldPage);
    await oldLogin.goto();
    await oldLogin.signIn(who.username, who.password);

    const recovery = new RecoveryPage(page);
    await recovery.goto('/forgot-password');
    await expectNoA11yViolations(page, 'forgot password');
    await recovery.fillIdentity(who);
    expect(await recovery.submit('Send me a code')).toBe(202);
    await expect(recovery.status).toContainText(/6-digit code/);
    await expect(recovery.code).toBeVisible();
    const code = await codeSentTo(page.request, who.email as string);

    // Checked before anything is sent.
    await recovery.code.fill('12');
    await recovery.newPassword.fill(who.password);
    await recovery.confirmPassword.fill(who.password);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(recovery.code).toHaveAttribute('aria-invalid', 'true');

    await recovery.code.fill(code);
    expect(await recovery.submit('Set new password')).toBe(400);
    await expect(page.getByText(/used this password before/)).toBeVisible();
    await expect(recovery.newPassword).toHaveAttribute('aria-invalid', 'true');
    await expectNoA11yViolations(page, 'forgot password, code step');

    const fresh = 'Lee.Fresh42';
    await recovery.newPassword.fill(fresh);
    await recovery.confirmPassword.fill(fresh);
    // The live checklist shows every rule met.
    await expect(page.getByRole('list', { name: 'Your password needs' }).getByText('Not met:')).toHaveCount(0);
    expect(await recovery.submit('Set new password')).toBe(200);
    await expect(recovery.status).toContainText(/password is changed/);
    await expectNoA11yViolations(page, 'forgot password, done');
    // The email on file is told.
    await lastMessageTo(page.request, who.email as string, 'password_changed');

    // The old session is gone: its next request goes to sign-in.
    await oldPage.goto('/account');
    await expect(oldPage).toHaveURL(/\/login/);
    await other.close();

    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(who.username, fresh);
    await new ShellPage(page).expectSignedIn();
  });

  test('unlock: after a lockout, the code sent to the email on file ends it; a wrong code is refused', async ({ page }) => {
    // Several steps, each checked with axe: more than the default 30 s under a parallel run.
    test.setTimeout(90_000);
    const who = securityAccount(4);
    const login = new LoginPage(page);
    await login.goto();
    for (let i = 1; i <= 5; i++) {
      await login.submit(who.username, `Wrong.Pass${i}`);
    }
    await expect(login.alert(/locked/i)).toBeVisible();
    await page.getByRole('link', { name: 'Unlock account' }).click();
    const recovery = new RecoveryPage(page);
    await expect(recovery.memberId).toBeVisible();
    await expectNoA11yViolations(page, 'unlock');
    await recovery.fillIdentity(who);
    expect(await recovery.submit('Send me a code')).toBe(202);
    const code = await codeSentTo(page.request, who.email as string);
    await recovery.code.fill(code === '000000' ? '111111' : '000000');
    expect(await recovery.submit('Unlock my account')).toBe(400);
    await expect(page.getByText(/That code is not right/)).toBeVisible();
    await expect(recovery.code).toHaveAttribute('aria-invalid', 'true');
    await recovery.code.fill(code);
    expect(await recovery.submit('Unlock my account')).toBe(200);
    await expect(recovery.status).toContainText(/unlocked/);
    await page.getByRole('link', { name: 'Sign in now' }).click();
    await login.expectLoaded();
    await login.signIn(who.username, who.password);
    await new ShellPage(page).expectSignedIn();
    // The history marks what happened.
    const account = new AccountPage(page);
    await account.goto();
    await expect(account.history.getByRole('row').filter({ hasText: 'Account unlocked' })).toBeVisible();
    await expect(account.history.getByRole('row').filter({ hasText: 'Recovery code sent' })).toBeVisible();
    await expect(account.history.getByText(/Unusual/).first()).toBeVisible();
  });

  test('the demo outbox page lists what was sent', async ({ page }) => {
    await page.goto('/dev/outbox');
    await expect(page.getByRole('heading', { name: 'Demo outbox' })).toBeVisible();
  });
});
